import type { CaseDetail } from '@haven/contracts';
import { Tabs } from '@mantine/core';
import { lazy, Suspense, useEffect, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearchParams } from 'react-router';
import { SectionLoader } from '../../../app/layout/section-states';
import { useAppAbility } from '../../auth';
import { caseSubject } from '../utils/case-subject';
import { CASE_TABS, DEFAULT_CASE_TAB, readCaseTab, wantsTabFocus, type CaseTab } from '../utils/case-tabs';

type TabComponent = ComponentType<{ detail: CaseDetail }>;

// Each tab is its own chunk, fetched when first opened: most visits use two or three of them.
const TAB_PANELS: Record<CaseTab, TabComponent> = {
  profile: lazy(() => import('./profile-tab').then((m) => ({ default: m.ProfileTab }))),
  identity: lazy(() => import('./identity-section').then((m) => ({ default: m.IdentitySection }))),
  consent: lazy(() => import('../../consents/components/consents-tab').then((m) => ({ default: m.ConsentsTab }))),
  assessments: lazy(() => import('../../assessments/components/assessments-tab').then((m) => ({ default: m.AssessmentsTab }))),
  plan: lazy(() => import('../../support-plans/components/plan-tab').then((m) => ({ default: m.PlanTab }))),
  services: lazy(() => import('../../service-records/components/services-tab').then((m) => ({ default: m.ServicesTab }))),
  notes: lazy(() => import('../../notes/components/notes-tab').then((m) => ({ default: m.NotesTab }))),
  tasks: lazy(() => import('../../tasks/components/tasks-tab').then((m) => ({ default: m.TasksTab }))),
  history: lazy(() => import('./history-tab').then((m) => ({ default: m.HistoryTab }))),
  referrals: lazy(() => import('../../referrals/components/referrals-tab').then((m) => ({ default: m.ReferralsTab }))),
  placement: lazy(() => import('../../shelters/components/placement-tab').then((m) => ({ default: m.PlacementTab }))),
  training: lazy(() => import('../../training/components/training-tab').then((m) => ({ default: m.TrainingTab }))),
  reintegration: lazy(() => import('../../reintegration/components/reintegration-tab').then((m) => ({ default: m.ReintegrationTab }))),
  'access-log': lazy(() => import('../../access-log/components/access-log-tab').then((m) => ({ default: m.AccessLogTab }))),
  dataProtection: lazy(() => import('../../data-protection/components/data-protection-tab').then((m) => ({ default: m.DataProtectionTab }))),
};

const TABS_ID = 'case-tabs';

/**
 * The case's sections as WAI-ARIA tabs (arrow keys move between them, Tab moves into the panel). Only the open
 * tab is mounted, so a tab's data (and the identity above all) is fetched only when someone looks at it.
 */
export function CaseTabs({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const ability = useAppAbility();
  // The access log is for supervisors (the API answers 404 to anyone else); they see only their organisation's cases.
  // Access and erasure requests are for those who may export a survivor's data (supervisors): the tab is theirs only.
  const tabs = CASE_TABS.filter(
    (value) => (value !== 'access-log' || ability.can('read', 'AuditLog')) && (value !== 'dataProtection' || ability.can('export', caseSubject(detail))),
  );
  const requested = readCaseTab(params);
  const tab = tabs.includes(requested) ? requested : DEFAULT_CASE_TAB;

  const select = (value: string | null) => {
    if (!value) return;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === DEFAULT_CASE_TAB) next.delete('tab');
        else next.set('tab', value);
        return next;
      },
      // Switching tabs is not a new page: Back leaves the case rather than stepping through its tabs.
      { replace: true },
    );
  };

  // Links that open a tab on purpose ("still to complete") move focus to it, so keyboard and screen-reader
  // users land where the work is instead of at the top of the page.
  useEffect(() => {
    if (wantsTabFocus(location.state)) document.getElementById(`${TABS_ID}-tab-${tab}`)?.focus();
  }, [location.key, location.state, tab]);

  return (
    <Tabs id={TABS_ID} value={tab} onChange={select} keepMounted={false} variant="outline">
      <Tabs.List aria-label={t('cases.tabs.label')}>
        {tabs.map((value) => (
          <Tabs.Tab key={value} value={value}>
            {t(`cases.tabs.${value}`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {tabs.map((value) => {
        const Panel = TAB_PANELS[value];
        return (
          <Tabs.Panel key={value} value={value} pt="lg">
            <Suspense fallback={<SectionLoader />}>
              <Panel detail={detail} />
            </Suspense>
          </Tabs.Panel>
        );
      })}
    </Tabs>
  );
}
