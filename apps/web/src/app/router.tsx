import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { RequireAbility } from '../modules/auth/components/require-ability';
import { RequireSession } from '../modules/auth/components/require-session';
import { AppLayout } from './layout/app-layout';
import { NotFoundPage } from './layout/not-found-page';
import { PageLoader } from './layout/page-loader';
import { RouteError } from './layout/route-error';

// Screens are split into their own chunks so the first load (often on a weak connection) stays small.
const SignInPage = lazy(() => import('../modules/auth/components/sign-in-page').then((m) => ({ default: m.SignInPage })));
const HomePage = lazy(() => import('../modules/home/components/home-page').then((m) => ({ default: m.HomePage })));
const CaseListPage = lazy(() =>
  import('../modules/cases/components/case-list-page').then((m) => ({ default: m.CaseListPage })),
);
const RegisterCasePage = lazy(() =>
  import('../modules/cases/components/register-case-page').then((m) => ({ default: m.RegisterCasePage })),
);
const CasePage = lazy(() => import('../modules/cases/components/case-page').then((m) => ({ default: m.CasePage })));

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
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
