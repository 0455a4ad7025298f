import { createHash } from 'node:crypto';
import pg from 'pg';

interface PgError {
  code?: string;
  message?: string;
}

/** How often a statement is sent before it is prepared: one-off statements stay unnamed. */
const SIGHTINGS_BEFORE_PREPARING = 3;

/**
 * Statements prepared at most, per process (each pooled connection prepares them as it
 * meets them). The API sends a few hundred different statements; the hot ones (lists,
 * case pages, sessions) arrive first and most often. Beyond the limit new statements
 * stay unnamed, so a statement text that varies (an IN list of any length) cannot fill
 * the database's memory with plans.
 */
const MOST_PREPARED = 300;

/**
 * Which statement texts are prepared, and under which name: the same text always gets
 * the same name (a hash of it), on every connection.
 */
export class PreparedStatementRegistry {
  private readonly sightings = new Map<string, number>();
  private readonly names = new Map<string, string>();
  private readonly refused = new Set<string>();

  constructor(
    private readonly mostPrepared = MOST_PREPARED,
    private readonly sightingsBeforePreparing = SIGHTINGS_BEFORE_PREPARING,
  ) {}

  /** The name to prepare `text` under, or undefined to send it unnamed this time. */
  nameFor(text: string): string | undefined {
    const known = this.names.get(text);
    if (known) return known;
    if (this.refused.has(text) || this.names.size >= this.mostPrepared) return undefined;
    const seen = (this.sightings.get(text) ?? 0) + 1;
    if (seen < this.sightingsBeforePreparing) {
      // Bounded like the names: texts seen once or twice are forgotten when there are too many.
      if (this.sightings.size >= this.mostPrepared * 10) this.sightings.clear();
      this.sightings.set(text, seen);
      return undefined;
    }
    this.sightings.delete(text);
    const name = `haven_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    this.names.set(text, name);
    return name;
  }

  /** Never prepares `text` again (its prepared plan no longer fits the table it reads). */
  refuse(text: string): void {
    this.names.delete(text);
    this.refused.add(text);
  }

  get preparedCount(): number {
    return this.names.size;
  }
}

/**
 * PostgreSQL's "cached plan must not change result type": a prepared `SELECT *` whose
 * table gained or lost a column since (a migration while the API runs). The statement is
 * useless on that connection; the query is sent again unnamed and never prepared again.
 */
export const isStalePlan = (error: unknown) =>
  (error as PgError)?.code === '0A000' &&
  /cached plan must not change result type/.test((error as PgError)?.message ?? '');

type Send = (...args: unknown[]) => unknown;

/**
 * Sends one query through `send`: as a named (prepared) statement when its text is frequent and
 * it has parameters, otherwise exactly as it came (callbacks, config objects and streams too).
 */
export function sendPreparingFrequent(send: Send, registry: PreparedStatementRegistry, args: unknown[]): unknown {
  const [text, values] = args;
  const name =
    typeof text === 'string' && Array.isArray(values) && values.length > 0 && args.length === 2
      ? registry.nameFor(text)
      : undefined;
  if (!name) return send(...args);
  return (send({ name, text, values }) as Promise<unknown>).catch((error: unknown) => {
    if (!isStalePlan(error)) throw error;
    registry.refuse(text as string);
    return send(text, values);
  });
}

/**
 * A `pg` client class that sends the statements it is given often as named (prepared)
 * statements: PostgreSQL then parses and plans each once per connection instead of for
 * every request. Planning is most of the database's time for the API's short queries
 * under row-level security (figures in docs/benchmarks.md); the plans stay
 * right under the policies, which read the connection's scope when they run, and
 * PostgreSQL replans by itself when a table or index changes. `pg` keeps the names it
 * has prepared on each connection and prepares on first use. A pool is given it through
 * pg's `Client` option (scoped-connections.ts).
 */
export function preparingClient(
  registry: PreparedStatementRegistry,
  Base: typeof pg.Client = pg.Client,
): typeof pg.Client {
  return class PreparingClient extends Base {
    // pg's query has a dozen overloads; every call is handed on unchanged but for the statement's name.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    override query(...args: any[]): any {
      return sendPreparingFrequent((...sent) => (super.query as Send).apply(this, sent), registry, args);
    }
  };
}
