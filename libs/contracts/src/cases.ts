import { z } from 'zod';
import { anonymisationSchema } from './data-protection.js';
import {
  CASE_STAGES,
  CASE_STATUSES,
  CLOSURE_REASONS,
  CONTROL_METHODS,
  COUNTRY_CODES,
  DOCUMENT_KINDS,
  DOCUMENT_STATES,
  EXPLOITATION_TYPES,
  GENDERS,
  INCOMING_REFERRAL_SOURCES,
  LABOUR_INDUSTRIES,
  RECRUITMENT_METHODS,
  RELATIONSHIPS_TO_TRAFFICKER,
  RISK_LEVELS,
  STATUS_DECISION_BODIES,
  TRAFFICKING_STATUSES,
} from './enums.js';
import { keysetPageOf, keysetQuerySchema } from './common.js';
import { CHILD_CASE_BASES } from './children.js';
import { birthDate, identifierText, longText, nameText, pastDate } from './text.js';

/** Pseudonymous case reference shown instead of a name, e.g. HV-7F3K-2Q9D (Crockford base32, no I L O U). */
export const CASE_REFERENCE_PATTERN = /^HV-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
/** Its length: "HV-", two groups of four and the dash between them. */
export const CASE_REFERENCE_LENGTH = 12;

export const countryCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => COUNTRY_CODES.includes(code), { message: 'Choose a country from the list' });

const personName = nameText(100).min(1, 'Required');

export const identityDocumentSchema = z
  .object({
    kind: z.enum(DOCUMENT_KINDS),
    number: identifierText(50).optional(),
    issuingCountry: countryCodeSchema.optional(),
    state: z.enum(DOCUMENT_STATES),
  })
  .strict();
export type IdentityDocument = z.infer<typeof identityDocumentSchema>;

/**
 * The survivor's identity fields: encrypted at rest, shown only on request, every read audited.
 * Defined without defaults so that update requests (partial) carry only what was sent.
 */
const identityFields = {
  givenName: personName,
  familyName: nameText(100),
  aliases: z.array(personName).max(10, 'At most 10 aliases'),
  dateOfBirth: birthDate(),
  estimatedAge: z.number().int('Whole years').min(0, 'Cannot be negative').max(120, 'At most 120'),
  languages: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[a-z]{2,3}$/, 'Use an ISO 639 code such as "en" or "tir"'),
    )
    .max(10),
  contact: z
    .object({
      phone: z
        .string()
        .trim()
        .regex(/^\+?[1-9]\d{1,14}$/, 'Use international format, e.g. +39 followed by the number')
        .optional(),
      email: z.email('Enter a valid e-mail address').max(254).optional(),
      address: longText(300).optional(),
    })
    .strict(),
  documents: z.array(identityDocumentSchema).max(10),
};

/** The survivor identity's fields, in the order forms show them (API and web derive their lists from this). */
export const SURVIVOR_IDENTITY_FIELDS = Object.keys(identityFields) as (keyof typeof identityFields)[];
export type SurvivorIdentityField = keyof typeof identityFields;

/** At registration, what was not given starts empty. */
export const identityFieldsSchema = z
  .object({
    ...identityFields,
    familyName: identityFields.familyName.default(''),
    aliases: identityFields.aliases.default([]),
    dateOfBirth: identityFields.dateOfBirth.optional(),
    estimatedAge: identityFields.estimatedAge.optional(),
    languages: identityFields.languages.default([]),
    contact: identityFields.contact.default({}),
    documents: identityFields.documents.default([]),
  })
  .strict();

/**
 * The trafficking status and who decided it (HTCDS vic_TraffickingStatus, vic_TraffickingStatusDecisionMakingOrg):
 * part of the profile as it reads, but set only by a formal status decision (the identification feature, which
 * keeps every decision), never by an edit of the profile or at registration.
 */
