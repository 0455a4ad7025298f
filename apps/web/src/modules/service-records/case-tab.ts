import type { CaseTabDefinition } from '../../app/case-page/case-tab';

/** This module's section of the case page (app/case-page/case-tab.ts). */
export const servicesCaseTab: CaseTabDefinition = {
  id: 'services',
  order: 60,
  labelKey: 'serviceRecords:caseTab',
  load: () => import('./components/services-tab').then((m) => m.ServicesTab),
};
