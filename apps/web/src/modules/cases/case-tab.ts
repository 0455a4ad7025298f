import type { CaseTabDefinition } from '../../app/case-page/case-tab';

/** The case's own sections of the case page (app/case-page/case-tab.ts). */
export const profileCaseTab: CaseTabDefinition = {
  id: 'profile',
  order: 10,
  labelKey: 'cases:tabs.profile',
  load: () => import('./components/profile-tab').then((m) => m.ProfileTab),
};

export const identityCaseTab: CaseTabDefinition = {
  id: 'identity',
  order: 20,
  labelKey: 'cases:tabs.identity',
  load: () => import('./components/identity-section').then((m) => m.IdentitySection),
};
