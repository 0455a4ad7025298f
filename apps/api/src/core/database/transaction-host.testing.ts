import type { TransactionHost } from './transaction-host.js';

/** For unit tests of services without a database: the work runs at once, as if in a transaction of its own. */
export function transactionHostForTests(): TransactionHost {
  return {
    withTransaction: <T>(work: () => Promise<T>) => work(),
    afterCommit: (work: () => void) => work(),
    inTransaction: false,
  } as unknown as TransactionHost;
}