const decidedProfileFields = {
  traffickingStatus: z.enum(TRAFFICKING_STATUSES),
  statusDecidedBy: z.enum(STATUS_DECISION_BODIES),
};
export const DECIDED_PROFILE_FIELDS = Object.keys(decidedProfileFields) as (keyof typeof decidedProfileFields)[];

/** The trafficking profile (HTCDS victim context): coded values only, countries at country level. No defaults here (see below). */
const profileFields = {
  /** How the person came to the organisation, and when (cas_IncomingReferralDate). */
  incomingReferralSource: z.enum(INCOMING_REFERRAL_SOURCES),
  incomingReferralDate: pastDate(),
  exploitationTypes: z.array(z.enum(EXPLOITATION_TYPES)).max(EXPLOITATION_TYPES.length),
  forcedLabourIndustry: z.enum(LABOUR_INDUSTRIES),
  controlMethods: z.array(z.enum(CONTROL_METHODS)).max(CONTROL_METHODS.length),
  recruitmentMethods: z.array(z.enum(RECRUITMENT_METHODS)).max(RECRUITMENT_METHODS.length),
  relationshipToTrafficker: z.enum(RELATIONSHIPS_TO_TRAFFICKER),
  ageWhenTrafficked: z.number().int('Whole years').min(0).max(120),
  recruitmentCountries: z.array(countryCodeSchema).max(10),
  transitCountries: z.array(countryCodeSchema).max(20),
  exploitationCountries: z.array(countryCodeSchema).max(10),
};

/** The trafficking profile's fields that registration and edits set, in the order forms show them (API and web derive their lists from this). */
export const TRAFFICKING_PROFILE_FIELDS = Object.keys(profileFields) as (keyof typeof profileFields)[];
export type TraffickingProfileField = keyof typeof profileFields;

/** The profile as registration gives it: what was not given starts empty. */
const editableProfileSchema = z
  .object({
    incomingReferralSource: profileFields.incomingReferralSource.optional(),
    incomingReferralDate: profileFields.incomingReferralDate.optional(),
    exploitationTypes: profileFields.exploitationTypes.default([]),
    forcedLabourIndustry: profileFields.forcedLabourIndustry.optional(),
    controlMethods: profileFields.controlMethods.default([]),
    recruitmentMethods: profileFields.recruitmentMethods.default([]),
    relationshipToTrafficker: profileFields.relationshipToTrafficker.optional(),
    ageWhenTrafficked: profileFields.ageWhenTrafficked.optional(),
    recruitmentCountries: profileFields.recruitmentCountries.default([]),
    transitCountries: profileFields.transitCountries.default([]),
    exploitationCountries: profileFields.exploitationCountries.default([]),
  })
  .strict();

export const traffickingProfileSchema = editableProfileSchema
  .extend({
    traffickingStatus: decidedProfileFields.traffickingStatus.optional(),
    statusDecidedBy: decidedProfileFields.statusDecidedBy.optional(),
  })
  .strict();
export type TraffickingProfile = z.infer<typeof traffickingProfileSchema>;

const ageGiven = (value: { dateOfBirth?: string; estimatedAge?: number }, ctx: z.RefinementCtx) => {
  if (!value.dateOfBirth && value.estimatedAge === undefined) {
    ctx.addIssue({ code: 'custom', path: ['estimatedAge'], message: 'Give a date of birth or an estimated age' });
  }
};

/**
 * Registration: the minimum a caseworker needs at a late-night intake (a name or
 * alias, an age, sex, nationality and risk) plus whatever else is known already.
 */
export const registerCaseRequestSchema = identityFieldsSchema
  .extend(editableProfileSchema.shape)
  .extend({
    sex: z.enum(GENDERS),
    nationality: countryCodeSchema,
    riskLevel: z.enum(RISK_LEVELS).default('medium'),
    sensitive: z.boolean().default(false),
    assigneeId: z.uuid().optional(),
  })
  .strict()
  .superRefine(ageGiven);
