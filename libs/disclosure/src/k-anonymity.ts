import { assertValidK } from './cell-size.js';
import { DisclosureConfigError } from './errors.js';
import type { AgeBand } from './age-bands.js';

/** A record of an open-data export: every published field as text ('' = not published for this record). */
export type PublishedRecord = Readonly<Record<string, string>>;

/** One step up a quasi-identifier's ladder: a coarser value of its fields, computed from the record's original values. */
export interface GeneralisationStep {
  /** What the step publishes, for the report (e.g. `region of citizenship`). */
  readonly label: string;
  /** The fields' coarser values, from their original values (in the order of `fields`). */
  readonly apply: (values: readonly string[]) => readonly string[];
}

/**
 * A quasi-identifier: published fields someone could know about a person from elsewhere,
 * and the ladder of ever coarser values they can be published at. Level 0 publishes the
 * fields as they are; level n applies `steps[n - 1]` to the original values. A ladder
 * whose last step publishes one value for everyone can always be climbed to the end.
 */
export interface QuasiIdentifier {
  readonly name: string;
  readonly fields: readonly string[];
  /** Label of level 0, for the report (e.g. `age band`). */
  readonly label: string;
  readonly steps: readonly GeneralisationStep[];
}

export interface KAnonymityOptions {
  readonly k: number;
  /**
   * The share of records (0–1) that may be suppressed instead of generalising every
   * record further: generalisation stops as soon as the records failing (in classes
   * smaller than k, or in groups not diverse enough) are at most this share. Default 5 %.
   */
  readonly maxSuppressedShare?: number;
  /**
   * l-diversity of a sensitive quasi-identifier (its fields are what must not be learned):
   * the records sharing the values of every other quasi-identifier (a group) must show at
   * least `l` distinct combinations of its fields — unless none of them publishes any of
   * those fields (all empty: nothing to learn). A group of one combination tells anyone who
   * knows the rest about a person what the sensitive fields say of her, however many share it.
   * Its ladder is climbed last: only once every other ladder is at its top.
   */
  readonly diversity?: { readonly quasiIdentifier: string; readonly l: number };
}

export interface GeneralisationApplied {
  readonly quasiIdentifier: string;
  readonly fields: readonly string[];
  /** 0 = published as it is. */
  readonly level: number;
  readonly published: string;
}

export interface KAnonymityReport {
  readonly k: number;
  readonly recordsIn: number;
  readonly recordsOut: number;
  readonly suppressed: number;
  /** Classes (combinations of quasi-identifier values) removed: fewer than k records shared them, or their group was not diverse. */
  readonly classesSuppressed: number;
  /** The l of the diversity required of the sensitive quasi-identifier (1 = none required). */
  readonly l: number;
  readonly generalisation: readonly GeneralisationApplied[];
}

export interface KAnonymousRecords<R extends PublishedRecord> {
  readonly records: R[];
  readonly report: KAnonymityReport;
}

const DEFAULT_MAX_SUPPRESSED_SHARE = 0.05;

/**
 * Makes records k-anonymous over their quasi-identifiers: every combination of
 * quasi-identifier values that is published is shared by at least k records — and, with
 * `diversity`, l-diverse in the sensitive quasi-identifier (see KAnonymityOptions).
 *
 * Generalise, then suppress (full-domain generalisation: a level applies to the field in
 * every record, so the file says once what a column holds). A record *fails* when its class
 * holds fewer than k records, or when, once those are gone, its group shows fewer than l
 * combinations of the sensitive fields. Deterministic order: from every quasi-identifier at
 * level 0, while more than `maxSuppressedShare` of the records fail, raise by one level the
 * quasi-identifier whose next step leaves the fewest failing records (ties: the first in
 * `quasiIdentifiers`; the sensitive one only once every other is at its top); stop when the
 * share is reached or every ladder is at its top. Then remove every failing record.
 * Records are returned in their input order.
 */
