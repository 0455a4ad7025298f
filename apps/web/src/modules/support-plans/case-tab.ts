import type { CaseTabDefinition } from '../../app/case-page/case-tab';

/** This module's section of the case page (app/case-page/case-tab.ts). */
export const supportPlanCaseTab: CaseTabDefinition = {
  id: 'plan',
  order: 50,
  labelKey: 'supportPlans:caseTab',
  load: () => import('./components/plan-tab').then((m) => m.PlanTab),
};
