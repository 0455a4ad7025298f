import type { CaseTabDefinition } from '../../app/case-page/case-tab';

/** This module's section of the case page (app/case-page/case-tab.ts). */
export const tasksCaseTab: CaseTabDefinition = {
  id: 'tasks',
  order: 80,
  labelKey: 'tasks:caseTab',
  load: () => import('./components/tasks-tab').then((m) => m.TasksTab),
};
