import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { RequireAbility } from '../modules/auth/components/require-ability';
import { RequireSession } from '../modules/auth/components/require-session';
import { AppLayout } from './layout/app-layout';
import { NotFoundPage } from './layout/not-found-page';
import { PageLoader } from './layout/page-loader';
import { RouteError } from './layout/route-error';

// Screens are split into their own chunks so the first load (often on a weak connection) stays small.
const SignInPage = lazy(() =>
  import('../modules/auth/components/sign-in-page').then((m) => ({ default: m.SignInPage })),
);
const EnrolTwoFactorPage = lazy(() =>
  import('../modules/auth/components/enrol-two-factor-page').then((m) => ({ default: m.EnrolTwoFactorPage })),
);
const SecurityPage = lazy(() =>
  import('../modules/auth/components/security-page').then((m) => ({ default: m.SecurityPage })),
);
const StaffPage = lazy(() =>
  import('../modules/administration/components/staff-page').then((m) => ({ default: m.StaffPage })),
);
const OrganisationsPage = lazy(() =>
  import('../modules/administration/components/organisations-page').then((m) => ({ default: m.OrganisationsPage })),
);
const ActivatePage = lazy(() =>
  import('../modules/administration/components/activate-page').then((m) => ({ default: m.ActivatePage })),
);
const HomePage = lazy(() => import('./home/home-page').then((m) => ({ default: m.HomePage })));
const CaseListPage = lazy(() =>
  import('../modules/cases/components/case-list-page').then((m) => ({ default: m.CaseListPage })),
);
const RegisterCasePage = lazy(() =>
  import('../modules/cases/components/register-case-page').then((m) => ({ default: m.RegisterCasePage })),
);
const CasePage = lazy(() => import('./case-page/case-page').then((m) => ({ default: m.CasePage })));
const OccupancyBoardPage = lazy(() =>
  import('../modules/shelters/components/occupancy-board-page').then((m) => ({ default: m.OccupancyBoardPage })),
);
const ShelterPage = lazy(() =>
  import('../modules/shelters/components/shelter-page').then((m) => ({ default: m.ShelterPage })),
);
const ProgrammesPage = lazy(() =>
  import('../modules/training/components/programmes-page').then((m) => ({ default: m.ProgrammesPage })),
);
const ProgrammePage = lazy(() =>
  import('../modules/training/components/programme-page').then((m) => ({ default: m.ProgrammePage })),
);
const StatisticsDashboardPage = lazy(() =>
  import('../modules/statistics/components/statistics-dashboard-page').then((m) => ({
    default: m.StatisticsDashboardPage,
  })),
);
const IndicatorReportPage = lazy(() =>
  import('../modules/statistics/components/indicator-report-page').then((m) => ({ default: m.IndicatorReportPage })),
);
const ProgrammeRegistersPage = lazy(() =>
  import('../modules/programme/components/programme-registers-page').then((m) => ({
    default: m.ProgrammeRegistersPage,
  })),
);
const ProgrammeResultsPage = lazy(() =>
  import('../modules/statistics/components/programme-results-page').then((m) => ({ default: m.ProgrammeResultsPage })),
);
const StatisticsMethodologyPage = lazy(() =>
  import('../modules/statistics/components/methodology-page').then((m) => ({ default: m.StatisticsMethodologyPage })),
);
const InboxPage = lazy(() =>
  import('../modules/partner-inbox/components/inbox-page').then((m) => ({ default: m.InboxPage })),
);
const PartnerReferralPage = lazy(() =>
  import('../modules/partner-inbox/components/partner-referral-page').then((m) => ({ default: m.PartnerReferralPage })),
);
const ReferralSummaryPage = lazy(() =>
  import('../modules/partner-inbox/components/referral-summary-page').then((m) => ({ default: m.ReferralSummaryPage })),
);
const CaseSummaryPage = lazy(() =>
  import('../modules/case-summary/components/case-summary-page').then((m) => ({ default: m.CaseSummaryPage })),
);
const RetentionPage = lazy(() =>
  import('../modules/data-protection/components/retention-page').then((m) => ({ default: m.RetentionPage })),
);
const IncomingTransfersPage = lazy(() =>
  import('../modules/transfers/components/incoming-transfers-page').then((m) => ({ default: m.IncomingTransfersPage })),
);
const AuditEventsPage = lazy(() =>
  import('../modules/access-log/components/audit-events-page').then((m) => ({ default: m.AuditEventsPage })),
);

function Standalone({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageLoader fullScreen />}>{children}</Suspense>;
}

