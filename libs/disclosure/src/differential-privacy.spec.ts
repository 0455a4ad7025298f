import { describe, expect, it } from '@jest/globals';
import { EpsilonLedger } from './differential-privacy.js';
import { BudgetExhaustedError, DisclosureConfigError } from './errors.js';

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
    expect(refusal).toMatchObject({
      code: 'privacy_budget_exhausted',
      period: '2026',
      requested: 0.5,
      remaining: 0.25,
    });
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
