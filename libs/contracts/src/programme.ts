import { z } from 'zod';
import { HTCDS_ORGANISATION_TYPES } from './administration.js';
import { countryCodeSchema, versionSchema } from './cases.js';
import { keysetPageOf, keysetQuerySchema } from './common.js';
import { STATISTICS_GRANULARITIES, statisticsReleaseSchema } from './statistics.js';
import { calendarDate, shortText } from './text.js';

/**
 * The programme's work that is not a case (docs/architecture.md, "Programme registers"):
 * information campaigns, capacity building of institutions, and projects by diaspora members.
 * Supervisors of an implementing organisation record them; managers read only the aggregates of
 * the indicator report. No record here names a person: campaigns and events count people by
 * sex and age band, institutions and projects are organisations and businesses.
 */

// ── Code lists (HTCDS codes where the standard has one) ───────────────────
export const CAMPAIGN_CHANNELS = [
  'communitySession',
  'radio',
  'television',
  'socialMedia',
  'leaflets',
  'hotline',
  'school',
  'theatre',
  'other',
] as const;
export type CampaignChannel = (typeof CAMPAIGN_CHANNELS)[number];

export const CAMPAIGN_TARGET_GROUPS = [
  'potentialMigrants',
  'migrantsInTransit',
  'returnees',
  'hostCommunity',
  'youth',
  'parentsAndFamilies',
  'other',
] as const;
export type CampaignTargetGroup = (typeof CAMPAIGN_TARGET_GROUPS)[number];

/** How the people reached were known: counted heads, an audience estimate, or a platform's unique reach. */
export const REACH_METHODS = ['countedAttendance', 'audienceEstimate', 'platformUniqueReach'] as const;
export type ReachMethod = (typeof REACH_METHODS)[number];

/** The sexes and age bands people reached and participants are counted in (the case statistics' age bands). */
export const REACH_SEXES = ['female', 'male', 'notRecorded'] as const;
export type ReachSex = (typeof REACH_SEXES)[number];
export const REACH_AGE_BANDS = ['under18', '18to24', '25to59', '60plus', 'notRecorded'] as const;
export type ReachAgeBand = (typeof REACH_AGE_BANDS)[number];

/** Whom capacity building supports: a national or local public institution, or a non-state actor. */
export const INSTITUTION_SECTORS = ['nationalPublic', 'localPublic', 'nonState'] as const;
export type InstitutionSector = (typeof INSTITUTION_SECTORS)[number];

export const EVENT_FORMATS = ['inPerson', 'online', 'hybrid'] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];

export const DIASPORA_SECTORS = [
  'agriculture',
  'trade',
  'manufacturing',
  'services',
  'technology',
  'tourism',
  'education',
  'health',
  'construction',
  'other',
] as const;
export type DiasporaSector = (typeof DIASPORA_SECTORS)[number];

/** The registers, as they appear in paths (`/api/programme/<register>`) and in CSV imports. */
export const PROGRAMME_REGISTERS = ['campaigns', 'institutions', 'capacity-events', 'diaspora-projects'] as const;
export type ProgrammeRegister = (typeof PROGRAMME_REGISTERS)[number];

// ── Shared pieces ─────────────────────────────────────────────────────────
const title = shortText(160).min(1, 'Required');
const area = shortText(120).min(1, 'Required');
const headcount = z
  .number({ message: 'Give a whole number' })
  .int('Whole people')
  .min(0, 'Cannot be negative')
  .max(100_000_000, 'At most 100000000');

const period = z.object({ startsOn: calendarDate(), endsOn: calendarDate() });

/**
 * A period: the end may not precede the start. Checked whenever both dates are valid, even if other
 * fields are not, so that a dry run of an import lists every problem of a row at once.
 */
function withPeriod<T extends z.ZodRawShape>(shape: T) {
  return z
    .object({ ...period.shape, ...shape })
    .strict()
    .refine((value) => (value as { endsOn: string }).endsOn >= (value as { startsOn: string }).startsOn, {
      path: ['endsOn'],
      message: 'Cannot be before the start',
      when: (payload) => period.safeParse(payload.value).success,
    });
}

const reachCell = z.object({ sex: z.enum(REACH_SEXES), ageBand: z.enum(REACH_AGE_BANDS), people: headcount }).strict();
/** People reached by sex and age band: each pair at most once. */
const reach = z
  .array(reachCell)
  .min(1, 'Give the people reached')
  .max(REACH_SEXES.length * REACH_AGE_BANDS.length)
  .superRefine((cells, ctx) => {
    const seen = new Set<string>();
    cells.forEach((cell, index) => {
      const key = `${cell.sex}/${cell.ageBand}`;
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', path: [index, 'ageBand'], message: 'This sex and age band is given twice' });
      seen.add(key);
    });
  });
export type ReachCell = z.infer<typeof reachCell>;

