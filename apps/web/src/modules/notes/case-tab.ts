import type { CaseTabDefinition } from '../../app/case-page/case-tab';

/** This module's section of the case page (app/case-page/case-tab.ts). */
export const notesCaseTab: CaseTabDefinition = {
  id: 'notes',
  order: 70,
  labelKey: 'notes:caseTab',
  load: () => import('./components/notes-tab').then((m) => m.NotesTab),
};
