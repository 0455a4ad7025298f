import type { CaseTabDefinition } from '../../app/case-page/case-tab';

/** This module's section of the case page (app/case-page/case-tab.ts). */
export const accessLogCaseTab: CaseTabDefinition = {
  id: 'access-log',
  order: 140,
  labelKey: 'casePage.accessLogTab',
  load: () => import('./components/access-log-tab').then((m) => m.AccessLogTab),
  // The access log is for supervisors (the API answers 404 to anyone else); they see only their organisation's cases.
  isAvailable: (ability) => ability.can('read', 'AuditLog'),
};
