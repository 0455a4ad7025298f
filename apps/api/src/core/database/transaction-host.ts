import { AsyncLocalStorage } from 'node:async_hooks';
import type { EventEmitter } from 'node:events';
import { Global, Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { currentDatabaseScope, type DatabaseScope } from '../request-context/database-scope.js';

/** A transaction in progress, as the work inside it sees it. */
interface OpenTransaction {
  dataSource: DataSource;
  manager: EntityManager;
  /** The database scope the transaction's connection was borrowed with. */
  scope: DatabaseScope | undefined;
  afterCommit: (() => void)[];
}

/**
 * The transaction's connection failed under it (the server shut down, a failover): TypeORM then released its
 * query runner, so what used it next failed with QueryRunnerAlreadyReleasedError instead of the connection's
 * own error. Carries SQLSTATE 08006 (connection failure), which the problem filter answers 503 + Retry-After;
 * a runner released for any other reason (a manager kept past its transaction) stays a programming error, 500.
 */
export class DatabaseConnectionLostError extends Error {
  override readonly name = 'DatabaseConnectionLostError';
  readonly code = '08006';

  constructor(connectionError: unknown, failure: unknown) {
    super(
      `The database connection was lost during the transaction: ${
        connectionError instanceof Error ? connectionError.message : 'connection error'
      }`,
      { cause: failure },
    );
  }
}

const RELEASED_RUNNER_ERRORS = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);

/** The transaction of the work in progress, following it across every await. */
const openTransactions = new AsyncLocalStorage<OpenTransaction>();

/**
 * The transaction follows the work (a request, a job) instead of being handed from
 * function to function: a service opens it with `withTransaction`, and every
 * repository call made inside — in any feature — reads and writes through
 * `manager`, on the transaction's connection. Outside a transaction `manager` is the
 * data source's, each query on a pooled connection of its own.
 *
 * This is the pattern of `@nestjs-cls/transactional` on Node's AsyncLocalStorage (which
 * the database scope already uses, core/request-context/database-scope.ts); nestjs-cls
 * itself is CommonJS requiring the ESM-only NestJS 12 and cannot be loaded by the test runner.
 *
 * A transaction belongs to the database scope it was opened in (row-level security is
 * set on its connection when it is borrowed): work entered with `runAsSystem` or
 * `runAsOrganisation` inside it does not see it, and runs on connections of its own scope.
 */
@Injectable()
export class TransactionHost {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The current transaction's manager, or the data source's when the work is in none. */
  get manager(): EntityManager {
    return this.current()?.manager ?? this.dataSource.manager;
  }

  /** Whether the work runs in a transaction (its connection runs one query at a time: no Promise.all on it). */
  get inTransaction(): boolean {
    return this.current() !== undefined;
  }

  /**
   * Runs `work` in a transaction: the current one if there is one (the work joins it,
   * its locks held until the outermost work ends), else a new one that commits when
   * `work` resolves and rolls back when it throws.
   */
  async withTransaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.current()) return work();
    const afterCommit: (() => void)[] = [];
    const scope = currentDatabaseScope();
    // Beside TypeORM's own listener (which releases the runner when its connection fails), note that it did:
    // only then is a released runner the database's failure rather than ours.
    let connection: EventEmitter | undefined;
    let connectionError: unknown;
    const onConnectionError = (error: unknown) => {
      connectionError ??= error;
    };
    try {
      const result = await this.dataSource.transaction((manager) => {
        connection = (manager.queryRunner as { databaseConnection?: EventEmitter } | undefined)?.databaseConnection;
        connection?.on('error', onConnectionError);
        return openTransactions.run({ dataSource: this.dataSource, manager, scope, afterCommit }, work);
      });
      for (const run of afterCommit) run();
      return result;
    } catch (error) {
      const name = (error as { name?: unknown } | null)?.name;
      if (connectionError !== undefined && typeof name === 'string' && RELEASED_RUNNER_ERRORS.has(name))
        throw new DatabaseConnectionLostError(connectionError, error);
      throw error;
    } finally {
      connection?.removeListener('error', onConnectionError);
    }
  }

  /** Runs `work` once the current transaction has committed (never if it rolls back); at once outside a transaction. */
  afterCommit(work: () => void): void {
    const open = this.current();
    if (open) open.afterCommit.push(work);
    else work();
  }

  private current(): OpenTransaction | undefined {
    const open = openTransactions.getStore();
    return open && open.dataSource === this.dataSource && open.scope === currentDatabaseScope() ? open : undefined;
  }
}

/** Gives every module the transaction host of the application's data source. */
@Global()
@Module({ providers: [TransactionHost], exports: [TransactionHost] })
export class TransactionModule {}
