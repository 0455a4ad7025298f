import type { CaseTabDefinition } from '../../app/case-page/case-tab';

/** This module's section of the case page (app/case-page/case-tab.ts). */
export const reintegrationCaseTab: CaseTabDefinition = {
  id: 'reintegration',
  order: 130,
  labelKey: 'reintegration:caseTab',
  load: () => import('./components/reintegration-tab').then((m) => m.ReintegrationTab),
};
