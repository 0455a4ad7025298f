import { describe, expect, it } from '@jest/globals';
import { DEFAULT_K, assertValidK, isSmallCount } from './cell-size.js';
import { DisclosureConfigError } from './errors.js';

describe('minimum cell size', () => {
  it('defaults to 11 and refuses anything below 5 or fractional', () => {
    expect(DEFAULT_K).toBe(11);
    expect(() => assertValidK(5)).not.toThrow();
    for (const k of [4, 0, -11, 10.5, Number.NaN]) expect(() => assertValidK(k)).toThrow(DisclosureConfigError);
  });

  it('calls 1…k−1 small, and neither 0 nor k', () => {
    expect([0, 1, 10, 11, 12].map((count) => isSmallCount(count, 11))).toEqual([false, true, true, false, false]);
  });
});
