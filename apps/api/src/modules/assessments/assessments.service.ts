import { Injectable } from '@nestjs/common';
import type { Assessment, AssessmentType, NeedArea, NeedLevel, RecordAssessmentRequest } from '@haven/contracts';
import { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { NotFoundError } from '../../core/errors/problem.js';
import { CaseVault } from '../cases/kernel/case-vault.service.js';
import { CaseAccess } from '../cases/kernel/case-access.service.js';
import { CaseHistory } from '../cases/kernel/case-history.service.js';
import { CaseRecords } from '../cases/kernel/case-records.service.js';
import type { AssessmentFindings } from './assessment.entity.js';
import { AssessmentHooks } from './assessment-hooks.js';
import { toAssessment } from './assessment.mapper.js';
import { AssessmentsRepository } from './assessments.repository.js';
import { TransactionHost } from '../../core/database/transaction-host.js';

const NOTES = 'assessment-notes';

/**
 * Risk, needs and international-protection assessments. Findings are coded (kept in
 * clear for statistics and rules); the assessor's notes are sealed under the case key.
 */
@Injectable()
export class AssessmentsService {
  constructor(
    private readonly assessments: AssessmentsRepository,
    private readonly caseAccess: CaseAccess,
    private readonly caseHistory: CaseHistory,
    private readonly caseRecords: CaseRecords,
    private readonly vault: CaseVault,
    private readonly audit: AuditService,
    private readonly hooks: AssessmentHooks,
    private readonly transactions: TransactionHost,
  ) {}

  async list(caller: Caller, caseId: string, type?: AssessmentType): Promise<{ items: Assessment[] }> {
    await this.caseAccess.findForAction(caller, caseId, 'read');
    const assessments = await this.assessments.listForCase(caseId, type);
    const sealer = assessments.some((assessment) => assessment.sealedNotes)
      ? await this.vault.sealerFor(caseId)
      : undefined;
    return {
      items: assessments.map((assessment) =>
        toAssessment(assessment, sealer?.openOrNull(NOTES, assessment.sealedNotes) ?? null),
      ),
    };
  }

  /** Records an assessment; a risk assessment then sets the case's risk level. */
  async record(caller: Caller, caseId: string, request: RecordAssessmentRequest): Promise<Assessment> {
    const assessmentId = await this.transactions.withTransaction(async () => {
      const found = await this.caseAccess.findOpenForUpdate(caller, caseId);
      // A screening may open a protection concern: no step toward return may pass between it and the suspension of pending returns.
      if (request.type === 'protection') await this.caseAccess.lockReturnSafeguards(caseId);
      const sealedNotes = request.notes ? (await this.vault.sealerFor(caseId)).seal(NOTES, request.notes) : null;
      const id = await this.assessments.insert({
        caseId,
        type: request.type,
        findings: findingsOf(request),
        sealedNotes,
        assessedBy: caller.actor.id,
      });
      await this.caseHistory.recordChanges(caller, caseId, [
        { section: 'assessment', action: 'recorded', field: request.type, newValue: summaryOf(request) },
      ]);
      if (request.type === 'risk') await this.caseRecords.setRiskLevelFromAssessment(caller, found, request.riskLevel);
      if (request.type === 'protection') await this.hooks.protectionScreeningRecorded(caller, caseId);
      await this.audit.record(caller, {
        action: 'assessment.recorded',
        category: 'case',
        subject: { type: 'Case', id: caseId, organisationId: found.organisationId },
      });
      return id;
    });
    const stored = await this.assessments.findInCase(caseId, assessmentId);
    if (!stored) throw new NotFoundError();
    return toAssessment(stored, request.notes || null);
  }

  /** The latest needs assessment's ratings, for a referral's lens (AssessmentsCaseData); the caller has checked access. */
  async latestNeeds(caseId: string): Promise<{ area: NeedArea; level: NeedLevel }[]> {
    return (await this.assessments.latest(caseId, 'needs'))?.findings.needs ?? [];
  }
}

function findingsOf(request: RecordAssessmentRequest): AssessmentFindings {
  switch (request.type) {
    case 'risk':
      return { riskLevel: request.riskLevel };
    case 'needs':
      return { needs: request.needs.map((need) => ({ area: need.area, level: need.level })) };
    case 'protection':
      return { fearOfReturn: request.fearOfReturn, asylumIntention: request.asylumIntention, outcome: request.outcome };
  }
}

/** The coded result shown in the case history. */
function summaryOf(request: RecordAssessmentRequest): string {
  switch (request.type) {
    case 'risk':
      return request.riskLevel;
    case 'needs':
      return request.needs.map((need) => `${need.area}:${need.level}`).join(', ');
    case 'protection':
      return request.outcome;
  }
}
