// What other modules may use of this one; everything else is private to it (eslint.config.js).
export { RiskBadge } from './components/case-badges';
export { caseKeys, refreshAfterCaseChange } from './hooks/case-cache';
export { useCasePermissions } from './hooks/use-case-permissions';
export { caseTabHref } from './utils/case-tabs';
export { languageName } from './utils/identity-form';