export function createAppRouter() {
  return createBrowserRouter([
    {
      path: '/sign-in',
      element: (
        <Standalone>
          <SignInPage />
        </Standalone>
      ),
      errorElement: <RouteError />,
    },
    {
      // A one-time invitation or reset link: no session needed, the link is the proof.
      path: '/activate',
      element: (
        <Standalone>
          <ActivatePage />
        </Standalone>
      ),
      errorElement: <RouteError />,
    },
    {
      path: '/two-factor/enrol',
      element: (
        <RequireSession forEnrolment>
          <Standalone>
            <EnrolTwoFactorPage />
          </Standalone>
        </RequireSession>
      ),
      errorElement: <RouteError />,
    },
    {
      path: '/',
      element: (
        <RequireSession>
          <AppLayout />
        </RequireSession>
      ),
      errorElement: <RouteError />,
      children: [
        { index: true, element: <HomePage /> },
        {
          path: 'cases',
          element: (
            <RequireAbility action="list" subject="Case">
              <CaseListPage />
            </RequireAbility>
          ),
        },
        {
          path: 'cases/new',
          element: (
            <RequireAbility action="create" subject="Case">
              <RegisterCasePage />
            </RequireAbility>
          ),
        },
        { path: 'cases/:caseId', element: <CasePage /> },
        // Read like the case itself: the API answers 404 outside the reader's scope.
        { path: 'cases/:caseId/summary', element: <CaseSummaryPage /> },
        // A partner's referrals: only the referral's lens, never the case behind it.
        {
          path: 'referrals',
          element: (
            <RequireAbility action="read" subject="Referral">
              <InboxPage />
            </RequireAbility>
          ),
        },
        {
          path: 'referrals/:referralId',
          element: (
            <RequireAbility action="read" subject="Referral">
              <PartnerReferralPage />
            </RequireAbility>
          ),
        },
        {
          path: 'referrals/:referralId/summary',
          element: (
            <RequireAbility action="read" subject="Referral">
              <ReferralSummaryPage />
            </RequireAbility>
          ),
        },
        {
          path: 'transfers/incoming',
          element: (
            // Staff of an organisation that runs cases reach it: its supervisors decide, its caseworkers are told who does.
            <RequireAbility action="list" subject="Case">
              <IncomingTransfersPage />
            </RequireAbility>
          ),
        },
        {
          path: 'shelters',
          element: (
            <RequireAbility action="read" subject="Shelter">
              <OccupancyBoardPage />
            </RequireAbility>
          ),
        },
        {
          path: 'shelters/:shelterId',
          element: (
            <RequireAbility action="read" subject="Shelter">
              <ShelterPage />
            </RequireAbility>
          ),
        },
        {
          path: 'training',
          element: (
            <RequireAbility action="read" subject="TrainingProgramme">
              <ProgrammesPage />
            </RequireAbility>
          ),
        },
        {
          path: 'training/:programmeId',
          element: (
            <RequireAbility action="read" subject="TrainingProgramme">
              <ProgrammePage />
            </RequireAbility>
          ),
        },
        {
          path: 'statistics',
          element: (
            <RequireAbility action="read" subject="Statistics">
              <StatisticsDashboardPage />
            </RequireAbility>
          ),
        },
        {
          path: 'statistics/indicators',
          element: (
            <RequireAbility action="read" subject="Statistics">
              <IndicatorReportPage />
            </RequireAbility>
          ),
        },
        {
          path: 'programme',
          element: (
            <RequireAbility action="read" subject="ProgrammeRecord">
              <ProgrammeRegistersPage />
            </RequireAbility>
          ),
        },
        {
          path: 'statistics/results',
          element: (
            <RequireAbility action="read" subject="Statistics">
              <ProgrammeResultsPage />
            </RequireAbility>
          ),
        },
        {
          path: 'statistics/methodology',
          element: (
            <RequireAbility action="read" subject="Statistics">
              <StatisticsMethodologyPage />
            </RequireAbility>
          ),
        },
        { path: 'security', element: <SecurityPage /> },
        {
          path: 'users',
          element: (
            <RequireAbility action="manage" subject="User">
              <StaffPage mode="admin" />
            </RequireAbility>
          ),
        },
        // A supervisor's caseworkers and her organisation's settings.
        {
          path: 'team',
          element: (
            <RequireAbility action="create" subject="User">
              <StaffPage mode="team" />
            </RequireAbility>
          ),
        },
        {
          path: 'admin/organisations',
          element: (
            <RequireAbility action="manage" subject="Organisation">
              <OrganisationsPage />
            </RequireAbility>
          ),
        },
        {
          path: 'audit',
          element: (
            <RequireAbility action="list" subject="AuditLog">
              <AuditEventsPage />
            </RequireAbility>
          ),
        },
        {
          path: 'admin/retention',
          element: (
            <RequireAbility action="manage" subject="Organisation">
              <RetentionPage />
            </RequireAbility>
          ),
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