// ── Information campaigns ─────────────────────────────────────────────────
export const campaignFieldsSchema = withPeriod({
  title,
  country: countryCodeSchema,
  area,
  channel: z.enum(CAMPAIGN_CHANNELS, { message: 'Choose a channel' }),
  targetGroup: z.enum(CAMPAIGN_TARGET_GROUPS, { message: 'Choose a target group' }),
  method: z.enum(REACH_METHODS, { message: 'Choose how the people reached were known' }),
  /** Where the figure comes from: an attendance sheet, a broadcaster's audience survey, a platform's report. */
  source: shortText(200).min(1, 'Required'),
  reach,
});
export type CampaignFields = z.infer<typeof campaignFieldsSchema>;

// ── Capacity building ─────────────────────────────────────────────────────
export const institutionFieldsSchema = z
  .object({
    name: shortText(200).min(1, 'Required'),
    sector: z.enum(INSTITUTION_SECTORS, { message: 'Choose public (national or local) or non-state' }),
    /** HTCDS org_Type. */
    organisationType: z.enum(HTCDS_ORGANISATION_TYPES, { message: 'Choose the kind of organisation' }),
    country: countryCodeSchema,
  })
  .strict();
export type InstitutionFields = z.infer<typeof institutionFieldsSchema>;

const participation = z
  .object({ institutionId: z.uuid('Choose an institution from the register'), women: headcount, men: headcount })
  .strict()
  .refine((value) => value.women + value.men > 0, { message: 'At least one participant', path: ['women'] });
export const capacityEventFieldsSchema = withPeriod({
  topic: title,
  country: countryCodeSchema,
  area,
  format: z.enum(EVENT_FORMATS, { message: 'Choose the format' }),
  participants: z
    .array(participation)
    .min(1, 'Give the institutions that took part')
    .max(500)
    .superRefine((rows, ctx) => {
      const seen = new Set<string>();
      rows.forEach((row, index) => {
        if (seen.has(row.institutionId))
          ctx.addIssue({ code: 'custom', path: [index, 'institutionId'], message: 'This institution is given twice' });
        seen.add(row.institutionId);
      });
    }),
});
export type CapacityEventFields = z.infer<typeof capacityEventFieldsSchema>;

// ── Diaspora projects ─────────────────────────────────────────────────────
export const diasporaProjectFieldsSchema = withPeriod({
  title,
  sector: z.enum(DIASPORA_SECTORS, { message: 'Choose a sector' }),
  country: countryCodeSchema,
  area,
  /** Whether the promoters are members of the diaspora, and where they live. */
  diasporaPromoters: z.boolean(),
  promotersResidence: countryCodeSchema,
  investment: z.number({ message: 'Give an amount' }).min(0, 'Cannot be negative').max(1e12),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'Use a three-letter currency code (ISO 4217)'),
  jobsCreated: headcount,
  /** Whether a returnee takes part, so the project serves economic reintegration goals. */
  returneesInvolved: z.boolean(),
});
export type DiasporaProjectFields = z.infer<typeof diasporaProjectFieldsSchema>;

/** The fields of each register, by its path name. */
export const REGISTER_FIELDS = {
  campaigns: campaignFieldsSchema,
  institutions: institutionFieldsSchema,
  'capacity-events': capacityEventFieldsSchema,
  'diaspora-projects': diasporaProjectFieldsSchema,
} as const satisfies Record<ProgrammeRegister, z.ZodTypeAny>;
export type RegisterFields = {
  campaigns: CampaignFields;
  institutions: InstitutionFields;
  'capacity-events': CapacityEventFields;
  'diaspora-projects': DiasporaProjectFields;
};

// ── Requests and answers ──────────────────────────────────────────────────
/** A change replaces the record's fields whole (they are few), from the version read. */
export const registerUpdateSchema = z
  .object({ version: versionSchema, fields: z.record(z.string(), z.unknown()) })
  .strict();
export type RegisterUpdate = z.infer<typeof registerUpdateSchema>;

export const registerRecordSchema = z.object({
  id: z.uuid(),
  register: z.enum(PROGRAMME_REGISTERS),
  fields: z.record(z.string(), z.unknown()),
  recordedBy: z.string(),
  recordedAt: z.iso.datetime({ offset: true }),
  version: z.number().int(),
});
export type RegisterRecord<R extends ProgrammeRegister = ProgrammeRegister> = Omit<
  z.infer<typeof registerRecordSchema>,
  'fields' | 'register'
> & { register: R; fields: RegisterFields[R] };

export const REGISTER_SORTS = ['recordedAt'] as const;
export const registerListQuerySchema = keysetQuerySchema(REGISTER_SORTS, { sort: 'recordedAt', order: 'desc' })
  .extend({
    /** Records whose period overlaps [from, to] (institutions have no period and ignore them). */
    from: calendarDate().optional(),
    to: calendarDate().optional(),
    /** Words of the title, topic or name. */
    search: shortText(100).optional(),
  })
  .strict();
export type RegisterListQuery = z.infer<typeof registerListQuerySchema>;
export const registerListSchema = keysetPageOf(registerRecordSchema);
export type RegisterList = z.infer<typeof registerListSchema>;

