import { describe, expect, it } from '@jest/globals';
import { AGE_BANDS, ageBandOf } from './age-bands.js';
import { InvalidTableError } from './errors.js';

describe('age bands', () => {
  it('are the bands of the global counter-trafficking data hub, and unknown', () => {
    expect(AGE_BANDS).toEqual(['0-8', '9-17', '18-20', '21-23', '24-26', '27-29', '30-38', '39-47', '48+', 'unknown']);
  });

  it('puts every age at the edges of each band in that band', () => {
    const edges: [number, string][] = [
      [0, '0-8'],
      [8, '0-8'],
      [9, '9-17'],
      [17, '9-17'],
      [18, '18-20'],
      [20, '18-20'],
      [21, '21-23'],
      [23, '21-23'],
      [24, '24-26'],
      [26, '24-26'],
      [27, '27-29'],
      [29, '27-29'],
      [30, '30-38'],
      [38, '30-38'],
      [39, '39-47'],
      [47, '39-47'],
      [48, '48+'],
      [97, '48+'],
    ];
    for (const [age, band] of edges) expect(ageBandOf(age)).toBe(band);
  });

  it('counts completed years, and a missing age as unknown', () => {
    expect(ageBandOf(17.9)).toBe('9-17');
    expect(ageBandOf(null)).toBe('unknown');
    expect(ageBandOf(undefined)).toBe('unknown');
  });

  it('refuses a negative or non-finite age', () => {
    for (const age of [-1, Number.NaN, Infinity]) expect(() => ageBandOf(age)).toThrow(InvalidTableError);
  });
});
