import type { CaseTabDefinition } from '../../app/case-page/case-tab';

/** This module's section of the case page (app/case-page/case-tab.ts). */
export const placementCaseTab: CaseTabDefinition = {
  id: 'placement',
  order: 110,
  labelKey: 'shelters:caseTab',
  load: () => import('./components/placement-tab').then((m) => m.PlacementTab),
};
