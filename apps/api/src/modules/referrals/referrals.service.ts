import { Injectable, type OnModuleInit } from '@nestjs/common';
import { recordOf, scopeOf } from '@haven/access';
import {
  INBOX_STATUSES,
  inboxAgeBandOf,
  LIST_COUNT_LIMIT,
  REFERRAL_STATUSES,
  REFERRAL_RECIPIENT_KINDS,
  type LensSection,
  type LensView,
  type PartnerReferral,
  type PartnerServiceRequest,
  type Referral,
  type ReferralStatus,
  type SendReferralCommand,
  type ServiceOutcome,
  type InboxQuery,
  type InboxResponse,
  type ReturnBlockCode,
} from '@haven/contracts';
import { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { CaseAnonymisedError, type AnonymisingActor } from '../cases/case-anonymisation.js';
import { BadRequestError, ConflictError, HavenError, NotFoundError } from '../../core/errors/problem.js';
import { CaseDataContributors } from '../cases/case-data-contributor.js';
import type { CaseEntity } from '../cases/case.entity.js';
import { CaseVault } from '../cases/kernel/case-vault.service.js';
import { CaseAccess } from '../cases/kernel/case-access.service.js';
import { CaseHistory } from '../cases/kernel/case-history.service.js';
import { ConsentsService } from '../consents/consents.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { OrganisationsService } from '../../core/organisations/organisations.service.js';
import { ReturnGate } from '../protection/return-gate.service.js';
import { ReturnMovements, type PendingMovement } from '../protection/return-movements.js';
import { isReturn, type ReturnSubject } from '../protection/return-safeguards.js';
import { ServiceRecordsService } from '../service-records/service-records.service.js';
import { buildLensView, IDENTIFYING_SECTIONS } from './lens.js';
import {
  inboxLineOf,
  MESSAGE,
  OVERRIDE_REASON,
  RESPONSE,
  suspensionOf,
  toInboxItem,
  toReferral,
} from './referral.mapper.js';
import type { ReferralEntity } from './referral.entity.js';
import { ReferralsRepository } from './referrals.repository.js';
import { keysetResponse } from '../../core/database/keyset.js';
import { TransactionHost } from '../../core/database/transaction-host.js';

/** Statuses in which the recipient may see the case through the lens. */
const OPEN: ReferralStatus[] = ['sent', 'accepted'];
/** Statuses in which the recipient finds a referral to answer (a withdrawn one is gone from its view; one it declined says so). */
const STALE = 'Someone else changed this referral since you opened it. Reload to see it.';

/** What the return gate looks at: the marking, the services requested and whether the partner is a return office abroad. */
function returnSubjectOf(referral: ReferralEntity): ReturnSubject {
  return {
    markedForReturn: referral.forReturn,
    services: referral.services,
    recipient: referral.toOrganisation
      ? {
          kind: referral.toOrganisation.kind,
          country: referral.toOrganisation.country,
          services: referral.toOrganisation.services,
        }
      : null,
    senderCountry: referral.fromOrganisation?.country ?? null,
  };
}

/** A 409 carrying the referral's state as it stands: what a request that lost a race needs to show. */
const YEAR_MS = 365.25 * 86_400_000;

/**
 * Her sex and age band as the partner's inbox line shows them, kept on the referral when it is sent, and only
 * if its lens shares the basic profile (the opened referral shows them anyway): the inbox is read under the
 * partner's row-level security, which never reaches the case.
 */
function sharedBasics(found: CaseEntity, lens: readonly LensSection[], now: Date) {
  if (!lens.includes('basicProfile')) return { sharedSex: null, sharedAgeBand: null };
  const years = Math.floor((now.getTime() - found.registeredAt.getTime()) / YEAR_MS);
  return {
    sharedSex: found.sex,
    sharedAgeBand: inboxAgeBandOf(found.ageAtRegistration === null ? null : found.ageAtRegistration + years),
  };
}

function staleReferral(referral: ReferralEntity): ConflictError {
  const current = { currentVersion: referral.version, currentStatus: referral.status };
  if (!OPEN.includes(referral.status))
    return new ConflictError('This referral has ended. Nothing was changed.', { status: 'ended', ...current });
  return new ConflictError(STALE, current);
}

/**
 * Referrals to partner organisations (docs/architecture.md, rules 3 and 4): consent gates sending (a
 * supervisor may override with a reason), the lens decides what the partner sees, and
 * withdrawing, declining or completing ends the partner's access to the case.
 */
@Injectable()
export class ReferralsService implements OnModuleInit {
  constructor(
    private readonly referrals: ReferralsRepository,
    private readonly caseAccess: CaseAccess,
    private readonly caseHistory: CaseHistory,
    private readonly vault: CaseVault,
    private readonly consents: ConsentsService,
    private readonly organisations: OrganisationsService,
    private readonly contributors: CaseDataContributors,
    private readonly gate: ReturnGate,
    private readonly returnMovements: ReturnMovements,
    private readonly serviceRecords: ServiceRecordsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly transactions: TransactionHost,
  ) {}

  onModuleInit(): void {
    this.returnMovements.register({
      pending: async (caseId) => (await this.referrals.pendingForCase(caseId)).map(toPendingMovement),
      suspend: (caller, movement, reasons) => this.suspend(caller, movement, reasons),
      resume: (caller, movement) => this.resume(caller, movement),
    });
  }

  // ── The sender's side ──────────────────────────────────────────────────────

  async listForCase(caller: Caller, caseId: string): Promise<{ items: Referral[] }> {
    await this.caseAccess.findForAction(caller, caseId, 'read');
    const referrals = await this.referrals.listForCase(caseId);
    const sealer = await this.vault.sealerFor(caseId);
    return { items: referrals.map((referral) => toReferral(referral, sealer)) };
  }

  /** Exactly what the partner would see with this lens. */
  async preview(caller: Caller, caseId: string, lens: LensSection[]): Promise<LensView> {
    const found = await this.caseAccess.findForAction(caller, caseId, 'update');
    this.assertMayShare(caller, found, lens);
    if (lens.some((section) => IDENTIFYING_SECTIONS.includes(section))) {
      await this.audit.record(caller, {
        action: 'case.identity.read',
        category: 'case',
        subject: { type: 'Case', id: caseId, organisationId: found.organisationId },
      });
    }
    return this.lensView(caseId, lens);
  }

  /** Everything on the request's transaction, the case and its key included: one connection, one snapshot. */
  async send(caller: Caller, caseId: string, command: SendReferralCommand): Promise<Referral> {
    return this.transactions.withTransaction(async () => {
      const found = await this.caseAccess.findOpenForUpdate(caller, caseId);
      this.assertMayShare(caller, found, command.lens);
      const recipient = await this.organisations.get(command.toOrganisationId).catch(() => null);
      // Deactivated organisations and one's own are not in the directory, and receive nothing.
      if (
        !recipient ||
        !REFERRAL_RECIPIENT_KINDS.includes(recipient.kind) ||
        !recipient.active ||
        recipient.id === caller.actor.organisationId
      ) {
        throw new BadRequestError('Choose a partner organisation from the directory.', [
          { field: 'toOrganisationId', message: 'Not a partner organisation that receives referrals' },
        ]);
      }
      if (!recipient.acceptingReferrals)
        throw new ConflictError(`${recipient.name} is not accepting referrals at the moment.`);
      const consented = await this.consents.hasActiveConsent(caseId, 'referral', recipient.id);
      const overriding = !consented && command.consentOverrideReason !== undefined;
      if (!consented && !overriding) {
        throw new HavenError(
          409,
          'Consent required',
          `No consent is recorded for referring this survivor to ${recipient.name}. Record the survivor's consent first; a supervisor may override with a written reason.`,
        );
      }
      if (overriding && !caller.ability.can('approve', recordOf('Case', found))) {
        throw new BadRequestError('Only a supervisor can send a referral without recorded consent.', [
          { field: 'consentOverrideReason', message: 'Only a supervisor can override consent' },
        ]);
      }
      // The server decides what a return is; the sender's marking can only add.
      const returnSubject: ReturnSubject = {
        markedForReturn: command.forReturn,
        services: command.services,
        recipient,
        senderCountry: found.organisation?.country ?? (await this.organisations.get(found.organisationId)).country,
      };
      await this.gate.assertMayProceed({ caseId, subject: returnSubject, suspendedSince: null, audience: 'sender' });
      const sealer = await this.vault.sealerFor(caseId);
      const id = await this.referrals.insert({
        caseId,
        fromOrganisationId: found.organisationId,
        toOrganisationId: recipient.id,
        services: command.services,
        urgency: command.urgency,
        lens: command.lens,
        ...sharedBasics(found, command.lens, new Date()),
        forReturn: isReturn(returnSubject),
        sealedMessage: command.message ? sealer.seal(MESSAGE, command.message) : null,
        overrideBy: overriding ? caller.actor.id : null,
        sealedOverrideReason: overriding ? sealer.seal(OVERRIDE_REASON, command.consentOverrideReason!) : null,
        status: 'sent',
        sentBy: caller.actor.id,
        sentAt: new Date(),
      });
      const subject = { type: 'Case', id: caseId, organisationId: found.organisationId };
      await this.caseHistory.recordChanges(caller, caseId, [
        { section: 'referral', action: 'sent', field: 'services', newValue: command.services.join(', ') },
        ...(overriding
          ? [{ section: 'referral', action: 'consent.overridden', field: 'consent', newValue: 'overridden' }]
          : []),
      ]);
      await this.audit.record(caller, { action: 'referral.sent', category: 'case', subject });
      if (overriding)
        await this.audit.record(caller, { action: 'referral.consent.overridden', category: 'case', subject });
      await this.notifications.notifyOrganisation(recipient.id, ['partner'], 'referral.received', {
        type: 'Referral',
        id,
      });
      return toReferral((await this.referrals.findInCase(caseId, id))!, sealer);
    });
  }

  async withdraw(caller: Caller, caseId: string, referralId: string, version: number): Promise<Referral> {
    await this.transactions.withTransaction(async () => {
      const found = await this.caseAccess.findForAction(caller, caseId, 'update');
      // The case's lock first, as an erasure and the partner's steps take it.
      await this.caseAccess.lockReturnSafeguards(caseId);
      const referral = await this.referrals.lockInCase(caseId, referralId);
      if (!referral) throw new NotFoundError();
      if (!OPEN.includes(referral.status)) throw staleReferral(referral);
      await this.move(referral, version, { status: 'withdrawn', closedAt: new Date() });
      await this.afterClosing(caller, found, referral, 'withdrawn');
    });
    return toReferral((await this.referrals.findInCase(caseId, referralId))!, await this.vault.sealerFor(caseId));
  }

  /** Consent withdrawn after sending withdraws the open referrals to that recipient, in the same transaction. */
  async withdrawOpenFor(caller: Caller, caseId: string, recipientOrganisationId: string): Promise<void> {
    const found = await this.caseAccess.findForAction(caller, caseId, 'update');
    for (const referral of await this.referrals.openFor(caseId, recipientOrganisationId)) {
      await this.move(referral, referral.version, { status: 'withdrawn', closedAt: new Date() });
      await this.afterClosing(caller, found, referral, 'withdrawn');
    }
  }

  /**
   * Anonymisation (erasure, retention) ends the case's open referrals in its own transaction.
   * They end as withdrawn, as if the sender had withdrawn them: the partner is told that the
   * referral ended, never that the case was erased. Any later step the partner tries answers 409.
   */
  async endOpenOnAnonymisation(caseId: string, actor: AnonymisingActor): Promise<void> {
    for (const referral of await this.referrals.openForCase(caseId)) {
      await this.move(referral, referral.version, { status: 'withdrawn', closedAt: new Date() });
      if (actor.actor) {
        await this.caseHistory.recordChanges(actor, caseId, [
          {
            section: 'referral',
            action: 'withdrawn',
            field: 'status',
            oldValue: referral.status,
            newValue: 'withdrawn',
          },
        ]);
      }
      const subject = { type: 'Case', id: caseId, organisationId: referral.fromOrganisationId };
      await this.audit.record(actor, {
        action: 'referral.withdrawn',
        category: 'case',
        subject,
        reason: 'case-anonymised',
      });
      await this.notifications.notifyOrganisation(referral.toOrganisationId, ['partner'], 'referral.withdrawn', {
        type: 'Referral',
        id: referral.id,
      });
    }
  }

  // ── The recipient's side ───────────────────────────────────────────────────

  async inbox(caller: Caller, query: InboxQuery): Promise<InboxResponse> {
    // Declined and withdrawn referrals are gone from the partner's view: asking for them finds nothing.
    const visible = INBOX_STATUSES.filter((status) => query.status === undefined || query.status === status);
    const { lines, plan, counts } = await this.referrals.inbox(
      scopeOf(caller.ability, 'read', 'Referral'),
      visible,
      query,
    );
    const total = visible.reduce((sum, status) => sum + counts[status], 0);
    return {
      ...keysetResponse(lines, query, plan, total, toInboxItem),
      // Each state's count stops at LIST_COUNT_LIMIT, like the total.
      counts: {
        sent: Math.min(counts.sent, LIST_COUNT_LIMIT),
        accepted: Math.min(counts.accepted, LIST_COUNT_LIMIT),
        completed: Math.min(counts.completed, LIST_COUNT_LIMIT),
      },
    };
  }

  /**
   * The partner opens a referral: the sender's message and the case through its lens while it
   * is open; once it has ended, only the fact that it ended and what the partner itself
   * recorded (the services it gave, its outcome) — nothing the sender wrote or shared.
   */
  async open(caller: Caller, referralId: string): Promise<PartnerReferral> {
    try {
      return await this.openReferral(caller, referralId);
    } catch (error) {
      // An erasure that commits between reading the referral and opening its sealed text has
      // withdrawn the referral: the partner is answered as for any referral it no longer sees,
      // never with the 410 that would tell it the case was erased.
      if (error instanceof CaseAnonymisedError) throw new NotFoundError();
      throw error;
    }
  }

  /**
   * The case an open referral shares with the caller's organisation, and its lens, for the features
   * that serve a shared section's files (documents); 404 once the referral has ended or for anyone else.
   */
  async openSharedCase(
    caller: Caller,
    referralId: string,
  ): Promise<{ caseId: string; fromOrganisationId: string; lens: LensSection[] }> {
    const referral = await this.referrals.findForRecipient(
      referralId,
      scopeOf(caller.ability, 'read', 'Referral'),
      OPEN,
    );
    if (!referral) throw new NotFoundError();
    return { caseId: referral.caseId, fromOrganisationId: referral.fromOrganisationId, lens: referral.lens };
  }

  private async openReferral(caller: Caller, referralId: string): Promise<PartnerReferral> {
    const referral = await this.referrals.findForRecipient(referralId, scopeOf(caller.ability, 'read', 'Referral'), [
      'sent',
      'accepted',
      'completed',
    ]);
    if (!referral) throw new NotFoundError();
    const subject = { type: 'Case', id: referral.caseId, organisationId: referral.fromOrganisationId };
    await this.audit.record(caller, { action: 'referral.opened', category: 'case', subject });
    const servicesGiven = await this.serviceRecords.listForReferral(referral.caseId, referral.id);
    if (!OPEN.includes(referral.status)) {
      return {
        ...toInboxItem(inboxLineOf(referral)),
        forReturn: referral.forReturn,
        suspension: suspensionOf(referral, 'receiver'),
        message: null,
        lens: [],
        view: null,
        servicesGiven,
        outcome: referral.outcome,
      };
    }
    const sealer = await this.vault.sealerFor(referral.caseId);
    if (referral.lens.some((section) => IDENTIFYING_SECTIONS.includes(section))) {
      await this.audit.record(caller, { action: 'case.identity.read', category: 'case', subject });
    }
    return {
      ...toInboxItem(inboxLineOf(referral)),
      forReturn: referral.forReturn,
      suspension: suspensionOf(referral, 'receiver'),
      message: sealer.openOrNull(MESSAGE, referral.sealedMessage),
      lens: referral.lens,
      view: await this.lensView(referral.caseId, referral.lens),
      servicesGiven,
      outcome: referral.outcome,
    };
  }

  /**
   * A partner printing what its open referral shares: recorded on the case, as its opening of the referral is, so
   * the sending organisation's access log shows it.
   */
  async recordSummary(caller: Caller, referralId: string): Promise<void> {
    const referral = await this.referrals.findForRecipient(
      referralId,
      scopeOf(caller.ability, 'read', 'Referral'),
      OPEN,
    );
    if (!referral) throw new NotFoundError();
    await this.audit.record(caller, {
      action: 'referral.summary.produced',
      category: 'case',
      subject: { type: 'Case', id: referral.caseId, organisationId: referral.fromOrganisationId },
    });
  }

  /** Accepting a return passes the return gate. */
  accept(caller: Caller, referralId: string, version: number): Promise<PartnerReferral> {
    return this.respond(caller, referralId, ['sent'], version, { status: 'accepted' }, 'referral.accepted');
  }

  async decline(caller: Caller, referralId: string, version: number, reason: string): Promise<void> {
    await this.answer(caller, referralId, ['sent'], version, async (referral) => {
      const sealer = await this.vault.sealerFor(referral.caseId);
      await this.move(referral, version, {
        status: 'declined',
        sealedResponse: sealer.seal(RESPONSE, reason),
        respondedBy: caller.actor.id,
        respondedAt: new Date(),
        closedAt: new Date(),
      });
      await this.recordOnSendersCase(caller, referral, 'declined', 'referral.declined');
    });
  }

  /** Completing a return passes the return gate. */
  complete(caller: Caller, referralId: string, version: number, outcome: ServiceOutcome): Promise<PartnerReferral> {
    return this.respond(
      caller,
      referralId,
      ['accepted'],
      version,
      { status: 'completed', outcome, closedAt: new Date() },
      'referral.completed',
    );
  }

  /** A service the partner gave: it appears on the sender's case as a service record. A return service passes the return gate. */
  async recordService(caller: Caller, referralId: string, request: PartnerServiceRequest): Promise<PartnerReferral> {
    const seen = await this.recipientReferral(caller, referralId, ['accepted', 'sent']);
    if (seen.status !== 'accepted') throw new ConflictError('Accept the referral before recording services.');
    return this.transactions.withTransaction(async () => {
      await this.caseAccess.lockReturnSafeguards(seen.caseId);
      const referral = await this.referrals.lockForRecipient(
        referralId,
        scopeOf(caller.ability, 'update', 'Referral'),
        REFERRAL_STATUSES,
      );
      if (!referral) throw new NotFoundError();
      if (referral.status !== 'accepted') throw staleReferral(referral);
      await this.gate.assertMayProceed({
        caseId: referral.caseId,
        subject: { markedForReturn: false, services: [request.type], recipient: null, senderCountry: null },
        suspendedSince: referral.returnSuspendedAt,
        audience: 'receiver',
      });
      await this.serviceRecords.recordForReferral(
        caller,
        { id: referral.id, caseId: referral.caseId, caseOrganisationId: referral.fromOrganisationId },
        request,
      );
      // The answer is read under the same locks, so an erasure waiting for them cannot change it half-way.
      return this.open(caller, referralId);
    });
  }

  // ── Internals ──────────────────────────────────────────────────────────────

  /** Accepting or completing: a return passes the return gate as it stands in the answer's transaction. */
  private async respond(
    caller: Caller,
    referralId: string,
    from: ReferralStatus[],
    version: number,
    changes: Partial<ReferralEntity>,
    kind: 'referral.accepted' | 'referral.completed',
  ): Promise<PartnerReferral> {
    return this.answer(caller, referralId, from, version, async (referral) => {
      await this.gate.assertMayProceed({
        caseId: referral.caseId,
        subject: returnSubjectOf(referral),
        suspendedSince: referral.returnSuspendedAt,
        audience: 'receiver',
      });
      await this.move(referral, version, {
        ...changes,
        respondedBy: caller.actor.id,
        respondedAt: referral.respondedAt ?? new Date(),
      });
      await this.recordOnSendersCase(caller, referral, changes.status!, kind);
      // Read under the same locks as the step, as in recordService.
      return this.open(caller, referralId);
    });
  }

  /**
   * The partner's answer, in one transaction: the case's return lock, then the referral
   * locked and read again, so that of answers given at once exactly one applies and the
   * others answer 409 with the state it left.
   */
  private async answer<T>(
    caller: Caller,
    referralId: string,
    from: ReferralStatus[],
    version: number,
    work: (referral: ReferralEntity) => Promise<T>,
  ): Promise<T> {
    const seen = await this.recipientReferral(caller, referralId, from);
    return this.transactions.withTransaction(async () => {
      await this.caseAccess.lockReturnSafeguards(seen.caseId);
      const referral = await this.referrals.lockForRecipient(
        referralId,
        scopeOf(caller.ability, 'update', 'Referral'),
        REFERRAL_STATUSES,
      );
      if (!referral) throw new NotFoundError();
      if (!from.includes(referral.status) || referral.version !== version) throw staleReferral(referral);
      return work(referral);
    });
  }

  /**
   * A referral addressed to the caller's organisation (otherwise 404). One that has ended —
   * withdrawn, declined, completed — answers 409 and nothing changes: the partner is told only
   * that it ended, never why (a withdrawal, the survivor's consent, her erasure). One in another
   * wrong state answers 409 with the state it is in.
   */
  private async recipientReferral(caller: Caller, referralId: string, from: ReferralStatus[]): Promise<ReferralEntity> {
    const referral = await this.referrals.findForRecipient(
      referralId,
      scopeOf(caller.ability, 'update', 'Referral'),
      REFERRAL_STATUSES,
    );
    if (!referral) throw new NotFoundError();
    if (!from.includes(referral.status)) throw staleReferral(referral);
    return referral;
  }

  // ── Return safety: held and resumed with the case's protection concerns ────

  private async suspend(caller: Caller, movement: PendingMovement, reasons: ReturnBlockCode[]): Promise<void> {
    const newlyHeld = movement.suspendedSince === null;
    if (!newlyHeld && sameCodes(movement.suspensionReasons, reasons)) return;
    await this.referrals.setSuspension(movement.id, movement.suspendedSince ?? new Date(), reasons);
    if (newlyHeld) await this.announce(caller, movement, 'suspended');
  }

  private async resume(caller: Caller, movement: PendingMovement): Promise<void> {
    await this.referrals.setSuspension(movement.id, null, null);
    await this.announce(caller, movement, 'resumed');
  }

  /** History and audit on the sender's case; the sender and the partner organisation are notified. */
  private async announce(caller: Caller, movement: PendingMovement, change: 'suspended' | 'resumed'): Promise<void> {
    const referral = (await this.referrals.findInCase(movement.caseId, movement.id))!;
    await this.caseHistory.recordChanges(caller, referral.caseId, [
      { section: 'referral', action: `return.${change}`, field: 'return', newValue: change },
    ]);
    await this.audit.record(caller, {
      action: `referral.return.${change}`,
      category: 'case',
      subject: { type: 'Case', id: referral.caseId, organisationId: referral.fromOrganisationId },
    });
    await this.notifications.notifyUser(referral.sentBy, `return.${change}`, { type: 'Case', id: referral.caseId });
    await this.notifications.notifyOrganisation(referral.toOrganisationId, ['partner'], `return.${change}`, {
      type: 'Referral',
      id: referral.id,
    });
  }

  private async recordOnSendersCase(
    caller: Caller,
    referral: ReferralEntity,
    status: ReferralStatus,
    kind: 'referral.accepted' | 'referral.declined' | 'referral.completed',
  ): Promise<void> {
    await this.caseHistory.recordChanges(caller, referral.caseId, [
      { section: 'referral', action: status, field: 'status', oldValue: referral.status, newValue: status },
    ]);
    await this.audit.record(caller, {
      action: kind,
      category: 'case',
      subject: { type: 'Case', id: referral.caseId, organisationId: referral.fromOrganisationId },
    });
    await this.notifications.notifyUser(referral.sentBy, kind, { type: 'Case', id: referral.caseId });
  }

  private async afterClosing(
    caller: Caller,
    found: CaseEntity,
    referral: ReferralEntity,
    status: 'withdrawn',
  ): Promise<void> {
    await this.caseHistory.recordChanges(caller, found.id, [
      { section: 'referral', action: status, field: 'status', oldValue: referral.status, newValue: status },
    ]);
    await this.audit.record(caller, {
      action: 'referral.withdrawn',
      category: 'case',
      subject: { type: 'Case', id: found.id, organisationId: found.organisationId },
    });
    await this.notifications.notifyOrganisation(referral.toOrganisationId, ['partner'], 'referral.withdrawn', {
      type: 'Referral',
      id: referral.id,
    });
  }

  private async move(referral: ReferralEntity, version: number, changes: Partial<ReferralEntity>): Promise<void> {
    if (referral.version !== version || !(await this.referrals.updateIfVersion(referral.id, version, changes))) {
      throw staleReferral(referral);
    }
  }

  /** Identifying sections can only be shared by someone who may read the identity. */
  private assertMayShare(caller: Caller, found: CaseEntity, lens: LensSection[]): void {
    if (
      lens.some((section) => IDENTIFYING_SECTIONS.includes(section)) &&
      !caller.ability.can('readIdentity', recordOf('Case', found))
    ) {
      throw new BadRequestError('Only the assigned caseworker or a supervisor can share identifying sections.', [
        { field: 'lens', message: 'Identity, contact and documents need identity access' },
      ]);
    }
  }

  /** Each feature that holds case data fills its own sections (CaseDataContributor.lensView). */
  private lensView(caseId: string, lens: LensSection[]): Promise<LensView> {
    return buildLensView(caseId, lens, this.contributors);
  }
}

function toPendingMovement(referral: ReferralEntity): PendingMovement {
  return {
    id: referral.id,
    caseId: referral.caseId,
    subject: returnSubjectOf(referral),
    suspendedSince: referral.returnSuspendedAt,
    suspensionReasons: referral.returnSuspensionReasons,
  };
}

function sameCodes(a: readonly string[] | null, b: readonly string[]): boolean {
  return a !== null && a.length === b.length && a.every((code, index) => code === b[index]);
}
