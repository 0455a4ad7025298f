import { z } from 'zod';
import {
  COUNTRY_CODES,
  GENDERS,
  ORGANISATION_KINDS,
  ROLES,
  SERVICE_TYPES,
  type OrganisationKind,
  type Role,
} from './enums.js';
import { retentionMonthsSchema } from './data-protection.js';
import { DISPLAY_NAME_MAX_LENGTH, EMAIL_MAX_LENGTH, nameText, shortText } from './text.js';

/**
 * Administration: organisations, staff invitations and one-time activation links, and the
 * organisation settings a supervisor keeps. Administrators manage every organisation and user;
 * supervisors invite and manage the caseworkers of their own organisation only.
 */

// ── Organisations ──────────────────────────────────────────────────────────
/**
 * HTCDS v2 org_Type for each kind of organisation, for exports to the global data hub. The
 * standard has no "shelter", "training provider" or "donor": shelter operators, service and
 * reintegration partners are NGOs in it, training providers schools or colleges, government
 * institutions central government organisations; a programme or donor and Haven's own
 * operations team have no case role and export as NGO too (the standard's catch-all for
 * non-governmental bodies).
 */
export const HTCDS_ORGANISATION_TYPES = [
  'NGO',
  'LawEnforcement',
  'HealthServiceOrganisation',
  'CentralGovernmentOrganisation',
  'LocalGovernmentOrganisation',
  'ImmigrationService',
  'LegalService',
  'CorporateBusiness',
  'SchoolOrCollege',
] as const;
export type HtcdsOrganisationType = (typeof HTCDS_ORGANISATION_TYPES)[number];

export const HTCDS_ORGANISATION_TYPE: Record<OrganisationKind, HtcdsOrganisationType> = {
  shelter: 'NGO',
  partner: 'NGO',
  training: 'SchoolOrCollege',
  reintegration: 'NGO',
  government: 'CentralGovernmentOrganisation',
  programme: 'NGO',
  system: 'NGO',
};

/** Organisations a referral can go to: they act through the referral's lens (partner accounts). */
export const REFERRAL_RECIPIENT_KINDS: readonly OrganisationKind[] = [
  'partner',
  'training',
  'reintegration',
  'government',
];
/** Organisations that run cases themselves and so can receive a whole case (their supervisors decide). */
export const TRANSFER_RECIPIENT_KINDS: readonly OrganisationKind[] = ['shelter', 'reintegration', 'government'];
/** The roles an organisation of each kind may hold. */
export const ROLES_BY_ORGANISATION_KIND: Record<OrganisationKind, readonly Role[]> = {
  shelter: ['caseworker', 'supervisor'],
  reintegration: ['caseworker', 'supervisor', 'partner'],
  government: ['caseworker', 'supervisor', 'partner'],
  partner: ['partner'],
  training: ['partner'],
  programme: ['manager'],
  system: ['admin'],
};

/** One line in the directory or a name: the shared text blocks refuse control and direction characters. */
const plainText = (max: number) => shortText(max);
const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => COUNTRY_CODES.includes(code), 'Choose a country from the list');
export const languageCodeSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}$/, 'Use an ISO 639 code such as "en" or "tir"');
export const teamNameSchema = plainText(60).min(1, 'Name the team');

const organisationFields = {
  name: plainText(120).min(2, 'At least 2 characters'),
  kind: z.enum(ORGANISATION_KINDS),
  country: countryCode.nullable(),
  area: plainText(100).nullable(),
  contactPoint: plainText(200).nullable(),
  services: z.array(z.enum(SERVICE_TYPES)).max(SERVICE_TYPES.length),
  languages: z.array(languageCodeSchema).max(20),
  /** Who the organisation serves: empty means everyone. */
  eligibleSexes: z.array(z.enum(GENDERS)).max(GENDERS.length),
  eligibleAgeMin: z.number().int('Whole years').min(0).max(120).nullable(),
  eligibleAgeMax: z.number().int('Whole years').min(0).max(120).nullable(),
  acceptingReferrals: z.boolean(),
  openingHours: plainText(200).nullable(),
};
const ageRangeInOrder = (value: { eligibleAgeMin?: number | null; eligibleAgeMax?: number | null }) =>
  value.eligibleAgeMin == null || value.eligibleAgeMax == null || value.eligibleAgeMin <= value.eligibleAgeMax;
