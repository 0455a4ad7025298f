import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { PROTECTION_OUTCOMES } from '@haven/contracts';
import { queryDatabase, type HttpSession } from '@haven/testing';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * A model-based test of return safety: fast-check generates sequences of protection
 * screenings (every outcome), reviews, referrals and transfers proposed for return or not,
 * acceptances, declines, decisions, completions and service records on one case — an
 * adult's or a 16-year-old's — and, for the child, best-interests determinations recorded,
 * approved, rejected and revoked; the model below says, independently of the server,
 * whether a concern is open, whether a child lacks an approved determination, and which
 * returns are held. After every step the database must agree with the model, and no
 * return may have been accepted, decided or completed, nor a return service recorded,
 * while a concern is open, a child's determination is missing, or the return is held.
 */

type ReferralStatus = 'sent' | 'accepted' | 'declined' | 'completed';
interface ModelReferral {
  id: string;
  isReturn: boolean;
  status: ReferralStatus;
  suspended: boolean;
}
type DeterminationStatus = 'pendingApproval' | 'approved' | 'rejected' | 'revoked';
interface Model {
  step: number;
  /** The case is a 16-year-old's: the best-interests safeguard applies. */
  child: boolean;
  determinations: { id: string; status: DeterminationStatus }[];
  screening: { concern: boolean; step: number } | null;
  review: { allows: boolean; step: number } | null;
  referrals: ModelReferral[];
  transfer: { id: string; isReturn: boolean; status: 'proposed' | 'accepted' | 'rejected'; suspended: boolean } | null;
  handedOver: boolean;
}
interface Real {
  caseId: string;
}

/** The rule, written again from the issue rather than from the server's code. */
function concernOpen(model: Model): boolean {
  const { screening, review } = model;
  if (review && (!screening || review.step > screening.step)) return !review.allows;
  return !screening || screening.concern;
}

/** A child without a determination a supervisor approved (and did not revoke) may not be returned. */
function determinationMissing(model: Model): boolean {
  return model.child && !model.determinations.some((determination) => determination.status === 'approved');
}

/** Every reason a step toward return is refused now, whatever the return. */
function returnHeld(model: Model): boolean {
  return concernOpen(model) || determinationMissing(model);
}

function pendingReturns(model: Model): { suspended: boolean }[] {
  return [
    ...model.referrals.filter(
      (referral) => referral.isReturn && (referral.status === 'sent' || referral.status === 'accepted'),
    ),
    ...(model.transfer?.isReturn && model.transfer.status === 'proposed' ? [model.transfer] : []),
  ];
}

let harness: TestApp;
let caseworker: HttpSession;
let supervisor: HttpSession;
let receiver: HttpSession;
let partner: HttpSession;

interface Snapshot {
  referrals: Record<string, { status: string; forReturn: boolean; suspended: boolean; version: number }>;
  transfers: Record<string, { status: string; forReturn: boolean; suspended: boolean; version: number }>;
  returnServices: number;
}

async function snapshot(caseId: string): Promise<Snapshot> {
  const url = harness.database.url;
  type Row = { id: string; status: string; for_return: boolean; suspended: boolean; version: number };
  const [referrals, transfers, services] = await Promise.all([
    queryDatabase<Row>(
      url,
      'SELECT id, status, for_return, return_suspended_at IS NOT NULL AS suspended, version FROM app.referral WHERE case_id = $1',
      [caseId],
    ),
    queryDatabase<Row>(
      url,
      'SELECT id, status, for_return, return_suspended_at IS NOT NULL AS suspended, version FROM app.transfer WHERE case_id = $1',
      [caseId],
    ),
    queryDatabase<{ count: number }>(
      url,
      `SELECT count(*)::int AS count FROM app.service_record WHERE case_id = $1 AND type = 'return'`,
      [caseId],
    ),
  ]);
  const byId = (rows: Row[]) =>
    Object.fromEntries(
      rows.map((row) => [
        row.id,
        { status: row.status, forReturn: row.for_return, suspended: row.suspended, version: row.version },
      ]),
    );
  return { referrals: byId(referrals), transfers: byId(transfers), returnServices: services[0]!.count };
}

/** The database agrees with the model, and a concern leaves no pending return unheld. */
async function assertAgrees(model: Model, real: Real): Promise<Snapshot> {
  const now = await snapshot(real.caseId);
  for (const referral of model.referrals) {
    expect({ referral: referral.id, ...now.referrals[referral.id] }).toMatchObject({
      referral: referral.id,
      status: referral.status,
      forReturn: referral.isReturn,
      suspended: referral.suspended,
    });
  }
  if (model.transfer)
    expect(now.transfers[model.transfer.id]).toMatchObject({
      status: model.transfer.status,
      forReturn: model.transfer.isReturn,
      suspended: model.transfer.suspended,
    });
  if (concernOpen(model)) {
    for (const [id, referral] of Object.entries(now.referrals))
      if (referral.forReturn && ['sent', 'accepted'].includes(referral.status))
        expect({ id, suspended: referral.suspended }).toEqual({ id, suspended: true });
    for (const [id, transfer] of Object.entries(now.transfers))
      if (transfer.forReturn && transfer.status === 'proposed')
        expect({ id, suspended: transfer.suspended }).toEqual({ id, suspended: true });
  }
  return now;
}

