import { InvalidTableError } from './errors.js';

/**
 * The age bands of the global counter-trafficking data hub (STANDARDS.md), so Haven's
 * figures can be compared with and contributed to it. Narrow bands around 18–29 keep the
 * legal threshold of adulthood visible; wide bands elsewhere keep cells from being tiny.
 * Values use an ASCII hyphen so they survive CSV, URLs and spreadsheets unchanged.
 */
export const AGE_BANDS = [
  '0-8',
  '9-17',
  '18-20',
  '21-23',
  '24-26',
  '27-29',
  '30-38',
  '39-47',
  '48+',
  'unknown',
] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Lower bound (inclusive) of each band with a known age, oldest first so the first match wins. */
const LOWER_BOUNDS: readonly [number, AgeBand][] = [
  [48, '48+'],
  [39, '39-47'],
  [30, '30-38'],
  [27, '27-29'],
  [24, '24-26'],
  [21, '21-23'],
  [18, '18-20'],
  [9, '9-17'],
  [0, '0-8'],
];

/**
 * The band of an age in completed years. A missing age is `unknown`; a fractional age is
 * the completed years it contains. A negative or non-finite age is a bug upstream, so it
 * is refused rather than quietly counted as unknown.
 */
export function ageBandOf(age: number | null | undefined): AgeBand {
  if (age === null || age === undefined) return 'unknown';
  if (!Number.isFinite(age) || age < 0) throw new InvalidTableError(`age must be a finite number ≥ 0, got ${age}`);
  const years = Math.floor(age);
  // The last bound is 0, so every age ≥ 0 finds its band.
  return LOWER_BOUNDS.find(([lower]) => years >= lower)![1];
}