const ageRangeProblem = { message: 'The youngest age must not be above the oldest', path: ['eligibleAgeMax'] };

export const createOrganisationRequestSchema = z
  .object({
    ...organisationFields,
    country: organisationFields.country.default(null),
    area: organisationFields.area.default(null),
    contactPoint: organisationFields.contactPoint.default(null),
    services: organisationFields.services.default([]),
    languages: organisationFields.languages.default([]),
    eligibleSexes: organisationFields.eligibleSexes.default([]),
    eligibleAgeMin: organisationFields.eligibleAgeMin.default(null),
    eligibleAgeMax: organisationFields.eligibleAgeMax.default(null),
    acceptingReferrals: organisationFields.acceptingReferrals.default(true),
    openingHours: organisationFields.openingHours.default(null),
  })
  .strict()
  .refine(ageRangeInOrder, ageRangeProblem);
export type CreateOrganisationRequest = z.input<typeof createOrganisationRequestSchema>;
export type CreateOrganisationCommand = z.output<typeof createOrganisationRequestSchema>;

/** An administrator's edit of an organisation's entry (the kind is fixed once staff hold roles in it). */
export const updateOrganisationRequestSchema = z
  .object({
    name: organisationFields.name.optional(),
    country: organisationFields.country.optional(),
    area: organisationFields.area.optional(),
    contactPoint: organisationFields.contactPoint.optional(),
    services: organisationFields.services.optional(),
    languages: organisationFields.languages.optional(),
    eligibleSexes: organisationFields.eligibleSexes.optional(),
    eligibleAgeMin: organisationFields.eligibleAgeMin.optional(),
    eligibleAgeMax: organisationFields.eligibleAgeMax.optional(),
    acceptingReferrals: organisationFields.acceptingReferrals.optional(),
    openingHours: organisationFields.openingHours.optional(),
    /** Months after closure before a case is anonymised; null keeps closed cases. */
    retentionMonths: retentionMonthsSchema.optional(),
  })
  .strict()
  .refine(ageRangeInOrder, ageRangeProblem);
export type UpdateOrganisationRequest = z.infer<typeof updateOrganisationRequestSchema>;

export const organisationSettingsSchema = z.object({
  teamMode: z.boolean(),
  teams: z.array(z.string()),
  retentionMonths: z.number().int().nullable(),
  /** Whether lists show survivors' names to those allowed to read them; off: references only. */
  listsShowNames: z.boolean(),
});
export type OrganisationSettings = z.infer<typeof organisationSettingsSchema>;

/** What a supervisor (of the organisation) or an administrator may set. */
export const updateOrganisationSettingsRequestSchema = z
  .object({
    teamMode: z.boolean().optional(),
    teams: z
      .array(teamNameSchema)
      .max(50, 'At most 50 teams')
      .refine((teams) => new Set(teams.map((team) => team.toLowerCase())).size === teams.length, 'Each team once')
      .optional(),
    retentionMonths: retentionMonthsSchema.optional(),
    listsShowNames: z.boolean().optional(),
  })
  .strict();
export type UpdateOrganisationSettingsRequest = z.infer<typeof updateOrganisationSettingsRequestSchema>;

