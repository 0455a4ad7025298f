import type { CaseTabDefinition } from '../../app/case-page/case-tab';

/** This module's section of the case page (app/case-page/case-tab.ts): on a child case only. */
export const childCaseTab: CaseTabDefinition = {
  id: 'child',
  order: 35,
  labelKey: 'children:caseTab',
  load: () => import('./components/child-tab').then((m) => m.ChildTab),
  isAvailable: (_ability, detail) => Boolean(detail.childBasis),
};
