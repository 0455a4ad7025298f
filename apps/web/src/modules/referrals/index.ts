// What other modules may use of this one; everything else is private to it (eslint.config.js).
export { LensViewPanel } from './components/lens-view';
export { ReferralStatusBadge } from './components/referral-status-badge';
export { ConsentRequiredAlert, ReturnBlockedAlert, ReturnSuspendedNote } from './components/sharing-alerts';
export { useDirectory } from './hooks/use-referrals';
export { isConsentRequired, isGenericProblem, returnRefusal } from './utils/sharing-problems';
