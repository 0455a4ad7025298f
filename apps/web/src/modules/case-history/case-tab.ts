import type { CaseTabDefinition } from '../../app/case-page/case-tab';

/** Who changed what and when, as a section of the case page (app/case-page/case-tab.ts). */
export const historyCaseTab: CaseTabDefinition = {
  id: 'history',
  order: 90,
  labelKey: 'cases:tabs.history',
  load: () => import('./components/history-tab').then((m) => m.HistoryTab),
};
