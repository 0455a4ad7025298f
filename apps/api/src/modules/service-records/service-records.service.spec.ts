import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { defineAbilityFor } from '@haven/access';
import { type Mocked } from '@haven/testing';
import type { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { EnvelopeEncryption } from '../../core/crypto/envelope-encryption.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../core/errors/problem.js';
import type { CaseEntity } from '../cases/case.entity.js';
import { CaseVault } from '../cases/kernel/case-vault.service.js';
import type { CasesRepository } from '../cases/cases.repository.js';
import type { CaseAccess } from '../cases/kernel/case-access.service.js';
import type { CaseHistory } from '../cases/kernel/case-history.service.js';
import type { OrganisationEntity } from '../../core/organisations/organisation.entity.js';
import type { OrganisationsService } from '../../core/organisations/organisations.service.js';
import type { ReturnGate } from '../protection/return-gate.service.js';
import type { ServiceRecordEntity } from './service-record.entity.js';
import type { ServiceRecordsRepository } from './service-records.repository.js';
import { ServiceRecordsService } from './service-records.service.js';
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
const openCase = { id: 'case-1', organisationId: 'org-1', status: 'Active' } as CaseEntity;
const request = { type: 'medical' as const, deliveredOn: '2026-01-10', outcome: 'completed' as const };

describe('ServiceRecordsService', () => {
  const encryption = new EnvelopeEncryption(randomBytes(32));
  const { wrappedKey } = encryption.newDataKey('case-1');
  let records: Mocked<Pick<ServiceRecordsRepository, 'listForCase' | 'findInCase' | 'insert'>>;
  let cases: Mocked<Pick<CaseAccess, 'findForAction' | 'findOpenForUpdate'> & Pick<CaseHistory, 'recordChanges'>>;
  let organisations: Mocked<Pick<OrganisationsService, 'get'>>;
  let audit: Mocked<Pick<AuditService, 'record'>>;
  let gate: Mocked<Pick<ReturnGate, 'assertMayProceed'>>;
  let findKey: jest.Mock<() => Promise<unknown>>;
  let service: ServiceRecordsService;
  let inserted: ServiceRecordEntity | undefined;

  beforeEach(() => {
    inserted = undefined;
    records = {
      listForCase: jest.fn(async () => []),
      findInCase: jest.fn(async () => inserted ?? null),
      insert: jest.fn(async (values: Parameters<ServiceRecordsRepository['insert']>[0]) => {
        inserted = { referralId: null, ...values, id: 'service-1', recordedAt: new Date() };
        return 'service-1';
      }),
    } as never;
    cases = {
      findForAction: jest.fn(async () => openCase),
      findOpenForUpdate: jest.fn(async () => openCase),
      recordChanges: jest.fn(async () => undefined),
    } as never;
    organisations = { get: jest.fn(async () => ({ id: 'clinic-id', name: 'Clinic' }) as OrganisationEntity) } as never;
    audit = { record: jest.fn(async () => undefined) } as never;
    gate = { assertMayProceed: jest.fn(async () => undefined) } as never;
    findKey = jest.fn(async () => ({ caseId: 'case-1', wrappedKey, createdAt: new Date() }));
    const vault = new CaseVault({ findKey } as unknown as CasesRepository, encryption, transactionHostForTests());
    service = new ServiceRecordsService(
      records as unknown as ServiceRecordsRepository,
      cases as unknown as CaseAccess,
      cases as unknown as CaseHistory,
      organisations as unknown as OrganisationsService,
      vault,
      audit as unknown as AuditService,
      gate as unknown as ReturnGate,
      transactionHostForTests(),
    );
  });

  it('records the service with sealed notes, coded history and an audit event', async () => {
    const result = await service.record(caller, 'case-1', {
      ...request,
      providerOrganisationId: 'clinic-id',
      notes: 'Stitches at Hollowmere clinic',
    });
    const values = records.insert.mock.calls[0]![0];
    expect(values).toMatchObject({
      caseId: 'case-1',
      type: 'medical',
      outcome: 'completed',
      providerOrganisationId: 'clinic-id',
      recordedBy: 'caseworker-id',
    });
    expect(values.sealedNotes!.toString('latin1')).not.toContain('Hollowmere');
    expect(result.notes).toBe('Stitches at Hollowmere clinic');
    expect(cases.recordChanges).toHaveBeenCalledWith(caller, 'case-1', [
      { section: 'service', action: 'recorded', field: 'medical', newValue: 'completed' },
    ]);
    expect(audit.record).toHaveBeenCalledWith(
      caller,
      expect.objectContaining({ action: 'service.recorded', subject: expect.objectContaining({ id: 'case-1' }) }),
    );
  });

  it('refuses an unknown provider organisation, naming the field, and writes nothing', async () => {
    organisations.get.mockRejectedValue(new NotFoundError());
    await expect(
      service.record(caller, 'case-1', { ...request, providerOrganisationId: 'nowhere' }),
    ).rejects.toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ field: 'providerOrganisationId' })],
    });
    await expect(
      service.record(caller, 'case-1', { ...request, providerOrganisationId: 'nowhere' }),
    ).rejects.toBeInstanceOf(BadRequestError);
    expect(records.insert).not.toHaveBeenCalled();
    expect(audit.record).not.toHaveBeenCalled();
  });

  it('passes every service through the return gate in its transaction, and writes nothing when the gate refuses', async () => {
    await service.record(caller, 'case-1', { ...request, type: 'return' });
    expect(gate.assertMayProceed).toHaveBeenCalledWith(
      expect.objectContaining({
        caseId: 'case-1',
        subject: expect.objectContaining({ services: ['return'] }),
        audience: 'sender',
      }),
    );
    records.insert.mockClear();
    gate.assertMayProceed.mockRejectedValue(new ConflictError('Return not allowed'));
    await expect(service.record(caller, 'case-1', { ...request, type: 'return' })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(records.insert).not.toHaveBeenCalled();
  });

  it('writes nothing on a closed case', async () => {
    cases.findOpenForUpdate.mockRejectedValue(new ConflictError('closed'));
    await expect(service.record(caller, 'case-1', request)).rejects.toBeInstanceOf(ConflictError);
    expect(records.insert).not.toHaveBeenCalled();
  });

  it('lists in the caller’s read scope, and needs no key when no record has notes', async () => {
    records.listForCase.mockResolvedValue([
      {
        referralId: null,
        ...request,
        id: 's-1',
        caseId: 'case-1',
        providerOrganisationId: null,
        sealedNotes: null,
        recordedBy: 'u',
        recordedAt: new Date(),
      },
    ]);
    const result = await service.list(caller, 'case-1');
    expect(cases.findForAction).toHaveBeenCalledWith(caller, 'case-1', 'read');
    expect(result.items).toEqual([expect.objectContaining({ id: 's-1', providerOrganisation: null, notes: null })]);
    expect(findKey).not.toHaveBeenCalled();
  });
});
