// What other modules may use of this one; everything else is private to it (eslint.config.js).
export { RiskBadge } from './components/case-badges';
export { caseKeys, refreshAfterCaseChange } from './hooks/case-cache';
export { useCasePermissions } from './hooks/use-case-permissions';
export { caseTabHref } from './utils/case-tabs';
export { languageName, languageOptions } from './utils/identity-form';
export { CaseHeader } from './components/case-header';
export { MissingItems } from './components/missing-items';
export { useCase, useCaseHistory } from './hooks/use-cases';
export { profileField } from './utils/profile-fields';
export { caseSubject } from './utils/case-subject';
export { DEFAULT_CASE_TAB, wantsTabFocus } from './utils/case-tabs';
