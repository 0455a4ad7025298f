import { subject } from '@casl/ability';
import type { CaseTabDefinition } from '../../app/case-page/case-tab';

/** This module's section of the case page (app/case-page/case-tab.ts): for those who may read the case's files. */
export const documentsCaseTab: CaseTabDefinition = {
  id: 'documents',
  order: 75,
  labelKey: 'documents:caseTab',
  load: () => import('./components/documents-tab').then((m) => m.DocumentsTab),
  isAvailable: (ability, detail) =>
    ability.can(
      'read',
      subject('CaseDocument', {
        organisationId: detail.organisation.id,
        assigneeId: detail.assignee?.id ?? null,
        team: null,
        sensitive: detail.sensitive ?? true,
      }),
    ),
};
