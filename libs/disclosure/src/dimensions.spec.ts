import { describe, expect, it } from '@jest/globals';
import {
  DIMENSIONS,
  MAX_DIMENSIONS,
  assertDimensions,
  assertPeriodGranularity,
  assertPeriodValues,
  isDimensionName,
  periodGranularityOf,
} from './dimensions.js';
import { DimensionNotAllowedError, InvalidTableError, PeriodTooFineError, TooManyDimensionsError } from './errors.js';

describe('dimensions', () => {
  it('lists the fixed dimensions', () => {
    expect(DIMENSIONS).toEqual([
      'period',
      'ageBand',
      'sex',
      'nationality',
      'region',
      'exploitationType',
      'assistanceType',
      'referralOutcome',
      'placementLengthBand',
      'trainingOutcome',
      'reintegrationScoreBand',
      'status',
    ]);
    expect(isDimensionName('sex')).toBe(true);
    expect(isDimensionName('shelterId')).toBe(false);
  });

  it('accepts up to three distinct allowed dimensions', () => {
    expect(MAX_DIMENSIONS).toBe(3);
    expect(() => assertDimensions(['period', 'sex', 'ageBand'])).not.toThrow();
  });

  it('refuses other dimensions, a fourth dimension, none, and a repeated one', () => {
    expect(() => assertDimensions(['sex', 'dateOfBirth'])).toThrow(DimensionNotAllowedError);
    expect(() => assertDimensions(['period', 'sex', 'ageBand', 'region'])).toThrow(TooManyDimensionsError);
    expect(() => assertDimensions([])).toThrow(InvalidTableError);
    expect(() => assertDimensions(['sex', 'sex'])).toThrow(InvalidTableError);
  });

  it('accepts years, quarters and months, and nothing finer', () => {
    expect(['2026', '2026-Q3', '2026-11'].map(periodGranularityOf)).toEqual(['year', 'quarter', 'month']);
    for (const period of ['2026-03-15', '2026-W10', '2026-03-15T10:00:00Z', '2026-13', '2026-Q5', 'last week']) {
      expect(() => periodGranularityOf(period)).toThrow(PeriodTooFineError);
    }
    expect(() => assertPeriodGranularity('month')).not.toThrow();
    for (const granularity of ['week', 'day', 'hour'])
      expect(() => assertPeriodGranularity(granularity)).toThrow(PeriodTooFineError);
  });

  it('refuses a table that mixes years with their months', () => {
    expect(assertPeriodValues(['2025-Q4', '2026-Q1'])).toBe('quarter');
    expect(() => assertPeriodValues(['2026', '2026-01'])).toThrow(InvalidTableError);
  });
});
