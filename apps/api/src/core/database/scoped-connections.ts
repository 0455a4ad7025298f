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

async function applyScope(client: pg.PoolClient, settings: [string, string, string]): Promise<pg.PoolClient> {
  const key = settings.join('|');
  if (appliedScopes.get(client) === key) return client;
  try {
    appliedScopes.delete(client);
    await client.query(SET_SCOPE, settings);
    appliedScopes.set(client, key);
    return client;
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
      const settings = settingsOf(currentDatabaseScope());
      const checkout = super.connect().then((client) => applyScope(client, settings));
      if (!callback) return checkout;
      checkout.then(
        (client) => callback(undefined, client, (release) => client.release(release as Error | boolean | undefined)),
        (error: unknown) =>
          callback(error instanceof Error ? error : new Error(String(error)), undefined, () => undefined),
      );
    }
  }
  return Object.assign(Object.create(pg) as typeof pg, { Pool: ScopedPool });
}
