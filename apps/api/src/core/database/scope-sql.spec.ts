import { describe, expect, it } from '@jest/globals';
import { scopeCondition, SqlParameters } from './scope-sql.js';

const COLUMNS = { organisationId: 'c.organisation_id', assigneeId: 'c.assignee_id' };

describe('scopeCondition', () => {
  it('writes OR of AND-ed equalities with numbered parameters after those already there', () => {
    const parameters = new SqlParameters('first');
    const sql = scopeCondition(
      [{ organisationId: 'o1', assigneeId: 'u1' }, { organisationId: 'o2' }],
      COLUMNS,
      parameters,
    );
    expect(sql).toBe('((c.organisation_id = $2 AND c.assignee_id = $3) OR (c.organisation_id = $4))');
    expect(parameters.values).toEqual(['first', 'o1', 'u1', 'o2']);
  });

  it('matches nothing for an empty scope and everything for a rule without conditions', () => {
    expect(scopeCondition([], COLUMNS, new SqlParameters())).toBe('false');
    expect(scopeCondition([{}], COLUMNS, new SqlParameters())).toBe('(true)');
  });

  it('refuses a field it has no column for rather than dropping it', () => {
    expect(() => scopeCondition([{ organisationId: 'o1', team: 'night' }], COLUMNS, new SqlParameters())).toThrow(
      /team/,
    );
  });
});
