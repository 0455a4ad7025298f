import type { AuditActor } from '@haven/contracts';
import type { TFunction } from 'i18next';

type AccessLogT = TFunction<'accessLog'>;

/** An action's label; an action this version does not name yet (e.g. one added since) shows its code. */
export function actionLabel(t: AccessLogT, labelKey: string, action: string): string {
  return t(`actions.${labelKey}` as never, { defaultValue: action }) as string;
}

/** "Name — role, organisation", or "unknown account" for events without one (a failed sign-in with an unknown e-mail). */
export function actorLabel(t: AccessLogT, actor: AuditActor | null): { name: string; detail: string | null } {
  if (!actor) return { name: t('unknownActor'), detail: null };
  // The comma is the language's (Arabic "،"), so it comes from the catalogue, not from here.
  return {
    name: actor.displayName,
    detail: t('actorDetail', { role: t(`roles.${actor.role}`), organisation: actor.organisationName }),
  };
}

export function reasonLabel(t: AccessLogT, reason: string | null): string {
  if (!reason) return t('noReason');
  return t(`reasons.${reason}` as never, { defaultValue: reason }) as string;
}
