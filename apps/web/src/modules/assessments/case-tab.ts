import type { CaseTabDefinition } from '../../app/case-page/case-tab';

/** This module's section of the case page (app/case-page/case-tab.ts). */
export const assessmentsCaseTab: CaseTabDefinition = {
  id: 'assessments',
  order: 40,
  labelKey: 'assessments:caseTab',
  load: () => import('./components/assessments-tab').then((m) => m.AssessmentsTab),
};
