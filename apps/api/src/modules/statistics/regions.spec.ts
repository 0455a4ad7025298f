import { describe, expect, it } from '@jest/globals';
import { COUNTRY_CODES } from '@haven/contracts';
import { OTHER_REGION, REGIONS, regionOf } from './regions.js';

describe('regions of nationality (UN M49)', () => {
  it('places every country of the code list in one region, Antarctica aside', () => {
    const unplaced = COUNTRY_CODES.filter((code) => regionOf(code) === OTHER_REGION);
    expect(unplaced).toEqual(['AQ']);
    expect(new Set(REGIONS).size).toBe(REGIONS.length);
    expect(REGIONS.at(-1)).toBe(OTHER_REGION);
  });

  it('uses the intermediate regions of Africa and the Americas', () => {
    expect(regionOf('NG')).toBe('Western Africa');
    expect(regionOf('ER')).toBe('Eastern Africa');
    expect(regionOf('LY')).toBe('Northern Africa');
    expect(regionOf('CM')).toBe('Middle Africa');
    expect(regionOf('ht')).toBe('Caribbean');
    expect(regionOf('UA')).toBe('Eastern Europe');
    expect(regionOf('AF')).toBe('Southern Asia');
  });

  it('answers "other or unknown" for what it does not know', () => {
    for (const value of [null, undefined, '', 'ZZ']) expect(regionOf(value)).toBe(OTHER_REGION);
  });
});
