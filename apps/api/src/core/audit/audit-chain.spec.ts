import { describe, expect, it } from '@jest/globals';
import { chainHash, GENESIS_HASH, verifyChain, type ChainedFields } from './audit-chain.js';

function chain(count: number) {
  const rows: (ChainedFields & { id: string; previousHash: Buffer; hash: Buffer })[] = [];
  let previous = GENESIS_HASH;
  for (let index = 1; index <= count; index += 1) {
    const fields: ChainedFields = {
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, index)),
      actorUserId: 'user',
      actorOrganisationId: 'organisation',
      action: 'case.identity.read',
      category: 'case',
      subjectType: 'Case',
      subjectId: `case-${index}`,
      subjectOrganisationId: 'organisation',
      outcome: 'success',
      address: '127.0.0.1',
    };
    const hash = chainHash(previous, fields);
    rows.push({ ...fields, id: String(index), previousHash: previous, hash });
    previous = hash;
  }
  return rows;
}

describe('audit hash chain', () => {
  it('verifies an intact chain', () => {
    expect(verifyChain(chain(5))).toMatchObject({ checked: 5, firstBrokenId: null });
  });

  it('finds a changed field', () => {
    const rows = chain(5);
    rows[2]!.subjectId = 'case-99';
    expect(verifyChain(rows).firstBrokenId).toBe('3');
  });

  it('finds a removed row', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(verifyChain(rows).firstBrokenId).toBe('3');
  });

  it('finds a row whose hash was recomputed after a change (the next link breaks)', () => {
    const rows = chain(4);
    rows[1]!.actorUserId = 'someone-else';
    rows[1]!.hash = chainHash(rows[1]!.previousHash, rows[1]!);
    expect(verifyChain(rows).firstBrokenId).toBe('3');
  });
});
