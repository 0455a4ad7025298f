import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { defineAbilityFor } from '@haven/access';
import { type Mocked } from '@haven/testing';
import type { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { EnvelopeEncryption } from '../../core/crypto/envelope-encryption.js';
import { NotFoundError } from '../../core/errors/problem.js';
import type { CaseEntity } from '../cases/case.entity.js';
import { CaseVault } from '../cases/kernel/case-vault.service.js';
import type { CasesRepository } from '../cases/cases.repository.js';
import type { CaseAccess } from '../cases/kernel/case-access.service.js';
import type { CaseHistory } from '../cases/kernel/case-history.service.js';
import type { CaseRecords } from '../cases/kernel/case-records.service.js';
import type { AssessmentEntity } from './assessment.entity.js';
import type { AssessmentHooks } from './assessment-hooks.js';
import type { AssessmentsRepository } from './assessments.repository.js';
import { AssessmentsService } from './assessments.service.js';
import { transactionHostForTests } from '../../core/database/transaction-host.testing.js';

const actor = {
  id: 'caseworker-id',
  role: 'caseworker' as const,
  organisationId: 'org-1',
  email: '',
  displayName: '',
  sessionId: 's',
  csrfToken: 'c',
};
const caller: Caller = { actor, ability: defineAbilityFor(actor), address: '127.0.0.1' };
const caseAt = (version: number, riskLevel: CaseEntity['riskLevel']) =>
  ({ id: 'case-1', organisationId: 'org-1', status: 'Active', version, riskLevel }) as CaseEntity;

describe('AssessmentsService', () => {
  const encryption = new EnvelopeEncryption(randomBytes(32));
  const { wrappedKey } = encryption.newDataKey('case-1');
  let assessments: Mocked<Pick<AssessmentsRepository, 'listForCase' | 'findInCase' | 'latest' | 'insert'>>;
  let cases: Mocked<
    Pick<CaseAccess, 'findForAction' | 'findOpenForUpdate' | 'lockReturnSafeguards'> &
      Pick<CaseHistory, 'recordChanges'> &
      Pick<CaseRecords, 'setRiskLevelFromAssessment'>
  >;
  let hooks: Mocked<Pick<AssessmentHooks, 'protectionScreeningRecorded'>>;
  let audit: Mocked<Pick<AuditService, 'record'>>;
  let service: AssessmentsService;
  let inserted: AssessmentEntity | undefined;

  beforeEach(() => {
    inserted = undefined;
    assessments = {
      listForCase: jest.fn(async () => []),
      findInCase: jest.fn(async () => inserted ?? null),
      latest: jest.fn(async () => null),
      insert: jest.fn(async (values: Parameters<AssessmentsRepository['insert']>[0]) => {
        inserted = { ...values, id: 'assessment-1', assessedAt: new Date() };
        return 'assessment-1';
      }),
    } as never;
    cases = {
      findForAction: jest.fn(async () => caseAt(4, 'low')),
      findOpenForUpdate: jest.fn(async () => caseAt(4, 'low')),
      recordChanges: jest.fn(async () => undefined),
      setRiskLevelFromAssessment: jest.fn(async () => undefined),
      lockReturnSafeguards: jest.fn(async () => undefined),
    } as never;
    hooks = { protectionScreeningRecorded: jest.fn(async () => undefined) } as never;
    audit = { record: jest.fn(async () => undefined) } as never;
    const vault = new CaseVault(
      { findKey: async () => ({ caseId: 'case-1', wrappedKey, createdAt: new Date() }) } as unknown as CasesRepository,
      encryption,
      transactionHostForTests(),
    );
    service = new AssessmentsService(
      assessments as unknown as AssessmentsRepository,
      cases as unknown as CaseAccess,
      cases as unknown as CaseHistory,
      cases as unknown as CaseRecords,
      vault,
      audit as unknown as AuditService,
      hooks as unknown as AssessmentHooks,
      transactionHostForTests(),
    );
  });

  it('keeps the findings coded and the notes sealed', async () => {
    const result = await service.record(caller, 'case-1', {
      type: 'needs',
      needs: [{ area: 'legal', level: 'high' }],
      notes: 'Lost passport in Vexmoor',
    });
    const values = assessments.insert.mock.calls[0]![0];
    expect(values.findings).toEqual({ needs: [{ area: 'legal', level: 'high' }] });
    expect(values.sealedNotes).toBeInstanceOf(Buffer);
    expect(values.sealedNotes!.toString('latin1')).not.toContain('Vexmoor');
    expect(result).toMatchObject({
      type: 'needs',
      needs: [{ area: 'legal', level: 'high' }],
      notes: 'Lost passport in Vexmoor',
    });
    expect(cases.recordChanges).toHaveBeenCalledWith(caller, 'case-1', [
      { section: 'assessment', action: 'recorded', field: 'needs', newValue: 'legal:high' },
    ]);
    expect(audit.record).toHaveBeenCalledWith(caller, expect.objectContaining({ action: 'assessment.recorded' }));
    expect(cases.setRiskLevelFromAssessment).not.toHaveBeenCalled();
  });

  it('sets the case to the assessed risk level in the same transaction, after recording', async () => {
    await service.record(caller, 'case-1', { type: 'risk', riskLevel: 'critical' });
    expect(cases.setRiskLevelFromAssessment).toHaveBeenCalledWith(caller, caseAt(4, 'low'), 'critical');
    expect(assessments.insert.mock.invocationCallOrder[0]!).toBeLessThan(
      cases.setRiskLevelFromAssessment.mock.invocationCallOrder[0]!,
    );
  });

  it('records nothing on a closed or out-of-scope case', async () => {
    cases.findOpenForUpdate.mockRejectedValue(new NotFoundError());
    await expect(service.record(caller, 'case-1', { type: 'risk', riskLevel: 'critical' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(assessments.insert).not.toHaveBeenCalled();
    expect(cases.setRiskLevelFromAssessment).not.toHaveBeenCalled();
    expect(audit.record).not.toHaveBeenCalled();
  });

  it('lists in the caller’s read scope, filtered by type, without unsealing when there are no notes', async () => {
    assessments.listForCase.mockResolvedValue([
      {
        id: 'a-1',
        caseId: 'case-1',
        type: 'protection',
        findings: { fearOfReturn: true, asylumIntention: false, outcome: 'pending' },
        sealedNotes: null,
        assessedBy: 'u',
        assessedAt: new Date(),
      },
    ]);
    const result = await service.list(caller, 'case-1', 'protection');
    expect(cases.findForAction).toHaveBeenCalledWith(caller, 'case-1', 'read');
    expect(assessments.listForCase).toHaveBeenCalledWith('case-1', 'protection');
    expect(result.items).toEqual([
      expect.objectContaining({ fearOfReturn: true, asylumIntention: false, outcome: 'pending', notes: null }),
    ]);
    expect(result.items[0]).not.toHaveProperty('riskLevel');
  });

  it('holds the return safeguards before recording a protection screening and tells them in the same transaction', async () => {
    await service.record(caller, 'case-1', {
      type: 'protection',
      fearOfReturn: true,
      asylumIntention: false,
      outcome: 'pending',
    });
    expect(cases.lockReturnSafeguards).toHaveBeenCalledWith('case-1');
    expect(hooks.protectionScreeningRecorded).toHaveBeenCalledWith(caller, 'case-1');
    expect(cases.lockReturnSafeguards.mock.invocationCallOrder[0]!).toBeLessThan(
      assessments.insert.mock.invocationCallOrder[0]!,
    );
    expect(assessments.insert.mock.invocationCallOrder[0]!).toBeLessThan(
      hooks.protectionScreeningRecorded.mock.invocationCallOrder[0]!,
    );
  });

  it('leaves the return safeguards alone for other assessments', async () => {
    await service.record(caller, 'case-1', { type: 'risk', riskLevel: 'low' });
    expect(cases.lockReturnSafeguards).not.toHaveBeenCalled();
    expect(hooks.protectionScreeningRecorded).not.toHaveBeenCalled();
  });
});