export type RegisterCaseRequest = z.input<typeof registerCaseRequestSchema>;
export type RegisterCaseCommand = z.output<typeof registerCaseRequestSchema>;

/** Every update says which version it was based on; a stale one answers 409 (no lost updates). */
export const versionSchema = z.number({ message: 'Send the version you started from' }).int().min(1);

/** What an update may change on the case itself, besides its trafficking profile and the identity. */
const caseUpdateFields = {
  riskLevel: z.enum(RISK_LEVELS),
  stage: z.enum(CASE_STAGES),
  status: z.enum(['Active', 'FollowUp'], { message: 'Closing goes through a closure request' }),
  sex: z.enum(GENDERS),
  nationality: countryCodeSchema,
  sensitive: z.boolean(),
};
/** The case's own fields an update may change (PATCH /api/cases/:id), beside TRAFFICKING_PROFILE_FIELDS. */
export const CASE_UPDATE_FIELDS = Object.keys(caseUpdateFields) as (keyof typeof caseUpdateFields)[];
/** What the case's profile edits: the survivor's coded description and her trafficking profile. */
export const CASE_PROFILE_FIELDS = [...(['sex', 'nationality', 'sensitive'] as const), ...TRAFFICKING_PROFILE_FIELDS];
export type CaseProfileField = (typeof CASE_PROFILE_FIELDS)[number];

/** Updates carry only what was sent: built from the fields without defaults, so nothing missing is emptied. */
export const updateCaseRequestSchema = z
  .object(profileFields)
  .partial()
  .extend({ version: versionSchema, ...z.object(caseUpdateFields).partial().shape })
  .strict();
export type UpdateCaseRequest = z.infer<typeof updateCaseRequestSchema>;

export const updateIdentityRequestSchema = z
  .object(identityFields)
  .partial()
  .extend({ version: versionSchema })
  .strict();
export type UpdateIdentityRequest = z.infer<typeof updateIdentityRequestSchema>;

export const assignCaseRequestSchema = z.object({ version: versionSchema, assigneeId: z.uuid() }).strict();
export type AssignCaseRequest = z.infer<typeof assignCaseRequestSchema>;

/** The most cases one reassignment may move (a page of the case list at its largest). */
export const MAX_CASES_REASSIGNED = 100;
/** A supervisor hands several cases to one colleague at once: all of them, or none. */
export const reassignCasesRequestSchema = z
  .object({
    caseIds: z
      .array(z.uuid())
      .min(1, 'Choose at least one case')
      .max(MAX_CASES_REASSIGNED, `Choose at most ${MAX_CASES_REASSIGNED} cases`)
      .refine((ids) => new Set(ids).size === ids.length, 'Each case only once'),
    assigneeId: z.uuid(),
  })
  .strict();
export type ReassignCasesRequest = z.infer<typeof reassignCasesRequestSchema>;
/** The cases that changed hands (those already assigned to that person are left as they were). */
export const reassignCasesResponseSchema = z.object({
  reassigned: z.array(z.object({ id: z.uuid(), reference: z.string(), version: z.number().int() })),
  unchanged: z.number().int(),
});
export type ReassignCasesResponse = z.infer<typeof reassignCasesResponseSchema>;

export const closureRequestSchema = z
  .object({ version: versionSchema, reason: z.enum(CLOSURE_REASONS), comment: longText(2000).optional() })
  .strict();
export type ClosureRequest = z.infer<typeof closureRequestSchema>;

export const decisionRequestSchema = z
  .object({ version: versionSchema, decision: z.enum(['approve', 'reject']), comment: longText(2000).optional() })
  .strict()
  .refine((value) => value.decision === 'approve' || !!value.comment, {
    path: ['comment'],
    message: 'Say why it is returned',
  });
export type DecisionRequest = z.infer<typeof decisionRequestSchema>;

export const reopenRequestSchema = z
  .object({ version: versionSchema, reason: longText(2000).min(1, 'Required') })
  .strict();
