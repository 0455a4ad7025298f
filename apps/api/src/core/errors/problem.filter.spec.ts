import { describe, expect, it } from '@jest/globals';
import { toProblemError } from './problem.filter.js';

describe('toProblemError', () => {
  it('answers 503 while the database cannot be reached', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const shutdown = Object.assign(new Error('query failed'), { driverError: { code: '57P01' } });
    const terminated = new Error('Connection terminated unexpectedly');
    for (const error of [refused, shutdown, terminated]) expect(toProblemError(error).status).toBe(503);
  });

  it('keeps other unexpected errors a 500 without details', () => {
    const problem = toProblemError(Object.assign(new Error('duplicate key'), { code: '23505' }));
    expect(problem.status).toBe(500);
    expect(problem.toProblem().detail).not.toContain('duplicate');
  });
});
