import { z } from 'zod';
import { calendarMonth } from './text.js';

/**
 * Anonymised statistics (docs/architecture.md, rule 11): fixed tables and indicators, counted in people,
 * published only after disclosure control. Nothing here describes one case: every
 * figure is a count (or a share of counts) over a group, and no field carries an id,
 * a reference, a name or free text.
 */

export const STATISTICS_GRANULARITIES = ['month', 'quarter', 'year'] as const;
export type StatisticsGranularity = (typeof STATISTICS_GRANULARITIES)[number];

/** The fixed tables of the dashboard. */
export const STATISTICS_TABLES = [
  'cases-by-status',
  'new-cases-by-exploitation-type',
  'age-sex-pyramid',
  'cases-by-region',
  'cases-by-nationality',
  'assistance-by-type',
  'referral-outcomes',
  'referral-response-times',
  'shelter-occupancy',
  'placement-lengths',
  'training-completion',
  'training-outcomes',
  'reintegration-score-bands',
] as const;
export type StatisticsTableCode = (typeof STATISTICS_TABLES)[number];

/** The indicators of the donor report. */
export const STATISTICS_INDICATORS = [
  'migrants-protected-or-assisted',
  'victims-of-trafficking-assisted',
  'voluntary-returns-supported',
  'returning-migrants-post-arrival-assistance',
  'returning-migrants-reintegration-assistance',
  'vocational-training-completed',
  'referrals-completed',
] as const;
export type StatisticsIndicatorCode = (typeof STATISTICS_INDICATORS)[number];

/** The languages the statistics' own words are written in (statistics-texts.ts). */
export const STATISTICS_LANGUAGES = ['en', 'fr', 'ar'] as const;
export type StatisticsLanguage = (typeof STATISTICS_LANGUAGES)[number];

export const STATISTICS_FORMATS = ['csv', 'xlsx'] as const;
export type StatisticsFormat = (typeof STATISTICS_FORMATS)[number];

/** How cases without a statistics consent are counted (configured per deployment). */
export const STATISTICS_CONSENT_MODES = ['totals', 'exclude', 'include'] as const;
export type StatisticsConsentMode = (typeof STATISTICS_CONSENT_MODES)[number];

const month = calendarMonth();

/** `a,b` or a repeated parameter, as a list. */
const commaList = (value: unknown) =>
  value === undefined
    ? undefined
    : (Array.isArray(value) ? value : [value])
        .flatMap((item) => String(item).split(','))
        .map((item) => item.trim())
        .filter(Boolean);

/**
 * The only filters a statistics request takes: a period range in whole months, how to
 * group it, and organisations. No free-text filter exists, by design.
 */
export const statisticsQuerySchema = z
  .object({
    /** First month of the range (the first month of a quarter or a year with those granularities). */
    from: month.optional(),
    /** Last month of the range (the last month of a quarter or a year with those granularities). */
    to: month.optional(),
    granularity: z.enum(STATISTICS_GRANULARITIES).default('quarter'),
    /** Organisations to include, within those you may see; absent = all of them. */
    organisationIds: z
      .preprocess(
        commaList,
        z
          .array(z.uuid({ message: 'Use organisation ids' }))
          .min(1)
          .max(200),
      )
      .optional(),
    /** The language of the words sent (titles, descriptions, labels in files); else Accept-Language, else English. */
    language: z.enum(STATISTICS_LANGUAGES).optional(),
  })
  .strict();
export type StatisticsQuery = z.output<typeof statisticsQuerySchema>;

export const statisticsDownloadQuerySchema = statisticsQuerySchema
  .extend({ format: z.enum(STATISTICS_FORMATS) })
  .strict();
export type StatisticsDownloadQuery = z.output<typeof statisticsDownloadQuerySchema>;

/** One published figure: `value` is null and `display` the suppression mark when it is hidden. */
export const publishedFigureSchema = z.object({
  /** One value per dimension; null stands for "all values" of that dimension. */
  key: z.array(z.string().nullable()),
  value: z.number().int().nullable(),
  display: z.string(),
  suppressed: z.boolean(),
  percentage: z.number().nullable().optional(),
});
export type PublishedFigure = z.infer<typeof publishedFigureSchema>;

const percentageBasisSchema = z.union([
  z.object({ of: z.literal('grandTotal') }),
  z.object({ of: z.literal('dimensionTotal'), dimension: z.string() }),
]);

const controlsSchema = z.object({
  /** Minimum cell size: a group of 1…k−1 people is never shown as a number (it shows `<k`). */
  k: z.number().int(),
  /** The largest move the perturbation table makes to a published count (cell key method). */
  maxPerturbation: z.number().int(),
  /** Epsilon the release spent when differential privacy is on; null when off. */
  epsilon: z.number().nullable(),
  withoutConsent: z.enum(STATISTICS_CONSENT_MODES),
});

/** The stored release figures are served from: computed at a fixed time from a frozen cut of the data. */
export const statisticsReleaseSchema = z.object({
  kind: z.enum(['nightly', 'monthly', 'revision']),
  label: z.string(),
  /** When the release's snapshot of the data was taken (ISO 8601): later changes are in the next release only. */
  cutAt: z.iso.datetime(),
});
export type StatisticsRelease = z.infer<typeof statisticsReleaseSchema>;

