import { AbilityProvider } from '@casl/react';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorState } from '../../../app/layout/error-state';
import { PageLoader } from '../../../app/layout/page-loader';
import { useAbilityFromSession } from '../hooks/use-app-ability';
import { SessionContext } from '../hooks/session-context';
import { useMe } from '../hooks/use-session';

/**
 * Everything behind sign-in renders inside this guard, with the user's ability available to hide actions.
 * A session that must first set up a second factor is sent to enrolment (the API refuses it everything
 * else anyway); `forEnrolment` marks the enrolment page itself.
 */
export function RequireSession({ children, forEnrolment = false }: { children: ReactNode; forEnrolment?: boolean }) {
  const me = useMe();
  const location = useLocation();
  const ability = useAbilityFromSession(me.data);

  if (me.isPending) return <PageLoader fullScreen />;
  if (me.isError) return <ErrorState fullScreen onRetry={() => void me.refetch()} />;
  if (!me.data) {
    return <Navigate to="/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  if (me.data.twoFactor.enrolmentRequired && !forEnrolment) return <Navigate to="/two-factor/enrol" replace />;
  return (
    <SessionContext.Provider value={me.data}>
      <AbilityProvider value={ability}>{children}</AbilityProvider>
    </SessionContext.Provider>
  );
}
