import { describe, expect, it } from '@jest/globals';
import {
  CELL_KEY_MODULUS,
  MAX_PERTURBATION,
  PERTURBATION_TABLE,
  cellKeyOf,
  discreteLaplaceAt,
  perturbationAt,
  protectCount,
  protectNoisyCount,
} from './cell-key.js';

describe('cell key method', () => {
  it('has a perturbation table that sums to 1, is symmetric and stays within the stated maximum', () => {
    expect(PERTURBATION_TABLE.reduce((sum, row) => sum + row.probability, 0)).toBeCloseTo(1, 12);
    for (const row of PERTURBATION_TABLE) {
      expect(PERTURBATION_TABLE.find((other) => other.perturbation === -row.perturbation)?.probability).toBe(
        row.probability,
      );
      expect(Math.abs(row.perturbation)).toBeLessThanOrEqual(MAX_PERTURBATION);
    }
  });

  it('takes the cell key as the sum of record keys modulo 1, whatever the size of the sum', () => {
    expect(cellKeyOf(0)).toBe(0);
    expect(cellKeyOf(CELL_KEY_MODULUS / 2)).toBe(0.5);
    expect(cellKeyOf(`${BigInt(CELL_KEY_MODULUS) * 7n + BigInt(CELL_KEY_MODULUS / 4)}`)).toBe(0.25);
  });

  it('looks the perturbation up by cumulative probability', () => {
    expect(perturbationAt(0)).toBe(-5);
    expect(perturbationAt(0.0005)).toBe(-5);
    expect(perturbationAt(0.5)).toBe(0);
    expect(perturbationAt(0.9999999)).toBe(5);
    const counts = new Map<number, number>();
    for (let index = 0; index < 100_000; index += 1) {
      const d = perturbationAt((index + 0.5) / 100_000);
      counts.set(d, (counts.get(d) ?? 0) + 1);
    }
    for (const row of PERTURBATION_TABLE)
      expect(Math.abs(counts.get(row.perturbation)! / 100_000 - row.probability)).toBeLessThan(0.0001);
    expect(() => perturbationAt(1)).toThrow();
  });

  it('keeps 0, never shows 1…k−1 as any number, and moves k and more within the maximum', () => {
    for (let key = 0; key < 1; key += 0.01) {
      expect(protectCount(0, key, 11)).toEqual({ value: 0, display: '0', suppressed: false });
      for (let count = 1; count < 11; count += 1)
        expect(protectCount(count, key, 11)).toEqual({ value: null, display: '<11', suppressed: true });
      for (const count of [11, 12, 15, 16, 40, 1000]) {
        const figure = protectCount(count, key, 11);
        if (figure.value === null) {
          expect(figure.display).toBe('<11');
          expect(count).toBeLessThan(11 + MAX_PERTURBATION);
        } else {
          expect(figure.value).toBeGreaterThanOrEqual(11);
          expect(Math.abs(figure.value - count)).toBeLessThanOrEqual(MAX_PERTURBATION);
        }
      }
    }
  });

  it('gives the same count at the same cell key the same figure every time', () => {
    const key = cellKeyOf(123_456_789_012n);
    expect(protectCount(57, key, 11)).toEqual(protectCount(57, key, 11));
  });

  it('decides the thresholds of differential privacy on the noisy count', () => {
    expect(protectNoisyCount(-3, 11).display).toBe('0');
    expect(protectNoisyCount(10, 11).display).toBe('<11');
    expect(protectNoisyCount(11, 11).display).toBe('11');
    expect(discreteLaplaceAt(0.5, 0.5, 1)).toBe(0);
    expect(discreteLaplaceAt(0.99, 0.01, 0.5)).toBeGreaterThan(5);
  });
});