export const publishedStatisticsTableSchema = controlsSchema.extend({
  table: z.enum(STATISTICS_TABLES),
  title: z.string(),
  description: z.string(),
  from: month,
  to: month,
  granularity: z.enum(STATISTICS_GRANULARITIES),
  periods: z.array(z.string()),
  /** `period` first, then at most two more. */
  dimensions: z.array(z.string()),
  /** Every combination of values, period by period. */
  cells: z.array(publishedFigureSchema),
  /** The totals of each period (the key of a total has null for "all values"). */
  totals: z.array(publishedFigureSchema),
  /**
   * Everyone counted in each period, once each, including people counted only in totals
   * (see `withoutConsent`). Empty for tables broken down by period only.
   */
  population: z.array(publishedFigureSchema),
  /** Periods before the release's five calendar years, which it holds nothing for: every figure `[x]`. */
  withheldPeriods: z.array(z.string()),
  /**
   * Periods that had not ended when the release was cut: every figure `[x]`. A period is
   * published once, by the first release after it ends, and never changes afterwards
   * without a labelled revision.
   */
  openPeriods: z.array(z.string()),
  percentages: percentageBasisSchema.nullable(),
  /** Shelter occupancy only: beds in the selected organisations' active shelters, and the published count as a share of them. */
  occupancy: z
    .array(z.object({ period: z.string(), bedCapacity: z.number().int(), occupancyRate: z.number().nullable() }))
    .optional(),
  release: statisticsReleaseSchema,
});
export type PublishedStatisticsTable = z.infer<typeof publishedStatisticsTableSchema>;

export const indicatorReportSchema = controlsSchema.extend({
  from: month,
  to: month,
  granularity: z.enum(STATISTICS_GRANULARITIES),
  periods: z.array(z.string()),
  indicators: z.array(
    z.object({
      indicator: z.enum(STATISTICS_INDICATORS),
      title: z.string(),
      /** How the indicator is counted, written next to it. */
      definition: z.string(),
      /** One figure per period (key: [period]). */
      values: z.array(publishedFigureSchema),
    }),
  ),
  withheldPeriods: z.array(z.string()),
  openPeriods: z.array(z.string()),
  release: statisticsReleaseSchema,
});
export type IndicatorReport = z.infer<typeof indicatorReportSchema>;

export const statisticsCatalogueSchema = z.object({
  tables: z.array(
    z.object({
      table: z.enum(STATISTICS_TABLES),
      title: z.string(),
      description: z.string(),
      dimensions: z.array(z.object({ dimension: z.string(), values: z.array(z.string()) })),
      percentages: percentageBasisSchema.nullable(),
    }),
  ),
  indicators: z.array(
    z.object({ indicator: z.enum(STATISTICS_INDICATORS), title: z.string(), definition: z.string() }),
  ),
  /** The organisations you may filter by (organisations, not people). */
  organisations: z.array(z.object({ organisation: z.uuid(), label: z.string() })),
  granularities: z.array(z.enum(STATISTICS_GRANULARITIES)),
  defaults: z.object({ from: month, to: month, granularity: z.enum(STATISTICS_GRANULARITIES) }),
  controls: controlsSchema.omit({ epsilon: true }).extend({
    maxDimensions: z.number().int(),
    epsilonPerRelease: z.number().nullable(),
    maxPeriods: z.number().int(),
  }),
  /** The release now served; null before the first one. */
  release: statisticsReleaseSchema.nullable(),
});
export type StatisticsCatalogue = z.infer<typeof statisticsCatalogueSchema>;

/** The open-data export is CSV only: the form the global counter-trafficking data hub publishes. */
export const openDataQuerySchema = z.object({ format: z.enum(['csv']) }).strict();
export type OpenDataQuery = z.output<typeof openDataQuerySchema>;

/**
 * A count of the open-data report: `value` is null and `display` `<k` when it is 1…k−1
 * (as a published figure shows a small group), or what bounds it when it would give such a
 * count away by difference.
 */
export const openDataReportCountSchema = z.object({ value: z.number().int().nullable(), display: z.string() });
export type OpenDataReportCount = z.infer<typeof openDataReportCountSchema>;

/** What the k-anonymity of one release's open-data export generalised and suppressed, year by year. */
export const openDataReportSchema = z.object({
  release: statisticsReleaseSchema,
  /** Every published column, in the file's order. */
  fields: z.array(z.string()),
  k: z.number().int(),
  /** Distinct combinations of the exploitation flags each group sharing the other published values shows, at least. */
  l: z.number().int(),
  /** Years of registration the file covers: every year that had ended when the release was cut. */
  years: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  /** Records in the file. */
  recordsOut: z.number().int(),
  /** Each year is made safe on its own records, once, by the first release after it ended; later releases copy it. */
  byYear: z.array(
    z.object({
      year: z.string(),
      /** The cut of the release that computed this year's records (UTC). */
      firstPublished: z.string(),
      recordsIn: openDataReportCountSchema,
      recordsOut: z.number().int(),
      suppressed: openDataReportCountSchema,
      classesSuppressed: openDataReportCountSchema,
      generalisation: z.array(
        z.object({
          quasiIdentifier: z.string(),
          fields: z.array(z.string()),
          /** 0 = published as it is; each level a coarser step of the quasi-identifier's ladder. */
          level: z.number().int(),
          published: z.string(),
        }),
      ),
    }),
  ),
});
export type OpenDataReport = z.infer<typeof openDataReportSchema>;
