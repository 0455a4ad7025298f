import { caseSubject } from '../cases';
import type { CaseTabDefinition } from '../../app/case-page/case-tab';

/** This module's section of the case page (app/case-page/case-tab.ts). */
export const dataProtectionCaseTab: CaseTabDefinition = {
  id: 'dataProtection',
  order: 150,
  labelKey: 'dataProtection:tab',
  load: () => import('./components/data-protection-tab').then((m) => m.DataProtectionTab),
  // Access and erasure requests are for those who may export a survivor's data (supervisors): the tab is theirs only.
  isAvailable: (ability, detail) => ability.can('export', caseSubject(detail)),
};
