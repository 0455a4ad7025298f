import pg from 'pg';
import { currentDatabaseScope, type DatabaseScope } from '../request-context/database-scope.js';
import { isStalePlan, preparingClient, PreparedStatementRegistry } from './prepared-statements.js';

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

/** The scope last written on each pooled connection, so an unchanged scope costs nothing. */
const appliedScopes = new WeakMap<pg.PoolClient, string>();

/** A scope handed out with a connection that does not hold it yet: written with the borrower's first query. */
interface PendingScope {
  settings: [string, string, string];
  key: string;
}
const pendingScopes = new WeakMap<pg.Client, PendingScope>();

/** What of pg's connection the scope's messages are written with (pg's own Query does the same). */
interface WireConnection {
  stream: { cork?: () => void; uncork?: () => void; destroy: (error?: Error) => void };
  parsedStatements: Record<string, string>;
  parse(message: { text: string; name: string; types: unknown[] }): void;
  bind(message: { portal: string; statement: string; values: string[] }): void;
  describe(message: { type: 'P'; name: string }): void;
  execute(message: { portal: string; rows: number }): void;
}

type Send = (...args: unknown[]) => unknown;

/**
 * A client class that writes a pending scope in the same round trip as the borrower's first
 * query, instead of a round trip of its own before it (which every request whose user differs
 * from the connection's last one paid).
 *
 * A query with parameters (every repository read) goes out as pg sends any query — Parse,
 * Bind, Describe, Execute, Sync — preceded on the wire by the scope's Parse, Bind, Describe and
 * Execute, with no Sync between them. PostgreSQL runs the two in one implicit transaction, in
 * order: the policies of the query read the new scope, and if writing the scope failed the
 * query is never run (the server skips to the Sync). If the query fails, the transaction rolls
 * back the scope with it: the connection is then treated as holding an unknown scope, and its
 * next query writes it again. The scope's result (one row) is dropped; the borrower gets its
 * own.
 *
 * Anything else as a first query (no parameters — BEGIN, a script — or a stream) is sent once
 * the scope is written as a statement of its own (a stream or a callback is queued behind it,
 * and pg sends it only then); a failure there ends the connection before it can be sent.
 */
function scopingClient(Base: typeof pg.Client, statements: PreparedStatementRegistry): typeof pg.Client {
  return class ScopingClient extends Base {
    constructor(config?: string | pg.ClientConfig) {
      super(config);
      // A server that goes away while a borrowed connection runs no query (a failover, a
      // restart) emits 'error' on it: its FATAL message, then the socket closing. TypeORM
      // listens only while it holds the connection and stops as it hands it back after the
      // first, so the second found no listener and ended the process (every replica at once,
      // docs/benchmarks.md "High availability"). Nothing is lost by listening here: a query in
      // flight gets the error itself, the next one fails (the client is no longer queryable,
      // a 503), and the pool drops the connection when it is released with that error.
      this.on('error', () => undefined);
    }

    // pg's query has a dozen overloads; every call but a borrow's first is handed on unchanged.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    override query(...args: any[]): any {
      const send = (...sent: unknown[]) => (super.query as Send).apply(this, sent);
      const pending = pendingScopes.get(this);
      if (!pending) return send(...args);
      pendingScopes.delete(this);
      const [text, values, callback] = args as unknown[];
      if (typeof text === 'string' && Array.isArray(values) && values.length > 0) {
        if (args.length === 2) return this.queryWithScope(pending, text, values, send);
        // pg's Pool.query calls with a callback.
        if (args.length === 3 && typeof callback === 'function') {
          this.queryWithScope(pending, text, values, send).then(
            (result) => (callback as (error: null, result: unknown) => void)(null, result),
            (error: unknown) => (callback as (error: unknown) => void)(error),
          );
          return undefined;
        }
      }
      const written = new Promise<void>((resolve, reject) =>
        send(SET_SCOPE, pending.settings, (error: Error | null) => {
          if (!error) {
            appliedScopes.set(this as unknown as pg.PoolClient, pending.key);
            resolve();
            return;
          }
          // A connection whose scope is unknown runs nothing more (a queued query included).
          appliedScopes.delete(this as unknown as pg.PoolClient);
          (this as unknown as { connection: WireConnection }).connection.stream.destroy(error);
          reject(error);
        }),
      );
      // A plain call waits for the scope; a stream or a callback is queued behind it.
      const plain = args.length <= 2 && typeof (text as { submit?: unknown }).submit !== 'function';
      if (plain) return written.then(() => send(...args));
      written.catch(() => undefined);
      return send(...args);
    }

    private queryWithScope(pending: PendingScope, text: string, values: unknown[], send: Send): Promise<unknown> {
      const name = statements.nameFor(text);
      return new Promise((resolve, reject) => {
        let parsedBefore = true;
        let connection: WireConnection | undefined;
        const query = new pg.Query({ name, text, values }, undefined, (error: Error | undefined, results: unknown) => {
          if (error) {
            // Rolled back with the query: the scope is written again by the next query.
            appliedScopes.delete(this as unknown as pg.PoolClient);
            pendingScopes.set(this, pending);
            // pg took the scope's parse for the query's: forget it, or the name would never be parsed.
            if (name && !parsedBefore && connection) delete connection.parsedStatements[name];
            if (name && isStalePlan(error)) {
              statements.refuse(text);
              resolve(this.query(text, values));
              return;
            }
            reject(error);
            return;
          }
          appliedScopes.set(this as unknown as pg.PoolClient, pending.key);
          resolve(Array.isArray(results) ? results[results.length - 1] : results);
        }) as unknown as { submit: (connection: WireConnection) => Error | null };
        const submit = query.submit.bind(query);
        query.submit = (wire: WireConnection) => {
          connection = wire;
          parsedBefore = !name || wire.parsedStatements[name] !== undefined;
          wire.stream.cork?.();
          try {
            wire.parse({ text: SET_SCOPE, name: '', types: [] });
            wire.bind({ portal: '', statement: '', values: pending.settings });
            wire.describe({ type: 'P', name: '' });
            wire.execute({ portal: '', rows: 0 });
            return submit(wire);
          } finally {
            wire.stream.uncork?.();
          }
        };
        send(query);
      });
    }
  };
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
 * borrower's async context, and written to the connection with the borrower's first query,
 * before it runs (scopingClient) — a new connection and a reused one alike. Each borrow
 * overwrites whatever the previous borrower left (a session-level setting: outside a
 * transaction every statement is its own transaction, so a transaction-local one would be
 * gone by the next statement).
 *
 * Each connection also sends the statements it is given often as prepared statements
 * (prepared-statements.ts, through pg's `Client` option): planned once per connection, not
 * for every request. The borrowing goes through pg's and TypeORM's documented interfaces;
 * writing the scope with the first query uses pg's Query and connection messages (as pg's
 * own Query does), which `tests/security/row-level-security.spec.ts` exercises on every
 * upgrade of pg.
 */
export function scopedPostgres(statements = new PreparedStatementRegistry()): typeof pg {
  const Client = scopingClient(preparingClient(statements), statements);
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
        if (appliedScopes.get(client) === key) pendingScopes.delete(client);
        else {
          appliedScopes.delete(client);
          pendingScopes.set(client, { settings, key });
        }
        callback(undefined, client, done);
      });
    }
  }
  return Object.assign(Object.create(pg) as typeof pg, { Pool: ScopedPool });
}