export type ReopenRequest = z.infer<typeof reopenRequestSchema>;

export const duplicateCheckRequestSchema = z
  .object({
    givenName: personName,
    familyName: nameText(100).default(''),
    dateOfBirth: birthDate().optional(),
    estimatedAge: z.number().int().min(0).max(120).optional(),
  })
  .strict()
  .superRefine(ageGiven);
export type DuplicateCheckRequest = z.input<typeof duplicateCheckRequestSchema>;

/**
 * The duplicate warning: possible existing cases of the caller's organisation. References only,
 * and only of cases the caller may open; a possible duplicate among the others is only said to
 * exist (`withheldDuplicate`), and the organisation's supervisors are told which case it is.
 */
const duplicateWarning = {
  possibleDuplicates: z.array(z.object({ reference: z.string() })),
  withheldDuplicate: z.boolean(),
};
export const duplicateCheckResponseSchema = z.object(duplicateWarning);
export type DuplicateCheckResponse = z.infer<typeof duplicateCheckResponseSchema>;

const booleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true');

/** The columns a case list may be sorted by, each served by an index (migration 1764481000000). */
export const CASE_SORTS = ['registeredAt', 'updatedAt', 'reference'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

/**
 * The fewest characters of a reference, after "HV-", a search needs: each one divides the
 * candidates by 32, so four leave about one case in a million; fewer would match a large
 * share of an organisation and count it.
 */
export const REFERENCE_SEARCH_MIN_CHARACTERS = 4;

/** What a reference search has beyond the "HV-" every reference starts with. */
export function significantReferenceCharacters(reference: string): number {
  return reference.replace(/^HV-?/i, '').replace(/-/g, '').length;
}

export const caseListQuerySchema = keysetQuerySchema(CASE_SORTS, { sort: 'registeredAt', order: 'desc' })
  .extend({
    status: z.enum(CASE_STATUSES).optional(),
    riskLevel: z.enum(RISK_LEVELS).optional(),
    stage: z.enum(CASE_STAGES).optional(),
    assigneeId: z.uuid().optional(),
    /** Only cases with an open task past its due date. */
    overdue: booleanQuery.optional(),
    reference: identifierText(12)
      .toUpperCase()
      .refine(
        (reference) => significantReferenceCharacters(reference) >= REFERENCE_SEARCH_MIN_CHARACTERS,
        `Type at least ${REFERENCE_SEARCH_MIN_CHARACTERS} characters of the reference after "HV-"`,
      )
      .optional(),
    /**
     * A name or part of one (any spelling: the search is by sound key), among the cases whose
     * identity the caller may read. Never stored nor logged; the search is audited by its count.
     */
    name: nameText(100)
      .refine((value) => /\p{L}/u.test(value), 'Type at least one letter of the name')
      .optional(),
    /** With a name: the year of birth, matched within a year either side. */
    birthYear: z.coerce.number().int().min(1900).max(2999).optional(),
  })
  .strict()
  .refine((query) => query.birthYear === undefined || query.name !== undefined, {
    path: ['birthYear'],
    message: 'Search by year of birth together with a name',
  });
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;

/** What lists show: never a name. */
export const caseSummarySchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  status: z.enum(CASE_STATUSES),
  stage: z.enum(CASE_STAGES),
  riskLevel: z.enum(RISK_LEVELS),
  sensitive: z.boolean(),
  sex: z.enum(GENDERS),
  nationality: z.string(),
  ageAtRegistration: z.number().int().nullable(),
  assignee: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  registeredAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

/**
 * A row of the case list: the summary and, when the organisation shows names in lists and the
 * reader may read this identity (and the case is not sensitive), the survivor's first alias or
 * else her given name — each one shown is an audited identity read. Null otherwise.
 */
export const caseListItemSchema = caseSummarySchema.extend({ shownName: z.string().nullable() });
export type CaseListItem = z.infer<typeof caseListItemSchema>;

export const caseListResponseSchema = keysetPageOf(caseListItemSchema);
export type CaseListResponse = z.infer<typeof caseListResponseSchema>;

/** What intake may still lack; the case page lists these so the profile gets completed over the next days. */
export const MISSING_ITEMS = [
  'profile.traffickingStatus',
  'profile.exploitationTypes',
  'consent.assistance',
  'assessment.risk',
  'assessment.needs',
  'supportPlan',
] as const;
export type MissingItem = (typeof MISSING_ITEMS)[number];

export const consentStateSchema = z.enum(['granted', 'withdrawn', 'none']);
export type ConsentState = z.infer<typeof consentStateSchema>;

export const caseDetailSchema = caseSummarySchema.extend({
  organisation: z.object({ id: z.uuid(), name: z.string() }),
  profile: traffickingProfileSchema,
  exploitationTypes: z.array(z.enum(EXPLOITATION_TYPES)),
  consent: z.object({
    assistance: consentStateSchema,
    statistics: consentStateSchema,
    research: consentStateSchema,
    referralOrganisationIds: z.array(z.uuid()),
  }),
  openTasks: z.number().int(),
  closure: z
    .object({
      reason: z.enum(CLOSURE_REASONS),
      requestedAt: z.iso.datetime(),
      requestedBy: z.object({ id: z.uuid(), displayName: z.string() }),
    })
    .nullable(),
  /** What is still missing from the profile, so intake can be completed over the next days. */
  missing: z.array(z.enum(MISSING_ITEMS)),
  /** Set once the case is anonymised (retention or erasure): identity and free text no longer exist. */
  anonymisation: anonymisationSchema.nullable(),
  /**
   * The survivor's first alias or else her given name, under the rule of the case list's `shownName` (an
   * audited identity read); null otherwise. `nameHidden`: the case is sensitive and would otherwise show a
   * name, so the header offers to reveal it (an identity read like the identity tab's).
   */
  shownName: z.string().nullable(),
  nameHidden: z.boolean(),
  /** Why this is a child case today (childCaseBasis), or null when it is not: the header's badge and the child tab. */
  childBasis: z.enum(CHILD_CASE_BASES).nullable(),
  version: z.number().int(),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

export const registerCaseResponseSchema = caseDetailSchema.extend(duplicateWarning);
export type RegisterCaseResponse = z.infer<typeof registerCaseResponseSchema>;

export const survivorIdentitySchema = z.object({
  caseId: z.uuid(),
  givenName: z.string(),
  familyName: z.string(),
  aliases: z.array(z.string()),
  dateOfBirth: z.string().nullable(),
  estimatedAge: z.number().int().nullable(),
  languages: z.array(z.string()),
  contact: z.object({ phone: z.string().optional(), email: z.string().optional(), address: z.string().optional() }),
  documents: z.array(identityDocumentSchema),
  sex: z.enum(GENDERS),
  nationality: z.string(),
  version: z.number().int(),
});
export type SurvivorIdentity = z.infer<typeof survivorIdentitySchema>;

export const historyEntrySchema = z.object({
  id: z.string(),
  occurredAt: z.iso.datetime(),
  actor: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  section: z.string(),
  action: z.string(),
  field: z.string().nullable(),
  /** Only coded, non-identifying values (status, risk, stage, assignee…); otherwise null. */
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** A reason or comment given with the change (closure, decision, reopening). */
  comment: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;
/** A case's history in the order the changes were recorded (their ids), newest first by default. */
export const HISTORY_SORTS = ['occurredAt'] as const;
export const historyQuerySchema = keysetQuerySchema(HISTORY_SORTS, { sort: 'occurredAt', order: 'desc' }).strict();
export type HistoryQuery = z.infer<typeof historyQuerySchema>;
export const historyResponseSchema = keysetPageOf(historyEntrySchema);
export type HistoryResponse = z.infer<typeof historyResponseSchema>;
