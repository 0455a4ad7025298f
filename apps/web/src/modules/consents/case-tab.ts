import type { CaseTabDefinition } from '../../app/case-page/case-tab';

/** This module's section of the case page (app/case-page/case-tab.ts). */
export const consentsCaseTab: CaseTabDefinition = {
  id: 'consent',
  order: 30,
  labelKey: 'consents:caseTab',
  load: () => import('./components/consents-tab').then((m) => m.ConsentsTab),
};
