import { describe, expect, it } from '@jest/globals';
import { toProblemError } from './problem.filter.js';

describe('toProblemError', () => {
  it('answers 503 while the database cannot be reached', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const shutdown = Object.assign(new Error('query failed'), { driverError: { code: '57P01' } });
    const terminated = new Error('Connection terminated unexpectedly');
    for (const error of [refused, shutdown, terminated]) expect(toProblemError(error).status).toBe(503);
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
