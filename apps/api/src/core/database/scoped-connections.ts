import pg from 'pg';
import { currentDatabaseScope, type DatabaseScope } from '../request-context/database-scope.js';
import { preparingClient, PreparedStatementRegistry } from './prepared-statements.js';

/** What the row-level security policies read (migration 1764430000000). */
export const SCOPE_SETTINGS = {
  organisation: 'app.organisation_id',
  user: 'app.user_id',
  system: 'app.system',
} as const;

const SET_SCOPE = `SELECT set_config('${SCOPE_SETTINGS.organisation}', $1, false), set_config('${SCOPE_SETTINGS.user}', $2, false), set_config('${SCOPE_SETTINGS.system}', $3, false)`;

function settingsOf(scope: DatabaseScope | undefined): [string, string, string] {
  if (!scope) return ['', '', ''];
  if (scope.kind === 'system') return ['', '', 'on'];
  return [scope.organisationId, scope.userId ?? '', ''];
}

/** The scope last written on each pooled connection, so an unchanged scope costs no round trip. */
const appliedScopes = new WeakMap<pg.PoolClient, string>();

async function applyScope(client: pg.PoolClient, settings: [string, string, string], key: string): Promise<void> {
  try {
    appliedScopes.delete(client);
    await client.query(SET_SCOPE, settings);
    appliedScopes.set(client, key);
  } catch (error) {
    // A connection whose scope is unknown never goes back to the pool.
    client.release(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}

type CheckoutCallback = (
  error: Error | undefined,
  client: pg.PoolClient | undefined,
  done: (release?: unknown) => void,
) => void;

/**
 * The `pg` module the application's data source is given (TypeORM's `driver` option): its
 * pools hand out only connections that carry the scope of the work that borrowed them.
 * TypeORM borrows a pooled connection per query outside transactions and one per
 * transaction, always through the pool's public `connect`; the scope is read there, in the
 * borrower's async context, and written to the connection before the borrower gets it —
 * a new connection and a reused one alike. Each borrow overwrites whatever the previous
 * borrower left (a session-level setting: outside a transaction every statement is its own
 * transaction, so a transaction-local one would be gone by the next statement).
 *
 * Each connection also sends the statements it is given often as prepared statements
 * (prepared-statements.ts, through pg's `Client` option): planned once per connection, not
 * for every request. Only pg's and TypeORM's documented interfaces are used, so an upgrade
 * of either cannot silently bypass the scope.
 */
export function scopedPostgres(statements = new PreparedStatementRegistry()): typeof pg {
  const Client = preparingClient(statements);
  class ScopedPool extends pg.Pool {
    constructor(options: pg.PoolConfig = {}) {
      super({ ...options, Client });
    }

    override connect(): Promise<pg.PoolClient>;
    override connect(callback: CheckoutCallback): void;
    override connect(callback?: CheckoutCallback): Promise<pg.PoolClient> | void {
      if (!callback) {
        return new Promise((resolve, reject) =>
          this.connect((error, client) =>
            error || !client ? reject(error ?? new Error('No connection')) : resolve(client),
          ),
        );
      }
      const settings = settingsOf(currentDatabaseScope());
      const key = settings.join('|');
      // pg's callback form: a connection whose scope is already the borrower's is handed on at once,
      // without a promise in between (every query outside a transaction borrows one).
      super.connect((error: Error | undefined, client: pg.PoolClient | undefined) => {
        if (error || !client) {
          callback(error ?? new Error('No connection'), undefined, () => undefined);
          return;
        }
        const done = (release?: unknown) => client.release(release as Error | boolean | undefined);
        if (appliedScopes.get(client) === key) {
          callback(undefined, client, done);
          return;
        }
        applyScope(client, settings, key).then(
          () => callback(undefined, client, done),
          (failure: unknown) =>
            callback(failure instanceof Error ? failure : new Error(String(failure)), undefined, () => undefined),
        );
      });
    }
  }
  return Object.assign(Object.create(pg) as typeof pg, { Pool: ScopedPool });
}
