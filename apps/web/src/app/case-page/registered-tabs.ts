import type { CaseTabDefinition } from './case-tab';
import { profileCaseTab, identityCaseTab } from '../../modules/cases/case-tab';
import { historyCaseTab } from '../../modules/case-history/case-tab';
import { consentsCaseTab } from '../../modules/consents/case-tab';
import { childCaseTab } from '../../modules/children/case-tab';
import { assessmentsCaseTab } from '../../modules/assessments/case-tab';
import { supportPlanCaseTab } from '../../modules/support-plans/case-tab';
import { servicesCaseTab } from '../../modules/service-records/case-tab';
import { notesCaseTab } from '../../modules/notes/case-tab';
import { documentsCaseTab } from '../../modules/documents/case-tab';
import { tasksCaseTab } from '../../modules/tasks/case-tab';
import { referralsCaseTab } from '../../modules/referrals/case-tab';
import { placementCaseTab } from '../../modules/shelters/case-tab';
import { trainingCaseTab } from '../../modules/training/case-tab';
import { reintegrationCaseTab } from '../../modules/reintegration/case-tab';
import { accessLogCaseTab } from '../../modules/access-log/case-tab';
import { dataProtectionCaseTab } from '../../modules/data-protection/case-tab';
import { identificationCaseTab } from '../../modules/identification/case-tab';
import { legalStatusCaseTab } from '../../modules/legal-status/case-tab';

/** Every module's section of the case page, in their order (a module's `case-tab.ts` says where it goes). */
export const REGISTERED_CASE_TABS: readonly CaseTabDefinition[] = [
  profileCaseTab,
  identityCaseTab,
  consentsCaseTab,
  childCaseTab,
  assessmentsCaseTab,
  supportPlanCaseTab,
  servicesCaseTab,
  notesCaseTab,
  documentsCaseTab,
  tasksCaseTab,
  historyCaseTab,
  referralsCaseTab,
  placementCaseTab,
  trainingCaseTab,
  reintegrationCaseTab,
  accessLogCaseTab,
  dataProtectionCaseTab,
  identificationCaseTab,
  legalStatusCaseTab,
].sort((a, b) => a.order - b.order);
