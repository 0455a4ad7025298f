import { describe, expect, it } from '@jest/globals';
import { EpsilonLedger, cryptoRandom, noisyCount, sampleDiscreteLaplace, type RandomSource } from './differential-privacy.js';
import { BudgetExhaustedError, DisclosureConfigError } from './errors.js';

/** A small seeded generator (mulberry32), so the statistical checks below are deterministic. */
function seeded(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const sequence = (...values: number[]): RandomSource => {
  let next = 0;
  return () => values[next++ % values.length]!;
};

describe('discrete Laplace noise', () => {
  it('has the two-sided geometric distribution of the given epsilon', () => {
    const random = seeded(2026);
    const samples = Array.from({ length: 40_000 }, () => sampleDiscreteLaplace(1, random));
    const alpha = Math.exp(-1);
    const mean = samples.reduce((sum, z) => sum + z, 0) / samples.length;
    const variance = samples.reduce((sum, z) => sum + (z - mean) ** 2, 0) / samples.length;
    expect(samples.every(Number.isInteger)).toBe(true);
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(variance).toBeCloseTo((2 * alpha) / (1 - alpha) ** 2, 1);
    expect(samples.filter((z) => z === 0).length / samples.length).toBeCloseTo((1 - alpha) / (1 + alpha), 2);
  });

  it('scales with the sensitivity', () => {
    const random = seeded(7);
    const samples = Array.from({ length: 40_000 }, () => sampleDiscreteLaplace(1, random, 2));
    const alpha = Math.exp(-1 / 2);
    expect(samples.filter((z) => z === 0).length / samples.length).toBeCloseTo((1 - alpha) / (1 + alpha), 2);
  });

  it('inverts the injected random source', () => {
    expect(sampleDiscreteLaplace(1, sequence(0))).toBe(0);
    // 1 − 0.75 = e^{−1.386…}: the first geometric draw is 1, the second 0.
    expect(sampleDiscreteLaplace(1, sequence(0.75, 0))).toBe(1);
    expect(sampleDiscreteLaplace(1, sequence(0, 0.75))).toBe(-1);
  });

  it('never makes a count negative', () => {
    expect(noisyCount(3, 1, sequence(0, 1 - 1e-9))).toBe(0);
    expect(noisyCount(3, 1, sequence(0.75, 0))).toBe(4);
  });

  it('refuses an epsilon or a sensitivity that means nothing', () => {
    for (const epsilon of [0, -1, Infinity, Number.NaN]) expect(() => sampleDiscreteLaplace(epsilon)).toThrow(DisclosureConfigError);
    expect(() => sampleDiscreteLaplace(1, cryptoRandom, 0)).toThrow(DisclosureConfigError);
  });

  it('draws uniform numbers in [0, 1) from the platform generator', () => {
    const draws = Array.from({ length: 1000 }, cryptoRandom);
    expect(draws.every((u) => u >= 0 && u < 1)).toBe(true);
    expect(new Set(draws).size).toBe(1000);
  });
});

describe('epsilon ledger', () => {
  it('spends within the budget of each period and returns a new ledger', () => {
    const empty = new EpsilonLedger({ budget: 1, spent: {} });
    const ledger = empty.spend('2026', 0.4).spend('2026', 0.5).spend('2025', 1);
    expect(ledger.spentIn('2026')).toBeCloseTo(0.9);
    expect(ledger.remaining('2026')).toBeCloseTo(0.1);
    expect(ledger.remaining('2027')).toBe(1);
    expect(ledger.state.spent).toEqual({ '2026': expect.closeTo(0.9), '2025': 1 });
    expect(empty.spentIn('2026')).toBe(0);
  });

  it('refuses to spend past the budget, saying what is left', () => {
    const ledger = new EpsilonLedger({ budget: 1, spent: { '2026': 0.75 } });
    const refusal = (() => {
      try {
        return ledger.spend('2026', 0.5);
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(BudgetExhaustedError);
    expect(refusal).toMatchObject({ code: 'privacy_budget_exhausted', period: '2026', requested: 0.5, remaining: 0.25 });
  });

  it('lets ten releases of 0.1 fill a budget of 1 despite floating point', () => {
    let ledger = new EpsilonLedger({ budget: 1, spent: {} });
    for (let release = 0; release < 10; release += 1) ledger = ledger.spend('2026', 0.1);
    expect(ledger.remaining('2026')).toBe(0);
    expect(() => ledger.spend('2026', 0.01)).toThrow(BudgetExhaustedError);
  });

  it('refuses a state that is not a budget', () => {
    expect(() => new EpsilonLedger({ budget: 0, spent: {} })).toThrow(DisclosureConfigError);
    expect(() => new EpsilonLedger({ budget: 1, spent: { '2026': -0.5 } })).toThrow(DisclosureConfigError);
    expect(() => new EpsilonLedger({ budget: 1, spent: {} }).spend('2026', 0)).toThrow(DisclosureConfigError);
  });
});