export function kAnonymise<R extends PublishedRecord>(
  input: readonly R[],
  quasiIdentifiers: readonly QuasiIdentifier[],
  options: KAnonymityOptions,
): KAnonymousRecords<R> {
  assertValidK(options.k);
  const share = options.maxSuppressedShare ?? DEFAULT_MAX_SUPPRESSED_SHARE;
  if (!(share >= 0 && share <= 1))
    throw new DisclosureConfigError(`maxSuppressedShare must be between 0 and 1, got ${share}`);
  const fields = quasiIdentifiers.flatMap((quasi) => quasi.fields);
  if (new Set(fields).size !== fields.length)
    throw new DisclosureConfigError('a field may belong to one quasi-identifier only');
  const sensitiveIndex = options.diversity
    ? quasiIdentifiers.findIndex((quasi) => quasi.name === options.diversity!.quasiIdentifier)
    : -1;
  if (options.diversity && sensitiveIndex < 0)
    throw new DisclosureConfigError(`no quasi-identifier is named ${options.diversity.quasiIdentifier}`);
  const l = options.diversity?.l ?? 1;
  if (!(Number.isInteger(l) && l >= 1)) throw new DisclosureConfigError(`l must be a whole number from 1, got ${l}`);
  const sensitiveFields = sensitiveIndex < 0 ? [] : quasiIdentifiers[sensitiveIndex]!.fields;
  const groupFields = fields.filter((field) => !sensitiveFields.includes(field));
  const failingOf = (records: readonly PublishedRecord[]) =>
    failingRecords(records, fields, groupFields, sensitiveFields, options.k, l);

  const levels = quasiIdentifiers.map(() => 0);
  const allowed = Math.floor(input.length * share);
  let current = generalise(input, quasiIdentifiers, levels);
  let failing = failingOf(current);
  while (count(failing) > allowed) {
    let best: { index: number; failing: boolean[]; records: R[] } | undefined;
    // The sensitive fields are what the file is for: published as long as any other ladder can still climb.
    const othersAtTop = quasiIdentifiers.every(
      (quasi, index) => index === sensitiveIndex || levels[index]! >= quasi.steps.length,
    );
    quasiIdentifiers.forEach((quasi, index) => {
      if (levels[index]! >= quasi.steps.length) return;
      if (index === sensitiveIndex && !othersAtTop) return;
      const trial = levels.map((level, position) => (position === index ? level + 1 : level));
      const records = generalise(input, quasiIdentifiers, trial);
      const left = failingOf(records);
      if (!best || count(left) < count(best.failing)) best = { index, failing: left, records };
    });
    if (!best) break;
    levels[best.index]! += 1;
    current = best.records;
    failing = best.failing;
  }

  const kept = current.filter((_, index) => !failing[index]);
  const sizes = classSizes(current, fields);
  const keptClasses = new Set(kept.map((record) => classOf(record, fields)));
  const classesSuppressed = [...sizes.keys()].filter((key) => !keptClasses.has(key)).length;
  return {
    records: kept,
    report: {
      k: options.k,
      l,
      recordsIn: input.length,
      recordsOut: kept.length,
      suppressed: input.length - kept.length,
      classesSuppressed,
      generalisation: quasiIdentifiers.map((quasi, index) => ({
        quasiIdentifier: quasi.name,
        fields: quasi.fields,
        level: levels[index]!,
        published: levels[index] === 0 ? quasi.label : quasi.steps[levels[index]! - 1]!.label,
      })),
    },
  };
}

function count(flags: readonly boolean[]): number {
  let total = 0;
  for (const flag of flags) if (flag) total += 1;
  return total;
}

/**
 * Which records would be suppressed at these values: those in classes smaller than k, then,
 * among the rest, those of a group (same values but for the sensitive fields) showing fewer
 * than l combinations of the sensitive fields while publishing any of them. The second look
 * comes after the first because removing a small class can leave its group with one
 * combination.
 */
function failingRecords(
  records: readonly PublishedRecord[],
  fields: readonly string[],
  groupFields: readonly string[],
  sensitiveFields: readonly string[],
  k: number,
  l: number,
): boolean[] {
  const sizes = classSizes(records, fields);
  const failing = records.map((record) => sizes.get(classOf(record, fields))! < k);
  if (l <= 1 || sensitiveFields.length === 0) return failing;
  const combinations = new Map<string, Set<string>>();
  records.forEach((record, index) => {
    if (failing[index]) return;
    const group = classOf(record, groupFields);
    const seen = combinations.get(group) ?? new Set<string>();
    seen.add(classOf(record, sensitiveFields));
    combinations.set(group, seen);
  });
  const nothingPublished = classOf(Object.fromEntries(sensitiveFields.map((field) => [field, ''])), sensitiveFields);
  return records.map((record, index) => {
    if (failing[index]) return true;
    const seen = combinations.get(classOf(record, groupFields))!;
    return seen.size < l && !(seen.size === 1 && seen.has(nothingPublished));
  });
}

/** How many records share each combination of the fields' values. */
export function classSizes(records: readonly PublishedRecord[], fields: readonly string[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const record of records) {
    const key = classOf(record, fields);
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
  }
  return sizes;
}

function classOf(record: PublishedRecord, fields: readonly string[]): string {
  return JSON.stringify(fields.map((field) => record[field] ?? ''));
}

function generalise<R extends PublishedRecord>(
  records: readonly R[],
  quasiIdentifiers: readonly QuasiIdentifier[],
  levels: readonly number[],
): R[] {
  const raised = quasiIdentifiers.filter((_, index) => levels[index]! > 0);
  if (raised.length === 0) return [...records];
  return records.map((record) => {
    const copy: Record<string, string> = { ...record };
    quasiIdentifiers.forEach((quasi, index) => {
      const level = levels[index]!;
      if (level === 0) return;
      const values = quasi.steps[level - 1]!.apply(quasi.fields.map((field) => record[field] ?? ''));
      quasi.fields.forEach((field, position) => (copy[field] = values[position] ?? ''));
    });
    return copy as R;
  });
}

/**
 * The age bands of the global counter-trafficking data hub's open dataset, and the wider
 * bands the export falls back to: children and adults split at 18 as the hub does, young
 * adults (where most records are) kept apart from older ones.
 */
export const CTDC_AGE_BANDS: readonly AgeBand[] = [
  '0-8',
  '9-17',
  '18-20',
  '21-23',
  '24-26',
  '27-29',
  '30-38',
  '39-47',
  '48+',
];

const WIDER_AGE_BAND: Readonly<Record<string, string>> = {
  '0-8': '0-17',
  '9-17': '0-17',
  '18-20': '18-29',
  '21-23': '18-29',
  '24-26': '18-29',
  '27-29': '18-29',
  '30-38': '30+',
  '39-47': '30+',
  '48+': '30+',
};

/** A hub age band's wider band (0-17, 18-29, 30+); '' for an unknown age. */
export function widerAgeBandOf(band: string): string {
  return WIDER_AGE_BAND[band] ?? '';
}

/** Minor or adult, as the hub's `majorityStatus`; '' for an unknown age. */
export function majorityStatusOf(band: string): string {
  const wider = widerAgeBandOf(band);
  if (wider === '') return '';
  return wider === '0-17' ? 'Minor' : 'Adult';
}
