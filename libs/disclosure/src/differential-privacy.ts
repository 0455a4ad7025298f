import { BudgetExhaustedError, DisclosureConfigError } from './errors.js';

/**
 * Optional differential privacy for repeated releases: suppression and rounding protect
 * one table, but many overlapping tables can be differenced; noise with a tracked budget
 * bounds what any number of releases can reveal about one person.
 */

/** A source of uniform numbers in [0, 1). Injectable so tests are deterministic. */
export type RandomSource = () => number;

/** Uniform in [0, 1) with 53 random bits from the platform's cryptographic generator (Web Crypto, also in Node 20). */
export const cryptoRandom: RandomSource = () => {
  const words = globalThis.crypto.getRandomValues(new Uint32Array(2));
  return (words[0]! * 2 ** 21 + (words[1]! >>> 11)) / 2 ** 53;
};

export function assertValidEpsilon(epsilon: number): void {
  if (!Number.isFinite(epsilon) || epsilon <= 0) {
    throw new DisclosureConfigError(`epsilon must be a finite number > 0, got ${epsilon}`);
  }
}

/**
 * Noise from the discrete Laplace (two-sided geometric) distribution,
 * P(z) ∝ exp(−ε·|z| / sensitivity): the integer counterpart of the Laplace mechanism, so
 * noisy counts stay whole numbers. Sampled as the difference of two geometric variables
 * by inversion. Inversion uses floating-point logarithms, which leaks slightly more than
 * the ideal mechanism at extreme tails; acceptable for counts published after rounding.
 *
 * `sensitivity` is how many cells one person can change: 1 when every person is in
 * exactly one cell; more when a dimension holds several values per person (a person
 * with two exploitation types is counted twice).
 */
export function sampleDiscreteLaplace(epsilon: number, random: RandomSource = cryptoRandom, sensitivity = 1): number {
  assertValidEpsilon(epsilon);
  if (!Number.isInteger(sensitivity) || sensitivity < 1) {
    throw new DisclosureConfigError(`sensitivity must be a whole number ≥ 1, got ${sensitivity}`);
  }
  const scale = sensitivity / epsilon;
  const geometric = (): number => {
    // 1 − U lies in (0, 1], so the logarithm is finite.
    const u = 1 - random();
    return Math.floor(-Math.log(u) * scale);
  };
  return geometric() - geometric();
}

/** A count with noise added, never below zero (clamping is post-processing and costs no privacy). */
export function noisyCount(count: number, epsilon: number, random: RandomSource = cryptoRandom, sensitivity = 1): number {
  return Math.max(0, count + sampleDiscreteLaplace(epsilon, random, sensitivity));
}

/** The epsilon already spent per release period, and the budget each period may spend. */
export interface EpsilonLedgerState {
  readonly budget: number;
  readonly spent: Readonly<Record<string, number>>;
}

/**
 * Sums of epsilons are compared with this tolerance, so ten releases of 0.1 fit a
 * budget of 1 despite binary floating point.
 */
const TOLERANCE = 1e-9;

/**
 * The privacy budget of repeated releases, per period (e.g. the reporting year). Pure: it
 * holds no storage and spending returns a new ledger, so the caller persists the state
 * in the same transaction as the release and a failed release spends nothing.
 */
export class EpsilonLedger {
  readonly state: EpsilonLedgerState;

  constructor(state: EpsilonLedgerState) {
    assertValidEpsilon(state.budget);
    for (const [period, spent] of Object.entries(state.spent)) {
      if (!Number.isFinite(spent) || spent < 0) {
        throw new DisclosureConfigError(`epsilon spent in "${period}" must be a finite number ≥ 0, got ${spent}`);
      }
    }
    this.state = { budget: state.budget, spent: { ...state.spent } };
  }

  spentIn(period: string): number {
    return Object.hasOwn(this.state.spent, period) ? this.state.spent[period]! : 0;
  }

  remaining(period: string): number {
    const remaining = this.state.budget - this.spentIn(period);
    return remaining < TOLERANCE ? 0 : remaining;
  }

  /** The ledger after spending `epsilon` in `period`; throws {@link BudgetExhaustedError} if it does not fit. */
  spend(period: string, epsilon: number): EpsilonLedger {
    assertValidEpsilon(epsilon);
    const total = this.spentIn(period) + epsilon;
    if (total > this.state.budget + TOLERANCE) throw new BudgetExhaustedError(period, epsilon, this.remaining(period));
    return new EpsilonLedger({ budget: this.state.budget, spent: { ...this.state.spent, [period]: Math.min(total, this.state.budget) } });
  }
}
