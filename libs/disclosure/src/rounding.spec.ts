import { describe, expect, it } from '@jest/globals';
import { DisclosureConfigError } from './errors.js';
import { DEFAULT_ROUNDING_BASE, assertValidRoundingBase, roundToBase } from './rounding.js';

describe('rounding', () => {
  it('rounds to the nearest multiple of the base', () => {
    expect(DEFAULT_ROUNDING_BASE).toBe(5);
    expect([0, 11, 12, 13, 14, 15, 17, 18, 102].map((value) => roundToBase(value, 5))).toEqual([0, 10, 10, 15, 15, 15, 15, 20, 100]);
  });

  it('rounds halves up with an even base, and leaves values alone with base 1', () => {
    expect([14, 15, 25].map((value) => roundToBase(value, 10))).toEqual([10, 20, 30]);
    expect(roundToBase(13, 1)).toBe(13);
  });

  it('accepts bases from 1 to k only, so a published count never rounds to 0', () => {
    expect(() => assertValidRoundingBase(1, 11)).not.toThrow();
    expect(() => assertValidRoundingBase(11, 11)).not.toThrow();
    for (const base of [0, 12, 2.5]) expect(() => assertValidRoundingBase(base, 11)).toThrow(DisclosureConfigError);
  });
});
