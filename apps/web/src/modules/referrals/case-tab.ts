import type { CaseTabDefinition } from '../../app/case-page/case-tab';

/** This module's section of the case page (app/case-page/case-tab.ts). */
export const referralsCaseTab: CaseTabDefinition = {
  id: 'referrals',
  order: 100,
  labelKey: 'referrals:tab',
  load: () => import('./components/referrals-tab').then((m) => m.ReferralsTab),
};