export const organisationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(ORGANISATION_KINDS),
  htcdsOrgType: z.enum(HTCDS_ORGANISATION_TYPES),
  active: z.boolean(),
  country: z.string().nullable(),
  area: z.string().nullable(),
  contactPoint: z.string().nullable(),
  services: z.array(z.enum(SERVICE_TYPES)),
  languages: z.array(z.string()),
  eligibleSexes: z.array(z.enum(GENDERS)),
  eligibleAgeMin: z.number().int().nullable(),
  eligibleAgeMax: z.number().int().nullable(),
  acceptingReferrals: z.boolean(),
  openingHours: z.string().nullable(),
  settings: organisationSettingsSchema,
  activeUsers: z.number().int(),
});
export type Organisation = z.infer<typeof organisationSchema>;
export const organisationListSchema = z.object({ items: z.array(organisationSchema) });
export type OrganisationList = z.infer<typeof organisationListSchema>;

// ── Users ──────────────────────────────────────────────────────────────────
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'Enter a valid e-mail address' }))
  .pipe(z.string().max(EMAIL_MAX_LENGTH, `At most ${EMAIL_MAX_LENGTH} characters`));
export const displayNameSchema = nameText(DISPLAY_NAME_MAX_LENGTH).min(2, 'At least 2 characters');

export const inviteUserRequestSchema = z
  .object({
    email: emailSchema,
    displayName: displayNameSchema,
    role: z.enum(ROLES),
    organisationId: z.uuid(),
    team: teamNameSchema.nullable().optional(),
  })
  .strict();
export type InviteUserRequest = z.infer<typeof inviteUserRequestSchema>;

export const updateUserRequestSchema = z
  .object({
    displayName: displayNameSchema.optional(),
    role: z.enum(ROLES).optional(),
    team: teamNameSchema.nullable().optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, { message: 'Change at least one field', path: ['displayName'] });
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

export const USER_STATES = ['invited', 'active', 'deactivated'] as const;
export type UserState = (typeof USER_STATES)[number];

/**
 * A one-time link for setting a password: the invitation, or a reset. Shown once to whoever
 * issued it, to be passed on by a channel they trust; only its hash is stored.
 */
export const activationLinkSchema = z.object({ url: z.string(), expiresAt: z.iso.datetime() });
export type ActivationLink = z.infer<typeof activationLinkSchema>;

export const ACTIVATION_TOKEN_PARAMETER = 'token';
/** The web page that takes a one-time link; the token travels in the fragment, which browsers never send to a server. */
export const ACTIVATION_PATH = '/activate';

export const activateAccountResponseSchema = z.object({ email: z.string() });
export type ActivateAccountResponse = z.infer<typeof activateAccountResponseSchema>;
/** Problem codes of a link that cannot be used; neither says whether an account exists. */
export const ACTIVATION_LINK_PROBLEMS = [
  'activation-link-used',
  'activation-link-expired',
  'activation-link-invalid',
] as const;

// ── Bulk import ────────────────────────────────────────────────────────────
export const BULK_IMPORT_MAX_ROWS = 500;
export const BULK_IMPORT_COLUMNS = ['email', 'name', 'role', 'organisation', 'team'] as const;

export const bulkImportRequestSchema = z
  .object({
    /** CSV with a header row: email, name, role, organisation (its name), team (optional). */
    csv: z.string().min(1, 'The file is empty').max(90_000, 'At most 90,000 characters: split the file'),
    /** A dry run checks every row and writes nothing. */
    dryRun: z.boolean(),
  })
  .strict();
export type BulkImportRequest = z.infer<typeof bulkImportRequestSchema>;

export const bulkImportRowSchema = z.object({
  line: z.number().int(),
  email: z.string(),
  displayName: z.string(),
  role: z.string(),
  organisation: z.string(),
  team: z.string().nullable(),
  problems: z.array(z.object({ field: z.string(), message: z.string() })),
  /** After a real import: the invitation's one-time link, for hand-over. */
  activationLink: activationLinkSchema.optional(),
});
export type BulkImportRow = z.infer<typeof bulkImportRowSchema>;
export const bulkImportResponseSchema = z.object({
  dryRun: z.boolean(),
  imported: z.number().int(),
  rows: z.array(bulkImportRowSchema),
});
export type BulkImportResponse = z.infer<typeof bulkImportResponseSchema>;
