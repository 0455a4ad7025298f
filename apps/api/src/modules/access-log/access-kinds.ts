import type { CaseAccessKind, SystemEventKind } from '@haven/contracts';

/**
 * How audit actions group into the kinds people filter on. The repository turns the same
 * lists into SQL, so the filter and the label of a row can never disagree.
 */
export const CASE_ACCESS_ACTIONS = {
  /**
   * Someone saw who the survivor is, or found her case by her name (the duplicate check, a name search),
   * or opened a file of hers, or saw the names of people around her recorded on the case (CaseRecordNames).
   */
  identity: [
    'case.identity.read',
    'case.identity.listed',
    'case.names.read',
    'case.duplicate.matched',
    'case.name.matched',
    'document.downloaded',
    'document.previewed',
  ],
  /** Someone read this very log. */
  oversight: ['case.access-log.read'],
} as const satisfies Partial<Record<CaseAccessKind, readonly string[]>>;

/** Anything that sent the case, or part of it, to another organisation, or out of Haven on paper (a printed summary). */
export const SHARING_PREFIXES = ['referral.', 'transfer.', 'case.summary.'] as const;

/** Sign-in events (success, failure, sign-out, password change, lock-out, two-factor…) all start so. */
export const SIGN_IN_PREFIX = 'auth.';

export function caseAccessKindOf(action: string): CaseAccessKind {
  if ((CASE_ACCESS_ACTIONS.identity as readonly string[]).includes(action)) return 'identity';
  if ((CASE_ACCESS_ACTIONS.oversight as readonly string[]).includes(action)) return 'oversight';
  if (SHARING_PREFIXES.some((prefix) => action.startsWith(prefix))) return 'sharing';
  return 'changes';
}

export function systemEventKindOf(action: string): SystemEventKind {
  return action.startsWith(SIGN_IN_PREFIX) ? 'sign-in' : 'system';
}
