import type { CaseTabDefinition } from '../../app/case-page/case-tab';

/** This module's section of the case page (app/case-page/case-tab.ts). */
export const legalStatusCaseTab: CaseTabDefinition = {
  id: 'legal-status',
  order: 25,
  labelKey: 'legalStatus:caseTab',
  load: () => import('./components/legal-status-tab').then((m) => m.LegalStatusTab),
};
