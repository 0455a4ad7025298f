import { Injectable } from '@nestjs/common';
import {
  childCaseBasis,
  todayIso,
  type AgeAssessment,
  type AppointGuardianRequest,
  type BestInterests,
  type BestInterestsStatus,
  type ChildCaseBasis,
  type ChildRecord,
  type ChildViews,
  type DecideBestInterestsRequest,
  type Guardian,
  type RecordAgeAssessmentRequest,
  type RecordBestInterestsRequest,
  type RecordChildViewsRequest,
} from '@haven/contracts';
import { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { ConflictError, NotFoundError } from '../../core/errors/problem.js';
import { TransactionHost } from '../../core/database/transaction-host.js';
import type { CaseEntity } from '../cases/case.entity.js';
import { CaseAccess } from '../cases/kernel/case-access.service.js';
import { CaseHistory } from '../cases/kernel/case-history.service.js';
import { CaseRecordNames } from '../cases/kernel/case-record-names.service.js';
import { CaseVault, type CaseSealer } from '../cases/kernel/case-vault.service.js';
import { ChildrenRepository, type ChildSafeguardFactsRow } from './children.repository.js';

/** The purposes each sealed text is sealed under (case key). */
const SEALED = {
  guardianName: 'child-guardian-name',
  guardianOrganisation: 'child-guardian-organisation',
  assessedBy: 'age-assessment-by',
  views: 'child-views',
  summary: 'best-interests-summary',
  decisionReason: 'best-interests-decision-reason',
} as const;

/** What each decision on a determination needs and leads to. */
const DECISIONS: Record<
  DecideBestInterestsRequest['decision'],
  { from: BestInterestsStatus; to: BestInterestsStatus }
> = {
  approve: { from: 'pendingApproval', to: 'approved' },
  reject: { from: 'pendingApproval', to: 'rejected' },
  revoke: { from: 'approved', to: 'revoked' },
};

/** The basis of childhood from the coded facts (null: not a child case, or a case outside reach). */
export function basisOf(facts: ChildSafeguardFactsRow | null, today = todayIso()): ChildCaseBasis | null {
  if (!facts) return null;
  return childCaseBasis(
    {
      ageAtRegistration: facts.ageAtRegistration,
      registeredAt: facts.registeredAt,
      latestAgeAssessment:
        facts.assessedOn !== null && facts.assessedAge !== null
          ? { assessedOn: facts.assessedOn, assessedAge: facts.assessedAge, disputed: facts.disputed ?? false }
          : null,
    },
    today,
  );
}

/**
 * Children (docs/architecture.md, "Children"): guardians, age assessments, the child's views
 * and best-interests assessments and determinations. Every record is written in a transaction
 * with its history entry and audit event; names and words are sealed under the case key. A
 * determination is recorded by staff and takes effect once a supervisor other than its author
 * approves it; approving and revoking one take the case's return lock, like a protection review,
 * so a step toward return at the same moment sees the determination either before or after.
 */
@Injectable()
export class ChildrenService {
  constructor(
    private readonly children: ChildrenRepository,
    private readonly caseAccess: CaseAccess,
    private readonly caseHistory: CaseHistory,
    private readonly vault: CaseVault,
    private readonly audit: AuditService,
    private readonly transactions: TransactionHost,
    private readonly names: CaseRecordNames,
  ) {}

  /** Whether the case is a child case today, for a caller already known to reach it (consents, the gate). */
  async basis(caseId: string): Promise<ChildCaseBasis | null> {
    return basisOf(await this.children.safeguardFacts(caseId));
  }

  /**
   * The whole record, its sealed words opened, and the guardian's and the age assessor's names for
   * those who may see names on the case's records (CaseRecordNames): an audited read.
   */
  async record(caller: Caller, caseId: string): Promise<ChildRecord> {
    const found = await this.caseAccess.findForAction(caller, caseId, 'read');
    const record = await this.read(caller, found);
    if (record.guardians.length + record.ageAssessments.length + record.views.length + record.bestInterests.length > 0)
      await this.audit.record(caller, {
        action: 'child.record.read',
        category: 'case',
        subject: { type: 'Case', id: caseId, organisationId: found.organisationId },
      });
    return record;
  }

  async appointGuardian(caller: Caller, caseId: string, request: AppointGuardianRequest): Promise<Guardian> {
    const { id, found } = await this.write(caller, caseId, 'guardian.appointed', async (sealer) => {
      await this.assertChild(caseId);
      return this.children.appointGuardian({
        caseId,
        appointedOn: request.appointedOn,
        sealedName: sealer.seal(SEALED.guardianName, request.name),
        sealedOrganisation: sealer.seal(SEALED.guardianOrganisation, request.organisation),
        recordedBy: caller.actor.id,
      });
    });
    return (await this.read(caller, found)).guardians.find((guardian) => guardian.id === id)!;
  }

  /** On any case: an assessment is how a case may become (or stop being) a child case. */
  async recordAgeAssessment(
    caller: Caller,
    caseId: string,
    request: RecordAgeAssessmentRequest,
  ): Promise<AgeAssessment> {
    const { id, found } = await this.write(
      caller,
      caseId,
      'age.assessed',
      (sealer) =>
        this.children.insertAgeAssessment({
          caseId,
          assessedOn: request.assessedOn,
          method: request.method,
          assessedAge: request.assessedAge,
          sealedAssessedBy: sealer.seal(SEALED.assessedBy, request.assessedBy),
          disputed: request.disputed,
          recordedBy: caller.actor.id,
        }),
      request.disputed ? 'disputed' : String(request.assessedAge),
      { changesChildhood: true },
    );
    return (await this.read(caller, found)).ageAssessments.find((assessment) => assessment.id === id)!;
  }

  async recordViews(caller: Caller, caseId: string, request: RecordChildViewsRequest): Promise<ChildViews> {
    const { id, found } = await this.write(caller, caseId, 'views.recorded', async (sealer) => {
      await this.assertChild(caseId);
      return this.children.insertViews({
        caseId,
        expressedOn: request.expressedOn,
        sealedViews: sealer.seal(SEALED.views, request.views),
        recordedBy: caller.actor.id,
      });
    });
    return (await this.read(caller, found)).views.find((views) => views.id === id)!;
  }

  async recordBestInterests(
    caller: Caller,
    caseId: string,
    request: RecordBestInterestsRequest,
  ): Promise<BestInterests> {
    const { id, found } = await this.write(
      caller,
      caseId,
      `${request.kind}.recorded`,
      async (sealer) => {
        await this.assertChild(caseId);
        return this.children.insertBestInterests({
          caseId,
          kind: request.kind,
          completedOn: request.completedOn,
          sealedSummary: sealer.seal(SEALED.summary, request.summary),
          recordedBy: caller.actor.id,
        });
      },
      request.kind === 'determination' ? 'pendingApproval' : 'recorded',
    );
    return (await this.read(caller, found)).bestInterests.find((record) => record.id === id)!;
  }

  /**
   * A supervisor approves or rejects a determination waiting for approval, or revokes an
   * approved one. Not its author: a determination takes two people. 404 for an assessment
   * or another case's record; 409 when the determination is not in the state the decision needs.
   */
  async decide(
    caller: Caller,
    caseId: string,
    recordId: string,
    request: DecideBestInterestsRequest,
  ): Promise<BestInterests> {
    const sealer = await this.vault.sealerFor(caseId);
    const found = await this.transactions.withTransaction(async () => {
      const found = await this.caseAccess.findForAction(caller, caseId, 'approve');
      // Before the determination changes: a step toward return holds this lock while it reads whether one stands.
      await this.caseAccess.lockReturnSafeguards(caseId);
      const determination = await this.children.lockDetermination(caseId, recordId);
      if (!determination || determination.kind !== 'determination') throw new NotFoundError();
      const rule = DECISIONS[request.decision];
      if (determination.status !== rule.from)
        throw new ConflictError(
          `This determination is ${determination.status}; it cannot be given "${request.decision}".`,
        );
      if (request.decision !== 'revoke' && determination.recordedBy === caller.actor.id)
        throw new ConflictError(
          'A determination is approved or rejected by a supervisor other than the one who recorded it.',
        );
      await this.children.decide({
        id: recordId,
        status: rule.to,
        decision: request.decision,
        sealedReason: sealer.seal(SEALED.decisionReason, request.reason),
        decidedBy: caller.actor.id,
      });
      await this.caseHistory.recordChanges(caller, caseId, [
        {
          section: 'child',
          action: `determination.${rule.to}`,
          field: 'determination',
          oldValue: rule.from,
          newValue: rule.to,
          sealedComment: sealer.seal('history-comment', request.reason),
        },
      ]);
      await this.audit.record(caller, {
        action: `child.determination.${rule.to}`,
        category: 'case',
        subject: { type: 'Case', id: caseId, organisationId: found.organisationId },
      });
      return found;
    });
    return (await this.read(caller, found)).bestInterests.find((record) => record.id === recordId)!;
  }

  /** One record written with its history entry and audit event, on an open case the caller may change. */
  private async write(
    caller: Caller,
    caseId: string,
    action: string,
    insert: (sealer: CaseSealer) => Promise<string>,
    newValue: string | null = null,
    options: { changesChildhood?: boolean } = {},
  ): Promise<{ id: string; found: CaseEntity }> {
    const sealer = await this.vault.sealerFor(caseId);
    return this.transactions.withTransaction(async () => {
      const found = await this.caseAccess.findOpenForUpdate(caller, caseId);
      // An age assessment may make the case a child's, which a step toward return reads: no such step may pass
      // between the two (the return gate holds the same lock while it decides).
      if (options.changesChildhood) await this.caseAccess.lockReturnSafeguards(caseId);
      const id = await insert(sealer);
      const [field] = action.split('.') as [string];
      await this.caseHistory.recordChanges(caller, caseId, [{ section: 'child', action, field, newValue }]);
      await this.audit.record(caller, {
        action: `child.${action}`,
        category: 'case',
        subject: { type: 'Case', id: caseId, organisationId: found.organisationId },
      });
      return { id, found };
    });
  }

  private async assertChild(caseId: string): Promise<void> {
    if ((await this.basis(caseId)) === null)
      throw new ConflictError(
        'This is not a child case: the person is 18 or older by her registered age and any age assessment.',
      );
  }

  /** The record as the caller sees it: names only for those who may see them (CaseRecordNames), their showing audited. */
  private async read(caller: Caller, found: CaseEntity): Promise<ChildRecord> {
    const caseId = found.id;
    const [facts, guardians, ageAssessments, views, bestInterests] = [
      await this.children.safeguardFacts(caseId),
      await this.children.guardians(caseId),
      await this.children.ageAssessments(caseId),
      await this.children.views(caseId),
      await this.children.bestInterests(caseId),
    ];
    const basis = basisOf(facts);
    const sealer =
      guardians.length + ageAssessments.length + views.length + bestInterests.length > 0
        ? await this.vault.sealerFor(caseId)
        : undefined;
    const withNames = guardians.length + ageAssessments.length > 0 && this.names.mayRead(caller, found);
    if (withNames) await this.names.shown(caller, found);
    const recorded = (row: { id: string; recordedById: string; recordedByName: string; recordedAt: Date }) => ({
      id: row.id,
      recordedBy: { id: row.recordedById, displayName: row.recordedByName },
      recordedAt: row.recordedAt.toISOString(),
    });
    return {
      caseId,
      child: basis !== null,
      basis,
      determinationApproved: facts?.determinationApproved ?? false,
      guardians: guardians.map((row) => ({
        ...recorded(row),
        appointedOn: row.appointedOn,
        name: withNames ? sealer!.open(SEALED.guardianName, row.sealedName) : null,
        organisation: sealer!.open(SEALED.guardianOrganisation, row.sealedOrganisation),
        endedOn: row.endedOn,
      })),
      ageAssessments: ageAssessments.map((row) => ({
        ...recorded(row),
        assessedOn: row.assessedOn,
        method: row.method,
        assessedAge: row.assessedAge,
        assessedBy: withNames ? sealer!.open(SEALED.assessedBy, row.sealedAssessedBy) : null,
        disputed: row.disputed,
      })),
      views: views.map((row) => ({
        ...recorded(row),
        expressedOn: row.expressedOn,
        views: sealer!.open(SEALED.views, row.sealedViews),
      })),
      bestInterests: bestInterests.map((row) => ({
        ...recorded(row),
        kind: row.kind,
        completedOn: row.completedOn,
        summary: sealer!.open(SEALED.summary, row.sealedSummary),
        status: row.status,
        decision:
          row.decision && row.decidedAt && row.decidedById
            ? {
                decision: row.decision,
                reason: sealer!.openOrNull(SEALED.decisionReason, row.sealedDecisionReason) ?? '',
                by: { id: row.decidedById, displayName: row.decidedByName ?? '' },
                at: row.decidedAt.toISOString(),
              }
            : null,
      })),
    };
  }
}
