import { BudgetExhaustedError, DisclosureConfigError } from './errors.js';

/**
 * The budget of the optional differential-privacy mode: the noise itself is drawn per
 * cell from the cell key (`discreteLaplaceAt` in cell-key.ts), so the same people get the
 * same noise in every table; this ledger bounds what the releases spend.
 */
export function assertValidEpsilon(epsilon: number): void {
  if (!Number.isFinite(epsilon) || epsilon <= 0) {
    throw new DisclosureConfigError(`epsilon must be a finite number > 0, got ${epsilon}`);
  }
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
    return new EpsilonLedger({
      budget: this.state.budget,
      spent: { ...this.state.spent, [period]: Math.min(total, this.state.budget) },
    });
  }
}