/** A step toward return the model refuses must answer 409 and change nothing a return is made of. */
async function assertRefusedUnchanged(before: Snapshot, status: number, real: Real): Promise<void> {
  expect(status).toBe(409);
  const after = await snapshot(real.caseId);
  expect(after.returnServices).toBe(before.returnServices);
  for (const [id, referral] of Object.entries(before.referrals))
    expect(after.referrals[id]!.status).toBe(referral.status);
  for (const [id, transfer] of Object.entries(before.transfers))
    expect(after.transfers[id]!.status).toBe(transfer.status);
}

/** After a screening or review (the server's reconsideration): a concern holds every pending return; a review that allows lets them go. */
function reconsider(model: Model, trigger: 'screening' | 'review'): void {
  const open = concernOpen(model);
  for (const pending of pendingReturns(model)) {
    if (open) pending.suspended = true;
    else if (trigger === 'review') pending.suspended = false;
  }
}

type Command = fc.AsyncCommand<Model, Real>;

class Screen implements Command {
  constructor(
    readonly screening: {
      fearOfReturn: boolean;
      asylumIntention: boolean;
      outcome: (typeof PROTECTION_OUTCOMES)[number];
    },
  ) {}
  check = (model: Readonly<Model>) => !model.handedOver;
  async run(model: Model, real: Real) {
    const response = await caseworker.post(`/api/cases/${real.caseId}/assessments`, {
      type: 'protection',
      ...this.screening,
    });
    expect(response.status).toBe(201);
    model.step += 1;
    model.screening = {
      concern:
        this.screening.fearOfReturn || this.screening.asylumIntention || this.screening.outcome !== 'noProtectionNeed',
      step: model.step,
    };
    reconsider(model, 'screening');
    await assertAgrees(model, real);
  }
  toString = () => `screen(${JSON.stringify(this.screening)})`;
}

class Review implements Command {
  constructor(readonly decision: 'returnMayProceed' | 'returnBlocked') {}
  check = () => true;
  async run(model: Model, real: Real) {
    const response = await supervisor.post(`/api/cases/${real.caseId}/protection-reviews`, {
      decision: this.decision,
      reason: 'Reviewed with the survivor and counsel',
    });
    expect(response.status).toBe(201);
    model.step += 1;
    model.review = { allows: this.decision === 'returnMayProceed', step: model.step };
    reconsider(model, 'review');
    await assertAgrees(model, real);
  }
  toString = () => `review(${this.decision})`;
}

class SendReferral implements Command {
  constructor(
    readonly services: ('medical' | 'return')[],
    readonly forReturn: boolean,
  ) {}
  check = (model: Readonly<Model>) => !model.handedOver && model.referrals.length < 4;
  async run(model: Model, real: Real) {
    const before = await snapshot(real.caseId);
    const response = await caseworker.post(`/api/cases/${real.caseId}/referrals`, {
      toOrganisationId: harness.organisations.clinic,
      services: this.services,
      forReturn: this.forReturn,
      lens: ['basicProfile'],
    });
    const isReturn = this.forReturn || this.services.includes('return');
    if (isReturn && returnHeld(model)) {
      await assertRefusedUnchanged(before, response.status, real);
      expect(Object.keys((await snapshot(real.caseId)).referrals)).toHaveLength(model.referrals.length);
    } else {
      expect(response.status).toBe(201);
      model.referrals.push({ id: response.body.id, isReturn, status: 'sent', suspended: false });
    }
    await assertAgrees(model, real);
  }
  toString = () => `send(${this.services.join('+')}, forReturn=${this.forReturn})`;
}

