import type { Action, SubjectName } from '@haven/access';
import type { ReactNode } from 'react';
import { NotFoundPage } from '../../../app/layout/not-found-page';
import { useAppAbility } from '../hooks/use-app-ability';

/**
 * Hides a whole screen from roles that cannot use it. The API still decides; this only spares the user a
 * page that would fail, and answers like "not found" so the screen's existence tells nothing either.
 */
export function RequireAbility({
  action,
  subject,
  children,
}: {
  action: Action;
  subject: SubjectName;
  children: ReactNode;
}) {
  const ability = useAppAbility();
  if (!ability.can(action, subject)) return <NotFoundPage />;
  return <>{children}</>;
}
