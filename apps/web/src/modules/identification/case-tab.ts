import type { CaseTabDefinition } from '../../app/case-page/case-tab';

/** This module's section of the case page (app/case-page/case-tab.ts). */
export const identificationCaseTab: CaseTabDefinition = {
  id: 'identification',
  order: 22,
  labelKey: 'identification:caseTab',
  load: () => import('./components/identification-tab').then((m) => m.IdentificationTab),
};
