import * as contracts from '@haven/contracts';

/**
 * Each code list the API sends (the enums of libs/contracts), by the group its texts are under in the `common`
 * catalogue (`enums.<group>.<code>`). Forms and pages built from a contract schema find the words for a field's
 * codes here, from the list the schema accepts; app/i18n/translations.spec.ts checks that every code has a text
 * in every language. A new code list adds itself here and its texts under `enums`.
 */
export const CODE_LISTS: Readonly<Record<string, readonly string[]>> = {
  status: contracts.CASE_STATUSES,
  risk: contracts.RISK_LEVELS,
  gender: contracts.GENDERS,
  exploitation: contracts.EXPLOITATION_TYPES,
  stage: contracts.CASE_STAGES,
  consentPurpose: contracts.CONSENT_PURPOSES,
  consentMethod: contracts.CONSENT_METHODS,
  traffickingStatus: contracts.TRAFFICKING_STATUSES,
  decisionBody: contracts.STATUS_DECISION_BODIES,
  relationship: contracts.RELATIONSHIPS_TO_TRAFFICKER,
  recruitmentMethod: contracts.RECRUITMENT_METHODS,
  controlMethod: contracts.CONTROL_METHODS,
  labourIndustry: contracts.LABOUR_INDUSTRIES,
  documentKind: contracts.DOCUMENT_KINDS,
  documentState: contracts.DOCUMENT_STATES,
  assessmentType: contracts.ASSESSMENT_TYPES,
  needArea: contracts.NEED_AREAS,
  needLevel: contracts.NEED_LEVELS,
  protectionOutcome: contracts.PROTECTION_OUTCOMES,
  planType: contracts.SUPPORT_PLAN_TYPES,
  goalStatus: contracts.GOAL_STATUSES,
  planStatus: contracts.PLAN_STATUSES,
  serviceType: contracts.SERVICE_TYPES,
  serviceOutcome: contracts.SERVICE_OUTCOMES,
  closureReason: contracts.CLOSURE_REASONS,
  taskStatus: contracts.TASK_STATUSES,
  incomingReferralSource: contracts.INCOMING_REFERRAL_SOURCES,
  migrationStatus: contracts.MIGRATION_STATUSES,
  permitDecision: contracts.PERMIT_DECISIONS,
};

/**
 * Where the texts of a list of codes are (`enums.<group>`), found by its codes: a schema rebuilds its list
 * (`z.enum(...).options`), so the list is recognised by what it holds rather than by identity.
 */
export function codeTextsOf(codes: readonly string[]): string | undefined {
  const same = (list: readonly string[]) =>
    list.length === codes.length && list.every((code, index) => code === codes[index]);
  const group = Object.entries(CODE_LISTS).find(([, list]) => same(list))?.[0];
  return group ? `enums.${group}` : undefined;
}