/** A CSV import's outcome: checked row by row; nothing is written unless every row is valid and it is not a dry run. */
export const registerImportProblemSchema = z.object({ row: z.number().int(), field: z.string(), message: z.string() });
export const registerImportResultSchema = z.object({
  dryRun: z.boolean(),
  rows: z.number().int(),
  written: z.number().int(),
  problems: z.array(registerImportProblemSchema),
  /** Columns of the file that no field of the register takes (reported, never silently dropped). */
  unknownColumns: z.array(z.string()),
});
export type RegisterImportResult = z.infer<typeof registerImportResultSchema>;

/** A new record: its register's fields, checked by the register's schema (400 naming `fields.<field>`). */
export const registerCreateSchema = z.object({ fields: z.record(z.string(), z.unknown()) }).strict();
export type RegisterCreate = z.infer<typeof registerCreateSchema>;

/** A spreadsheet saved as CSV (UTF-8, a header row naming the columns; docs/architecture.md lists them). Request bodies stop at 100 kB, so a file does too. */
export const registerImportRequestSchema = z
  .object({
    csv: z.string().min(1, 'Choose a file').max(90_000, 'At most 90 kB per file: split a larger file'),
    dryRun: z.boolean({ message: 'Say whether this is a dry run' }),
  })
  .strict();
export type RegisterImportRequest = z.infer<typeof registerImportRequestSchema>;

// ── The programme's results against its targets ──────────────────────────
/**
 * The results a donor's results framework reports: the four headline results (the first counted
 * from cases, the other three from the registers), then the case indicators of the statistics
 * release. Their titles are the programme's result statements, word for word.
 */
export const PROGRAMME_RESULTS = [
  'migrants-protected-or-assisted',
  'people-reached-by-campaigns',
  'institutions-supported',
  'diaspora-projects',
  'victims-of-trafficking-assisted',
  'voluntary-returns-supported',
  'returning-migrants-post-arrival-assistance',
  'returning-migrants-reintegration-assistance',
  'vocational-training-completed',
  'referrals-completed',
] as const;
export type ProgrammeResultCode = (typeof PROGRAMME_RESULTS)[number];
export const HEADLINE_RESULTS = [
  'migrants-protected-or-assisted',
  'people-reached-by-campaigns',
  'institutions-supported',
  'diaspora-projects',
] as const satisfies readonly ProgrammeResultCode[];

/** What one unit of a result is, so that figures reconcile: who or what is counted once, and what counts events. */
export const RESULT_UNITS = ['peoplePerPeriod', 'peopleReachedPerCampaign', 'institutions', 'projects'] as const;
export type ResultUnit = (typeof RESULT_UNITS)[number];

/** A target of one result for one calendar year, set by the programme's managers. */
export const programmeTargetSchema = z
  .object({
    result: z.enum(PROGRAMME_RESULTS, { message: 'Choose a result' }),
    year: z.number({ message: 'Give a year' }).int('A whole year').min(2000, 'From 2000').max(2100, 'Up to 2100'),
    baseline: z.number({ message: 'Give a number' }).int('A whole number').min(0, 'Cannot be negative').max(1e9),
    target: z.number({ message: 'Give a number' }).int('A whole number').min(0, 'Cannot be negative').max(1e9),
  })
  .strict();
export type ProgrammeTarget = z.infer<typeof programmeTargetSchema>;
export const programmeTargetListSchema = z.object({ items: z.array(programmeTargetSchema) });
export type ProgrammeTargetList = z.infer<typeof programmeTargetListSchema>;

const resultFigureSchema = z.object({
  period: z.string(),
  value: z.number().int().nullable(),
  /** The figure as shown: a number, or why there is none ("fewer than 11", "not yet published"). */
  display: z.string(),
  suppressed: z.boolean(),
});
export type ResultFigure = z.infer<typeof resultFigureSchema>;

export const programmeResultsSchema = z.object({
  from: z.string(),
  to: z.string(),
  granularity: z.enum(STATISTICS_GRANULARITIES),
  periods: z.array(z.string()),
  results: z.array(
    z.object({
      result: z.enum(PROGRAMME_RESULTS),
      headline: z.boolean(),
      title: z.string(),
      definition: z.string(),
      /** Where in Haven the figure comes from. */
      source: z.string(),
      unit: z.enum(RESULT_UNITS),
      /** One figure per period: the time series. */
      values: z.array(resultFigureSchema),
      /** Over the whole range: distinct institutions once, projects once, people once per period. */
      achieved: z.number().int().nullable(),
      /** The targets of the years the range covers: the first year's baseline, the years' targets summed. */
      baseline: z.number().int().nullable(),
      target: z.number().int().nullable(),
      percentAchieved: z.number().nullable(),
    }),
  ),
  /** The smallest count of people shown (the statistics' minimum cell size); smaller ones are withheld. */
  k: z.number().int(),
  /** The statistics release the case figures come from. */
  release: statisticsReleaseSchema,
});
export type ProgrammeResults = z.infer<typeof programmeResultsSchema>;