/** The partner's answers and records on the referral at `index` (modulo the referrals there are). */
class PartnerStep implements Command {
  constructor(
    readonly action: 'accept' | 'decline' | 'complete' | 'service',
    readonly index: number,
    readonly serviceType: 'return' | 'medical',
  ) {}
  check = (model: Readonly<Model>) => model.referrals.length > 0;
  async run(model: Model, real: Real) {
    const referral = model.referrals[this.index % model.referrals.length]!;
    const before = await snapshot(real.caseId);
    const version = before.referrals[referral.id]!.version;
    const path = `/api/referrals/${referral.id}`;
    const blocked = returnHeld(model) || referral.suspended;
    let response;
    switch (this.action) {
      case 'accept':
        response = await partner.post(`${path}/accept`, { version });
        if (referral.status !== 'sent' || (referral.isReturn && blocked))
          return assertRefusedUnchanged(before, response.status, real)
            .then(() => assertAgrees(model, real))
            .then(() => undefined);
        expect(response.status).toBe(200);
        referral.status = 'accepted';
        break;
      case 'decline':
        response = await partner.post(`${path}/decline`, { version, reason: 'No capacity' });
        if (referral.status !== 'sent')
          return assertRefusedUnchanged(before, response.status, real)
            .then(() => assertAgrees(model, real))
            .then(() => undefined);
        expect(response.status).toBe(204);
        referral.status = 'declined';
        break;
      case 'complete':
        response = await partner.post(`${path}/complete`, { version, outcome: 'completed' });
        if (referral.status !== 'accepted' || (referral.isReturn && blocked))
          return assertRefusedUnchanged(before, response.status, real)
            .then(() => assertAgrees(model, real))
            .then(() => undefined);
        expect(response.status).toBe(200);
        referral.status = 'completed';
        break;
      case 'service':
        response = await partner.post(`${path}/services`, {
          type: this.serviceType,
          deliveredOn: '2026-11-20',
          outcome: 'completed',
        });
        if (referral.status !== 'accepted' || (this.serviceType === 'return' && blocked))
          return assertRefusedUnchanged(before, response.status, real)
            .then(() => assertAgrees(model, real))
            .then(() => undefined);
        expect(response.status).toBe(200);
        break;
    }
    await assertAgrees(model, real);
  }
  toString = () => `partner.${this.action}(#${this.index}${this.action === 'service' ? `, ${this.serviceType}` : ''})`;
}

class CaseService implements Command {
  constructor(readonly type: 'return' | 'shelter') {}
  check = (model: Readonly<Model>) => !model.handedOver;
  async run(model: Model, real: Real) {
    const before = await snapshot(real.caseId);
    const response = await caseworker.post(`/api/cases/${real.caseId}/services`, {
      type: this.type,
      deliveredOn: '2026-11-20',
      outcome: 'completed',
    });
    if (this.type === 'return' && returnHeld(model)) await assertRefusedUnchanged(before, response.status, real);
    else expect(response.status).toBe(201);
    await assertAgrees(model, real);
  }
  toString = () => `caseService(${this.type})`;
}

class ProposeTransfer implements Command {
  constructor(readonly forReturn: boolean) {}
  check = (model: Readonly<Model>) => !model.handedOver && model.transfer?.status !== 'proposed';
  async run(model: Model, real: Real) {
    const before = await snapshot(real.caseId);
    const response = await supervisor.post(`/api/cases/${real.caseId}/transfers`, {
      toOrganisationId: harness.organisations.shelterB,
      forReturn: this.forReturn,
    });
    if (this.forReturn && returnHeld(model)) await assertRefusedUnchanged(before, response.status, real);
    else {
      expect(response.status).toBe(201);
      model.transfer = { id: response.body.id, isReturn: this.forReturn, status: 'proposed', suspended: false };
    }
    await assertAgrees(model, real);
  }
  toString = () => `propose(forReturn=${this.forReturn})`;
}

class DecideTransfer implements Command {
  constructor(readonly decision: 'accept' | 'reject') {}
  check = (model: Readonly<Model>) => model.transfer?.status === 'proposed';
  async run(model: Model, real: Real) {
    const transfer = model.transfer!;
    const before = await snapshot(real.caseId);
    const response = await receiver.post(`/api/transfers/${transfer.id}/decision`, {
      version: before.transfers[transfer.id]!.version,
      decision: this.decision,
    });
    if (this.decision === 'accept' && transfer.isReturn && (returnHeld(model) || transfer.suspended))
      await assertRefusedUnchanged(before, response.status, real);
    else {
      expect(response.status).toBe(200);
      transfer.status = this.decision === 'accept' ? 'accepted' : 'rejected';
      if (this.decision === 'accept') model.handedOver = true;
    }
    await assertAgrees(model, real);
  }
  toString = () => `decide(${this.decision})`;
}

/** A caseworker records a best-interests determination: on a child case it waits for a supervisor; an adult's case has none. */
class RecordDetermination implements Command {
  check = (model: Readonly<Model>) => !model.handedOver && model.determinations.length < 4;
  async run(model: Model, real: Real) {
    const response = await caseworker.post(`/api/cases/${real.caseId}/child/best-interests`, {
      kind: 'determination',
      completedOn: '2026-11-10',
      summary: 'Return to her family is in her best interests; reception arranged.',
    });
    if (!model.child) expect(response.status).toBe(409);
    else {
      expect(response.status).toBe(201);
      model.determinations.push({ id: response.body.id, status: 'pendingApproval' });
    }
    await assertAgrees(model, real);
  }
  toString = () => 'recordDetermination';
}

