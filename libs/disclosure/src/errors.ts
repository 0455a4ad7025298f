/**
 * Every refusal of this library is a typed error with a stable `code`, so the API can
 * map each one once to a clear 4xx problem response (docs/architecture.md, rule 8) instead of a 500.
 */
export abstract class DisclosureError extends Error {
  abstract readonly code: string;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A disclosure setting (k, rounding base, epsilon, …) outside what the rules allow. */
export class DisclosureConfigError extends DisclosureError {
  readonly code = 'disclosure_config';
}

/** A dimension that is not on the fixed list: free dimensions are how trackers are built. */
export class DimensionNotAllowedError extends DisclosureError {
  readonly code = 'dimension_not_allowed';

  constructor(readonly dimension: string) {
    super(`"${dimension}" is not an allowed statistics dimension`);
  }
}

/** More dimensions crossed at once than the cap allows. */
export class TooManyDimensionsError extends DisclosureError {
  readonly code = 'too_many_dimensions';

  constructor(
    readonly requested: number,
    readonly maximum: number,
  ) {
    super(`${requested} dimensions requested; at most ${maximum} may be crossed in one table`);
  }
}

/** A period finer than a month (a week, a day, a date): too close to an event in one person's life. */
export class PeriodTooFineError extends DisclosureError {
  readonly code = 'period_too_fine';

  constructor(readonly period: string) {
    super(`period "${period}" is not a year, a quarter or a month; finer periods are not published`);
  }
}

/** Input that does not describe a table: unknown values, duplicate keys, counts that are not whole numbers ≥ 0. */
export class InvalidTableError extends DisclosureError {
  readonly code = 'invalid_table';
}

/** Spending this epsilon would exceed the privacy budget of the period. */
export class BudgetExhaustedError extends DisclosureError {
  readonly code = 'privacy_budget_exhausted';

  constructor(
    readonly period: string,
    readonly requested: number,
    readonly remaining: number,
  ) {
    super(`privacy budget of period "${period}" exhausted: ${requested} requested, ${remaining} left`);
  }
}
