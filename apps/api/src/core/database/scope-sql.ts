import type { Scope } from '@haven/access';

/** Numbered parameters (`$1`, `$2`, …) for a statement written in plain SQL. */
export class SqlParameters {
  readonly values: unknown[];

  constructor(...first: unknown[]) {
    this.values = [...first];
  }

  /** Adds a value and answers its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * A caller's scope (from libs/access) as a condition of a plain SQL statement: OR of the
 * rules, each an AND of equalities on the columns `columns` maps its fields to. An empty
 * scope matches nothing, and a field without a column is a programming error, never
 * silently dropped (dropping it would widen the scope).
 */
export function scopeCondition(
  scope: Scope,
  columns: Readonly<Record<string, string>>,
  parameters: SqlParameters,
): string {
  if (scope.length === 0) return 'false';
  const anyOf = scope.map((rule) => {
    const allOf = Object.entries(rule).map(([field, value]) => {
      const column = columns[field];
      if (!column) throw new Error(`A scope on a field this query cannot filter on: ${field}`);
      return `${column} = ${parameters.add(value)}`;
    });
    return allOf.length ? `(${allOf.join(' AND ')})` : 'true';
  });
  return `(${anyOf.join(' OR ')})`;
}