/** A supervisor approves, rejects or revokes the determination at `index`: only from the state each needs. */
class DecideDetermination implements Command {
  constructor(
    readonly decision: 'approve' | 'reject' | 'revoke',
    readonly index: number,
  ) {}
  check = (model: Readonly<Model>) => !model.handedOver && model.determinations.length > 0;
  async run(model: Model, real: Real) {
    const determination = model.determinations[this.index % model.determinations.length]!;
    const response = await supervisor.post(
      `/api/cases/${real.caseId}/child/best-interests/${determination.id}/decision`,
      { decision: this.decision, reason: 'Panel reviewed the assessment and her views' },
    );
    const from = this.decision === 'revoke' ? 'approved' : 'pendingApproval';
    if (determination.status !== from) expect(response.status).toBe(409);
    else {
      expect(response.status).toBe(201);
      determination.status = ({ approve: 'approved', reject: 'rejected', revoke: 'revoked' } as const)[this.decision];
    }
    await assertAgrees(model, real);
  }
  toString = () => `decideDetermination(${this.decision}, #${this.index})`;
}

const commands = [
  fc
    .record({
      fearOfReturn: fc.boolean(),
      asylumIntention: fc.boolean(),
      outcome: fc.constantFrom(...PROTECTION_OUTCOMES),
    })
    .map((screening) => new Screen(screening)),
  fc
    .record({
      fearOfReturn: fc.constant(false),
      asylumIntention: fc.constant(false),
      outcome: fc.constant('noProtectionNeed' as const),
    })
    .map((screening) => new Screen(screening)),
  fc.constantFrom('returnMayProceed' as const, 'returnBlocked' as const).map((decision) => new Review(decision)),
  fc
    .tuple(fc.subarray(['medical', 'return'] as ('medical' | 'return')[], { minLength: 1 }), fc.boolean())
    .map(([services, forReturn]) => new SendReferral(services, forReturn)),
  fc
    .tuple(
      fc.constantFrom('accept' as const, 'decline' as const, 'complete' as const, 'service' as const),
      fc.nat(3),
      fc.constantFrom('return' as const, 'medical' as const),
    )
    .map(([action, index, type]) => new PartnerStep(action, index, type)),
  fc.constantFrom('return' as const, 'shelter' as const).map((type) => new CaseService(type)),
  fc.boolean().map((forReturn) => new ProposeTransfer(forReturn)),
  fc.constantFrom('accept' as const, 'reject' as const).map((decision) => new DecideTransfer(decision)),
  fc.constant(new RecordDetermination()),
  fc
    .tuple(fc.constantFrom('approve' as const, 'reject' as const, 'revoke' as const), fc.nat(3))
    .map(([decision, index]) => new DecideDetermination(decision, index)),
];

describe('return safety, model-based', () => {
  beforeAll(async () => {
    harness = await startTestApp();
    [caseworker, supervisor, receiver, partner] = await Promise.all(
      ['caseworker', 'supervisor', 'otherSupervisor', 'partner'].map((person) => harness.signInAs(person as never)),
    );
    const admin = await harness.signInAs('admin');
    await admin.patch(`/api/organisations/${harness.organisations.clinic}`, {
      services: ['medical'],
      country: 'IT',
      acceptingReferrals: true,
    });
  });
  afterAll(() => harness.close());

  it('never accepts, decides or completes a return, nor records a return service, while a concern is open or a child’s determination is missing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.commands(commands, { maxCommands: 25, size: 'max' }),
        fc.boolean(),
        async (generated, child) => {
          const caseId = (await caseworker.post('/api/cases', registration({ estimatedAge: child ? 16 : 24 }))).body
            .id as string;
          for (const recipient of [harness.organisations.clinic, harness.organisations.shelterB]) {
            const consent = await caseworker.post(`/api/cases/${caseId}/consents`, {
              purpose: recipient === harness.organisations.shelterB ? 'transfer' : 'referral',
              recipientOrganisationId: recipient,
              givenOn: '2026-11-01',
              method: 'written',
              ...(child ? { childAssent: { assent: 'given', explainedForAge: true } } : {}),
            });
            expect(consent.status).toBe(201);
          }
          const model: Model = {
            step: 0,
            child,
            determinations: [],
            screening: null,
            review: null,
            referrals: [],
            transfer: null,
            handedOver: false,
          };
          await fc.asyncModelRun(() => ({ model, real: { caseId } }), generated);
        },
      ),
      { numRuns: 25, endOnFailure: true },
    );
  }, 600_000);
});
