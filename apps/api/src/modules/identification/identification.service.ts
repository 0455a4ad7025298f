import { Injectable } from '@nestjs/common';
import {
  proposeScreeningOutcome,
  type Identification,
  type RecordScreeningCommand,
  type RecordStatusDecisionRequest,
  type Screening,
  type StatusDecision,
} from '@haven/contracts';
import { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { TransactionHost } from '../../core/database/transaction-host.js';
import { BadRequestError } from '../../core/errors/problem.js';
import { CaseAccess } from '../cases/kernel/case-access.service.js';
import { CaseHistory } from '../cases/kernel/case-history.service.js';
import { CaseRecordNames } from '../cases/kernel/case-record-names.service.js';
import { CaseRecords } from '../cases/kernel/case-records.service.js';
import { CaseVault, type CaseSealer } from '../cases/kernel/case-vault.service.js';
import type { IdentificationScreeningEntity } from './identification-screening.entity.js';
import { IdentificationRepository } from './identification.repository.js';
import type { StatusDecisionEntity } from './status-decision.entity.js';

const INTERPRETER_NAME = 'screening-interpreter-name';
const DECISION_REASON = 'status-decision-reason';

/**
 * Identification (docs/architecture.md, "Identification and legal status"): screenings for the
 * operational indicators of trafficking, which propose a status by the published rule
 * (`proposeScreeningOutcome` in the contract), and the formal decisions, which alone set the
 * case's trafficking status. Each step joins the case's history and the audit log.
 */
@Injectable()
export class IdentificationService {
  constructor(
    private readonly repository: IdentificationRepository,
    private readonly caseAccess: CaseAccess,
    private readonly caseHistory: CaseHistory,
    private readonly caseRecords: CaseRecords,
    private readonly vault: CaseVault,
    private readonly audit: AuditService,
    private readonly transactions: TransactionHost,
    private readonly names: CaseRecordNames,
  ) {}

  async get(caller: Caller, caseId: string): Promise<Identification> {
    const found = await this.caseAccess.findForAction(caller, caseId, 'read');
    const [screenings, decisions] = await Promise.all([
      this.repository.screenings(caseId),
      this.repository.decisions(caseId),
    ]);
    // An interpreter's name is opened only for those who may see names on the case's records (CaseRecordNames);
    // the decisions' reasons for whoever reads the case.
    const withNames =
      screenings.some((screening) => screening.sealedInterpreterName) && this.names.mayRead(caller, found);
    const sealed = withNames || decisions.some((decision) => decision.sealedReason);
    const sealer = sealed ? await this.vault.sealerFor(caseId) : undefined;
    if (withNames) await this.names.shown(caller, found);
    return {
      status: found.profile.traffickingStatus ?? null,
      statusDecidedBy: found.profile.statusDecidedBy ?? null,
      screenings: screenings.map((screening) => toScreening(screening, withNames ? sealer : undefined)),
      decisions: decisions.map((decision) => toDecision(decision, sealer)),
    };
  }

  async recordScreening(caller: Caller, caseId: string, command: RecordScreeningCommand): Promise<Screening> {
    const { proposal, positiveDimensions } = proposeScreeningOutcome(command.answers);
    const id = await this.transactions.withTransaction(async () => {
      const found = await this.caseAccess.findOpenForUpdate(caller, caseId);
      const sealer = command.interpreterName ? await this.vault.sealerFor(caseId) : undefined;
      const inserted = await this.repository.insertScreening({
        caseId,
        screenedOn: command.screenedOn,
        language: command.language,
        interpreterUsed: command.interpreterUsed,
        sealedInterpreterName: sealer ? sealer.seal(INTERPRETER_NAME, command.interpreterName!) : null,
        answers: command.answers,
        proposal,
        positiveDimensions,
        screenedById: caller.actor.id,
      });
      await this.caseHistory.recordChanges(caller, caseId, [
        { section: 'identification', action: 'screened', field: 'proposal', newValue: proposal },
      ]);
      await this.audit.record(caller, {
        action: 'identification.screening.recorded',
        category: 'case',
        subject: { type: 'Case', id: caseId, organisationId: found.organisationId },
      });
      return inserted;
    });
    return (await this.get(caller, caseId)).screenings.find((screening) => screening.id === id)!;
  }

  async recordDecision(caller: Caller, caseId: string, request: RecordStatusDecisionRequest): Promise<StatusDecision> {
    const id = await this.transactions.withTransaction(async () => {
      const found = await this.caseAccess.findOpenForUpdate(caller, caseId);
      if (request.screeningId && !(await this.repository.screeningExists(caseId, request.screeningId))) {
        throw new BadRequestError('That screening is not one of this case.', [
          { field: 'screeningId', message: 'Not a screening of this case' },
        ]);
      }
      const sealer = await this.vault.sealerFor(caseId);
      await this.repository.lockCase(caseId);
      const inserted = await this.repository.insertDecision({
        caseId,
        status: request.status,
        decidedBy: request.decidedBy,
        decidedOn: request.decidedOn,
        sealedReason: sealer.seal(DECISION_REASON, request.reason),
        screeningId: request.screeningId ?? null,
        recordedById: caller.actor.id,
      });
      await this.statusFromDecisions(caller, caseId);
      await this.caseHistory.recordChanges(caller, caseId, [
        { section: 'identification', action: 'decided', field: 'traffickingStatus', newValue: request.status },
      ]);
      await this.audit.record(caller, {
        action: 'identification.decision.recorded',
        category: 'case',
        subject: { type: 'Case', id: caseId, organisationId: found.organisationId },
      });
      return inserted;
    });
    return (await this.get(caller, caseId)).decisions.find((decision) => decision.id === id)!;
  }

  /**
   * A transfer being accepted (in its transaction, by the receiving organisation): the sending case's
   * decisions are carried over to the received case as that organisation's (the status, the deciding
   * body, the date, who recorded them and when; not the reason, sealed under the sending case's key,
   * nor the screening, which stays there), and the received case's status is set from them as from
   * any decisions, so it changes only by decisions there too. Nothing is carried when there were none.
   */
  async carryOverOnTransfer(receiver: Caller, sourceCaseId: string, receivedCaseId: string): Promise<void> {
    const offered = await this.repository.offeredDecisions(sourceCaseId);
    if (offered.length === 0) return;
    await this.repository.lockCase(receivedCaseId);
    await this.repository.insertCarried(receivedCaseId, offered);
    const current = await this.statusFromDecisions(receiver, receivedCaseId);
    await this.caseHistory.recordChanges(receiver, receivedCaseId, [
      { section: 'identification', action: 'carried', field: 'traffickingStatus', newValue: current.status },
    ]);
  }

  /**
   * Sets the case's status from its current decision: the latest decided, which need not be the last
   * recorded (an older decision entered late). The case is locked (lockCase) by the caller.
   */
  private async statusFromDecisions(caller: Caller, caseId: string): Promise<StatusDecisionEntity> {
    const current = (await this.repository.currentDecision(caseId))!;
    await this.caseRecords.setTraffickingStatusFromDecision(caller, caseId, current.status, current.decidedBy);
    return current;
  }
}

/** `sealer` is given only when the caller may see the interpreter's name; without it the name is null. */
function toScreening(screening: IdentificationScreeningEntity, sealer: CaseSealer | undefined): Screening {
  return {
    id: screening.id,
    screenedOn: screening.screenedOn,
    language: screening.language,
    interpreterUsed: screening.interpreterUsed,
    interpreterName: sealer?.openOrNull(INTERPRETER_NAME, screening.sealedInterpreterName) ?? null,
    answers: screening.answers,
    proposal: screening.proposal,
    positiveDimensions: screening.positiveDimensions,
    screenedBy: { id: screening.screenedById, displayName: screening.screenedBy?.displayName ?? '' },
    recordedAt: screening.recordedAt.toISOString(),
  };
}

function toDecision(decision: StatusDecisionEntity, sealer: CaseSealer | undefined): StatusDecision {
  return {
    id: decision.id,
    status: decision.status,
    decidedBy: decision.decidedBy,
    decidedOn: decision.decidedOn,
    reason: sealer?.openOrNull(DECISION_REASON, decision.sealedReason) ?? null,
    screeningId: decision.screeningId,
    recordedBy: { id: decision.recordedById, displayName: decision.recordedBy?.displayName ?? '' },
    recordedAt: decision.recordedAt.toISOString(),
    carriedFrom:
      decision.carriedFromOrganisationId !== null
        ? { id: decision.carriedFromOrganisationId, name: decision.carriedFromOrganisation?.name ?? '' }
        : null,
  };
}
