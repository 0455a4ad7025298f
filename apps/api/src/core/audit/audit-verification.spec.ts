import { describe, expect, it } from '@jest/globals';
import { verificationReport, VERIFY_EXIT } from './audit-verification.js';

describe('audit verification report', () => {
  it('says the chain is intact and exits 0', () => {
    expect(verificationReport({ checked: 12, firstBrokenId: null, firstBrokenPosition: null })).toEqual({
      exitCode: VERIFY_EXIT.intact,
      message: 'Audit chain intact: 12 events verified.',
    });
  });

  it('names the first broken link by id and position and exits non-zero', () => {
    const report = verificationReport({ checked: 7, firstBrokenId: '42', firstBrokenPosition: 7 });
    expect(report.exitCode).toBe(2);
    expect(report.message).toContain('event id 42 at position 7');
  });
});
