import { describe, expect, it } from '@jest/globals';
import { DatabaseConnectionLostError } from '../database/transaction-host.js';
import { toProblemError } from './problem.filter.js';
import { ServiceUnavailableError } from './problem.js';

const released = () =>
  Object.assign(new Error('Query runner already released. Cannot run queries anymore.'), {
    name: 'QueryRunnerAlreadyReleasedError',
  });

describe('toProblemError', () => {
  it('answers 503 while the database cannot be reached', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const shutdown = Object.assign(new Error('query failed'), { driverError: { code: '57P01' } });
    const terminated = new Error('Connection terminated unexpectedly');
    const onStandby = Object.assign(new Error('cannot execute INSERT in a read-only transaction'), {
      driverError: { code: '25006' },
    });
    const lostUnderTransaction = new DatabaseConnectionLostError(
      new Error('terminating connection due to administrator command'),
      released(),
    );
    for (const error of [refused, shutdown, terminated, onStandby, lostUnderTransaction]) {
      const problem = toProblemError(error);
      expect(problem.status).toBe(503);
      expect(problem).toBeInstanceOf(ServiceUnavailableError);
      expect((problem as ServiceUnavailableError).retryAfterSeconds).toBeGreaterThan(0);
    }
  });

  it('keeps a query runner used after it was released a 500: a programming error unless its connection was seen to fail', () => {
    const providerReleased = Object.assign(
      new Error('Database connection provided by a query runner was already released'),
      { name: 'QueryRunnerProviderAlreadyReleasedError' },
    );
    for (const error of [released(), providerReleased]) expect(toProblemError(error).status).toBe(500);
  });

  it('answers 409 when the database rolled the request back to break a deadlock or a serialisation race', () => {
    const deadlock = Object.assign(new Error('deadlock detected'), { driverError: { code: '40P01' } });
    const serialisation = Object.assign(new Error('could not serialize access'), { code: '40001' });
    for (const error of [deadlock, serialisation]) {
      const problem = toProblemError(error);
      expect(problem.status).toBe(409);
      expect(problem.toProblem().detail).toContain('Nothing was changed');
    }
  });

  it('keeps other unexpected errors a 500 without details', () => {
    const problem = toProblemError(Object.assign(new Error('duplicate key'), { code: '23505' }));
    expect(problem.status).toBe(500);
    expect(problem.toProblem().detail).not.toContain('duplicate');
  });
});
