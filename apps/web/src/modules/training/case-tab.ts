import type { CaseTabDefinition } from '../../app/case-page/case-tab';

/** This module's section of the case page (app/case-page/case-tab.ts). */
export const trainingCaseTab: CaseTabDefinition = {
  id: 'training',
  order: 120,
  labelKey: 'training:caseTab',
  load: () => import('./components/training-tab').then((m) => m.TrainingTab),
};
