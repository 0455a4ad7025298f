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
    expect(verifyChain(rows)).toMatchObject({ firstBrokenId: '3', firstBrokenPosition: 3 });
  });

  it('covers the reason when there is one, and leaves the hash of a row without one as it was', () => {
    const rows = chain(3);
    const withoutReason = chainHash(rows[0]!.previousHash, { ...rows[0]!, reason: null });
    expect(withoutReason.equals(rows[0]!.hash)).toBe(true);
    const withReason = chainHash(rows[0]!.previousHash, { ...rows[0]!, reason: 'outside-assignment' });
    expect(withReason.equals(rows[0]!.hash)).toBe(false);
    rows[0]!.reason = 'outside-assignment';
    rows[0]!.hash = withReason;
    rows[1]!.previousHash = withReason;
    rows[1]!.hash = chainHash(withReason, rows[1]!);
    rows[2]!.previousHash = rows[1]!.hash;
    rows[2]!.hash = chainHash(rows[1]!.hash, rows[2]!);
    expect(verifyChain(rows).firstBrokenId).toBeNull();
    rows[0]!.reason = 'assignee';
    expect(verifyChain(rows)).toMatchObject({ firstBrokenId: '1', firstBrokenPosition: 1 });
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
