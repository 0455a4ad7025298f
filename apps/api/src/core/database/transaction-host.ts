import { AsyncLocalStorage } from 'node:async_hooks';
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
    const result = await this.dataSource.transaction((manager) =>
      openTransactions.run({ dataSource: this.dataSource, manager, scope, afterCommit }, work),
    );
    for (const run of afterCommit) run();
    return result;
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
