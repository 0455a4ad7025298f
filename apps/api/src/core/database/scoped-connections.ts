import type { DataSource } from 'typeorm';
import { currentDatabaseScope, type DatabaseScope } from '../request-context/database-scope.js';
import { prepareFrequentStatements, PreparedStatementRegistry } from './prepared-statements.js';

/** What the row-level security policies read (migration 1764430000000). */
export const SCOPE_SETTINGS = { organisation: 'app.organisation_id', user: 'app.user_id', system: 'app.system' } as const;

interface PgConnection {
  query(sql: string, values: unknown[]): Promise<unknown>;
  [APPLIED]?: string;
}
type Release = (error?: unknown) => void;
interface PostgresDriverLike {
  obtainMasterConnection(): Promise<[PgConnection, Release]>;
}

const APPLIED = Symbol('haven.appliedScope');

function settingsOf(scope: DatabaseScope | undefined): [string, string, string] {
  if (!scope) return ['', '', ''];
  if (scope.kind === 'system') return ['', '', 'on'];
  return [scope.organisationId, scope.userId ?? '', ''];
}

/**
 * Makes every connection the data source borrows carry the scope of the work that
 * borrowed it. TypeORM borrows a pooled connection per query outside transactions
 * and one per transaction, always through `obtainMasterConnection`; the scope is
 * read there, in the borrower's async context, and written to the connection before
 * TypeORM gets it. Each borrow overwrites whatever the previous borrower left (a
 * session-level setting: outside a transaction every statement is its own
 * transaction, so a transaction-local one would be gone by the next statement). The
 * value last written is remembered on the connection, so an unchanged scope costs no
 * round trip.
 *
 * Each connection also sends the statements it is given often as prepared statements
 * (prepared-statements.ts): planned once per connection, not for every request.
 */
export function scopeConnectionsOf(dataSource: DataSource, statements = new PreparedStatementRegistry()): void {
  const driver = dataSource.driver as unknown as PostgresDriverLike;
  const borrow = driver.obtainMasterConnection.bind(driver);
  driver.obtainMasterConnection = async () => {
    const settings = settingsOf(currentDatabaseScope());
    const [connection, release] = await borrow();
    prepareFrequentStatements(connection, statements);
    const key = settings.join('|');
    if (connection[APPLIED] !== key) {
      try {
        connection[APPLIED] = undefined;
        await connection.query(
          `SELECT set_config('${SCOPE_SETTINGS.organisation}', $1, false), set_config('${SCOPE_SETTINGS.user}', $2, false), set_config('${SCOPE_SETTINGS.system}', $3, false)`,
          settings,
        );
        connection[APPLIED] = key;
      } catch (error) {
        // A connection whose scope is unknown never goes back to the pool.
        release(error instanceof Error ? error : new Error(String(error)));
        throw error;
      }
    }
    return [connection, release];
  };
}
