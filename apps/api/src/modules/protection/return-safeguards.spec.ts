import { describe, expect, it } from '@jest/globals';
import {
  bestInterestsBlockers,
  isReturn,
  isTransferAbroad,
  nonRefoulementBlockers,
  returnBlockers,
  blockersFor,
  type SafeguardFacts,
} from './return-safeguards.js';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 9, minute));
const clear = { at: at(0), fearOfReturn: false, asylumIntention: false, outcome: 'noProtectionNeed' as const };
const codes = (facts: SafeguardFacts, suspendedSince: Date | null = null) =>
  returnBlockers(facts, suspendedSince).map((blocker) => blocker.code);

describe('what a return is', () => {
  const plain = {
    markedForReturn: false,
    services: ['medical' as const],
    recipient: { kind: 'partner' as const, country: 'IT', services: ['medical' as const] },
    senderCountry: 'IT',
  };

  it('is what the sender marks, a return service, or a return or reintegration office abroad', () => {
    expect(isReturn(plain)).toBe(false);
    expect(isReturn({ ...plain, markedForReturn: true })).toBe(true);
    expect(isReturn({ ...plain, services: ['medical', 'return'] })).toBe(true);
    expect(isReturn({ ...plain, recipient: { ...plain.recipient, services: ['reintegration'], country: 'NG' } })).toBe(
      true,
    );
    expect(isReturn({ ...plain, recipient: { ...plain.recipient, services: ['postArrival'], country: 'NG' } })).toBe(
      true,
    );
  });

  it('counts an unknown country as another one, and a reintegration office at home as no return', () => {
    expect(isReturn({ ...plain, recipient: { ...plain.recipient, services: ['reintegration'], country: 'IT' } })).toBe(
      false,
    );
    expect(isReturn({ ...plain, recipient: { ...plain.recipient, services: ['reintegration'], country: null } })).toBe(
      true,
    );
    expect(isReturn({ ...plain, senderCountry: null, recipient: { ...plain.recipient, services: ['return'] } })).toBe(
      true,
    );
    expect(isReturn({ ...plain, recipient: { ...plain.recipient, country: 'NG' } })).toBe(false);
  });
});

describe('non-refoulement', () => {
  it('blocks without a screening, and for each concern the latest screening records', () => {
    expect(codes({ screening: null, review: null })).toEqual(['noProtectionScreening']);
    expect(codes({ screening: clear, review: null })).toEqual([]);
    expect(
      codes({ screening: { ...clear, fearOfReturn: true, asylumIntention: true, outcome: 'pending' }, review: null }),
    ).toEqual(['fearOfReturn', 'asylumIntention', 'protectionNeedOpen']);
  });

  it('lets a review recorded after the screening decide, and a newer screening outweigh an older review', () => {
    const fear = { ...clear, at: at(5), fearOfReturn: true };
    expect(codes({ screening: fear, review: { at: at(6), decision: 'returnMayProceed' } })).toEqual([]);
    expect(codes({ screening: fear, review: { at: at(4), decision: 'returnMayProceed' } })).toEqual(['fearOfReturn']);
    expect(codes({ screening: clear, review: { at: at(6), decision: 'returnBlocked' } })).toEqual([
      'protectionReviewBlocked',
    ]);
    expect(codes({ screening: null, review: { at: at(6), decision: 'returnMayProceed' } })).toEqual([]);
  });

  it('keeps a suspended return blocked on a clear case, and tells the receiver only that a review is pending', () => {
    expect(codes({ screening: clear, review: null }, at(3))).toEqual(['returnSuspended']);
    const blockers = nonRefoulementBlockers({ screening: { ...clear, fearOfReturn: true }, review: null });
    expect(blockersFor('sender', blockers)).toEqual(blockers);
    expect(blockersFor('receiver', blockers)).toEqual([
      expect.objectContaining({
        safeguard: 'nonRefoulement',
        code: 'protectionReviewPending',
        clearedBy: 'protectionReview',
      }),
    ]);
    expect(blockersFor('receiver', [])).toEqual([]);
  });
});

describe('best interests, for a child', () => {
  const transfer = {
    markedForReturn: false,
    services: [],
    recipient: { kind: 'shelter' as const, country: 'NG', services: [] },
    senderCountry: 'IT',
    handsOver: true,
  };

  it('holds a handing over of the case to another country, not a referral there nor a transfer at home', () => {
    expect(isTransferAbroad(transfer)).toBe(true);
    expect(isTransferAbroad({ ...transfer, recipient: { ...transfer.recipient, country: null } })).toBe(true);
    expect(isTransferAbroad({ ...transfer, recipient: { ...transfer.recipient, country: 'IT' } })).toBe(false);
    expect(isTransferAbroad({ ...transfer, handsOver: false })).toBe(false);
  });

  it('blocks a child without an approved determination, beside the protection concerns; never an adult', () => {
    expect(codes({ screening: clear, review: null, child: { determinationApproved: false } })).toEqual([
      'bestInterestsDeterminationMissing',
    ]);
    expect(codes({ screening: null, review: null, child: { determinationApproved: false } })).toEqual([
      'noProtectionScreening',
      'bestInterestsDeterminationMissing',
    ]);
    expect(codes({ screening: clear, review: null, child: { determinationApproved: true } })).toEqual([]);
    expect(codes({ screening: clear, review: null, child: null })).toEqual([]);
    expect(bestInterestsBlockers({ screening: null, review: null, child: { determinationApproved: false } })).toEqual([
      expect.objectContaining({ safeguard: 'bestInterests', clearedBy: 'bestInterestsDetermination' }),
    ]);
  });

  it('tells the receiver what is pending per safeguard, never why', () => {
    const blockers = returnBlockers(
      { screening: { ...clear, fearOfReturn: true }, review: null, child: { determinationApproved: false } },
      null,
    );
    expect(blockersFor('receiver', blockers).map((blocker) => blocker.code)).toEqual([
      'protectionReviewPending',
      'bestInterestsDeterminationPending',
    ]);
    expect(
      blockersFor(
        'receiver',
        bestInterestsBlockers({ screening: clear, review: null, child: { determinationApproved: false } }),
      ),
    ).toEqual([expect.objectContaining({ code: 'bestInterestsDeterminationPending', safeguard: 'bestInterests' })]);
  });
});
