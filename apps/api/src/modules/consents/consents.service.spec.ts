import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { defineAbilityFor } from '@haven/access';
import { type Mocked } from '@haven/testing';
import type { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../core/errors/problem.js';
import type { CaseEntity } from '../cases/case.entity.js';
import type { CaseDataContributor, CaseDataContributors } from '../cases/case-data-contributor.js';
import type { CaseAccess } from '../cases/kernel/case-access.service.js';
import type { CaseHistory } from '../cases/kernel/case-history.service.js';
import { CaseRecordNames } from '../cases/kernel/case-record-names.service.js';
import type { CaseVault } from '../cases/kernel/case-vault.service.js';
import type { OrganisationEntity } from '../../core/organisations/organisation.entity.js';
import type { OrganisationsService } from '../../core/organisations/organisations.service.js';
import type { ChildrenService } from '../children/children.service.js';
import type { ConsentEntity } from './consent.entity.js';
import type { ConsentsRepository } from './consents.repository.js';
import { ConsentsService } from './consents.service.js';
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
const openCase = { id: 'case-1', organisationId: 'org-1', assigneeId: 'caseworker-id', status: 'Active' } as CaseEntity;

function storedConsent(overrides: Partial<ConsentEntity> = {}): ConsentEntity {
  return {
    id: 'consent-1',
    caseId: 'case-1',
    purpose: 'assistance',
    recipientOrganisationId: null,
    givenOn: '2026-01-10',
    method: 'verbal',
    interpreterUsed: true,
    interpreterLanguage: 'ti',
    sealedInterpreterName: null,
    recordedBy: 'caseworker-id',
    recordedAt: new Date('2026-01-10T10:00:00Z'),
    withdrawnOn: null,
    withdrawnBy: null,
    childAssent: null,
    assentExplainedForAge: null,
    ...overrides,
  };
}

/** Seals by prefixing, so a test can tell a sealed name from a clear one and open it again. */
const vault = {
  sealerFor: async () => ({
    seal: (purpose: string, text: string) => Buffer.from(`sealed:${purpose}:${text}`),
    openOrNull: (purpose: string, sealed: Buffer | null) =>
      sealed ? sealed.toString().replace(`sealed:${purpose}:`, '') : null,
  }),
} as unknown as CaseVault;

describe('ConsentsService', () => {
  let consents: Mocked<
    Pick<
      ConsentsRepository,
      'listForCase' | 'findInCase' | 'existsActive' | 'existsAllowing' | 'lockCase' | 'insert' | 'withdrawIfActive'
    >
  >;
  let children: Mocked<Pick<ChildrenService, 'basis'>>;
  let cases: Mocked<Pick<CaseAccess, 'findForAction' | 'findOpenForUpdate'> & Pick<CaseHistory, 'recordChanges'>>;
  let organisations: Mocked<Pick<OrganisationsService, 'get'>>;
  let audit: Mocked<Pick<AuditService, 'record'>>;
  let sharingFeature: Mocked<Required<Pick<CaseDataContributor, 'onConsentWithdrawn'>>>;
  let service: ConsentsService;

  beforeEach(() => {
    consents = {
      listForCase: jest.fn(async () => []),
      findInCase: jest.fn(async () => storedConsent()),
      existsActive: jest.fn(async () => false),
      existsAllowing: jest.fn(async () => false),
      lockCase: jest.fn(async () => undefined),
      insert: jest.fn(async () => 'consent-1'),
      withdrawIfActive: jest.fn(async () => true),
    } as never;
    cases = {
      findForAction: jest.fn(async () => openCase),
      findOpenForUpdate: jest.fn(async () => openCase),
      recordChanges: jest.fn(async () => undefined),
    } as never;
    organisations = { get: jest.fn(async () => ({ id: 'clinic-id', name: 'Clinic' }) as OrganisationEntity) } as never;
    audit = { record: jest.fn(async () => undefined) } as never;
    children = { basis: jest.fn(async () => null) } as never;
    sharingFeature = { onConsentWithdrawn: jest.fn(async () => undefined) } as never;
    const contributors = {
      all: () => [{ feature: 'exports-only' }, { feature: 'shares', ...sharingFeature }],
    } as unknown as CaseDataContributors;
    service = new ConsentsService(
      consents as unknown as ConsentsRepository,
      cases as unknown as CaseAccess,
      cases as unknown as CaseHistory,
      vault,
      organisations as unknown as OrganisationsService,
      audit as unknown as AuditService,
      contributors,
      transactionHostForTests(),
      children as unknown as ChildrenService,
      new CaseRecordNames(audit as unknown as AuditService),
    );
  });

  describe('list', () => {
    it('checks the case is readable before reading consents', async () => {
      cases.findForAction.mockRejectedValue(new NotFoundError());
      await expect(service.list(caller, 'case-1')).rejects.toBeInstanceOf(NotFoundError);
      expect(cases.findForAction).toHaveBeenCalledWith(caller, 'case-1', 'read');
      expect(consents.listForCase).not.toHaveBeenCalled();
    });
  });

  describe('record', () => {
    const request = {
      purpose: 'assistance' as const,
      givenOn: '2026-01-10',
      method: 'verbal' as const,
      interpreterUsed: true,
    };

    it('records, writes coded history and audits, all in the case transaction', async () => {
      const result = await service.record(caller, 'case-1', request);
      expect(result).toMatchObject({
        id: 'consent-1',
        purpose: 'assistance',
        recipientOrganisation: null,
        withdrawnOn: null,
      });
      expect(cases.findOpenForUpdate).toHaveBeenCalledWith(caller, 'case-1');
      expect(consents.insert).toHaveBeenCalledWith(
        expect.objectContaining({
          caseId: 'case-1',
          purpose: 'assistance',
          recipientOrganisationId: null,
          recordedBy: 'caseworker-id',
        }),
      );
      expect(cases.recordChanges).toHaveBeenCalledWith(caller, 'case-1', [
        { section: 'consent', action: 'recorded', field: 'assistance', newValue: 'granted' },
      ]);
      expect(audit.record).toHaveBeenCalledWith(
        caller,
        expect.objectContaining({
          action: 'consent.recorded',
          subject: { type: 'Case', id: 'case-1', organisationId: 'org-1' },
        }),
      );
    });

    it('records the language interpreted and seals the interpreter’s name under the case key', async () => {
      consents.findInCase.mockImplementation(async () =>
        storedConsent({ sealedInterpreterName: consents.insert.mock.calls[0]![0].sealedInterpreterName }),
      );
      const result = await service.record(caller, 'case-1', {
        ...request,
        interpreterLanguage: 'ti',
        interpreterName: 'Selam Interpreter',
      });
      const written = consents.insert.mock.calls[0]![0];
      expect(written.interpreterLanguage).toBe('ti');
      expect(written.sealedInterpreterName?.toString()).toBe('sealed:consent-interpreter-name:Selam Interpreter');
      expect(result).toMatchObject({ interpreterLanguage: 'ti', interpreterName: 'Selam Interpreter' });
    });

    it('writes nothing on a case out of scope or closed', async () => {
      cases.findOpenForUpdate.mockRejectedValue(new ConflictError('closed'));
      await expect(service.record(caller, 'case-1', request)).rejects.toBeInstanceOf(ConflictError);
      expect(consents.insert).not.toHaveBeenCalled();
      expect(audit.record).not.toHaveBeenCalled();
    });

    it('refuses a recipient organisation that does not exist, naming the field', async () => {
      organisations.get.mockRejectedValue(new NotFoundError());
      const refused = service.record(caller, 'case-1', {
        ...request,
        purpose: 'referral',
        recipientOrganisationId: 'nowhere',
      });
      await expect(refused).rejects.toBeInstanceOf(BadRequestError);
      await expect(refused).rejects.toMatchObject({
        errors: [{ field: 'recipientOrganisationId', message: expect.any(String) }],
      });
      expect(consents.insert).not.toHaveBeenCalled();
    });

    it('refuses a second standing consent for the same purpose and recipient', async () => {
      consents.existsActive.mockResolvedValue(true);
      await expect(
        service.record(caller, 'case-1', { ...request, purpose: 'referral', recipientOrganisationId: 'clinic-id' }),
      ).rejects.toBeInstanceOf(ConflictError);
      expect(consents.lockCase).toHaveBeenCalledWith('case-1');
      expect(consents.existsActive).toHaveBeenCalledWith('case-1', 'referral', 'clinic-id');
      expect(consents.insert).not.toHaveBeenCalled();
    });
  });

  describe('withdraw', () => {
    it('withdraws a standing consent, with coded history and an audit event', async () => {
      consents.findInCase
        .mockResolvedValueOnce(storedConsent())
        .mockResolvedValueOnce(storedConsent({ withdrawnOn: '2026-02-01', withdrawnBy: 'caseworker-id' }));
      const result = await service.withdraw(caller, 'case-1', 'consent-1', { withdrawnOn: '2026-02-01' });
      expect(result).toMatchObject({ withdrawnOn: '2026-02-01', withdrawnBy: { id: 'caseworker-id' } });
      expect(consents.withdrawIfActive).toHaveBeenCalledWith('consent-1', '2026-02-01', 'caseworker-id');
      expect(cases.recordChanges).toHaveBeenCalledWith(caller, 'case-1', [
        { section: 'consent', action: 'withdrawn', field: 'assistance', oldValue: 'granted', newValue: 'withdrawn' },
      ]);
      expect(audit.record).toHaveBeenCalledWith(caller, expect.objectContaining({ action: 'consent.withdrawn' }));
      // The features that shared on it hear of it in the same transaction.
      expect(sharingFeature.onConsentWithdrawn).toHaveBeenCalledWith(caller, {
        caseId: 'case-1',
        purpose: 'assistance',
        recipientOrganisationId: null,
      });
    });

    it('answers 404 for a consent that is not on this case', async () => {
      consents.findInCase.mockResolvedValue(null);
      await expect(
        service.withdraw(caller, 'case-1', 'consent-9', { withdrawnOn: '2026-02-01' }),
      ).rejects.toBeInstanceOf(NotFoundError);
      expect(consents.findInCase).toHaveBeenCalledWith('case-1', 'consent-9');
      expect(consents.withdrawIfActive).not.toHaveBeenCalled();
    });

    it('answers 409 when already withdrawn, also when someone else withdrew it a moment ago', async () => {
      consents.findInCase.mockResolvedValue(storedConsent({ withdrawnOn: '2026-01-20', withdrawnBy: 'someone' }));
      await expect(
        service.withdraw(caller, 'case-1', 'consent-1', { withdrawnOn: '2026-02-01' }),
      ).rejects.toBeInstanceOf(ConflictError);
      consents.findInCase.mockResolvedValue(storedConsent());
      consents.withdrawIfActive.mockResolvedValue(false);
      await expect(
        service.withdraw(caller, 'case-1', 'consent-1', { withdrawnOn: '2026-02-01' }),
      ).rejects.toBeInstanceOf(ConflictError);
      expect(cases.recordChanges).not.toHaveBeenCalled();
      expect(audit.record).not.toHaveBeenCalled();
    });

    it('refuses a withdrawal dated before the consent was given', async () => {
      await expect(
        service.withdraw(caller, 'case-1', 'consent-1', { withdrawnOn: '2026-01-09' }),
      ).rejects.toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'withdrawnOn' })] });
      expect(consents.withdrawIfActive).not.toHaveBeenCalled();
    });
  });

  describe('hasActiveConsent', () => {
    it('asks about the named recipient when given, and any recipient otherwise, counting only consents that allow sharing', async () => {
      consents.existsAllowing.mockResolvedValue(true);
      expect(await service.hasActiveConsent('case-1', 'referral', 'clinic-id')).toBe(true);
      expect(consents.existsAllowing).toHaveBeenLastCalledWith('case-1', 'referral', 'clinic-id');
      await service.hasActiveConsent('case-1', 'statistics');
      expect(consents.existsAllowing).toHaveBeenLastCalledWith('case-1', 'statistics', null);
    });
  });

  describe('the child’s assent', () => {
    const request = {
      purpose: 'assistance' as const,
      givenOn: '2026-01-10',
      method: 'verbal' as const,
      interpreterUsed: false,
    };

    it('is required on a child case, refused on an adult’s, and recorded beside the consent with its history', async () => {
      children.basis.mockResolvedValue('registeredAge');
      await expect(service.record(caller, 'case-1', request)).rejects.toMatchObject({
        status: 400,
        errors: [expect.objectContaining({ field: 'childAssent' })],
      });
      await service.record(caller, 'case-1', { ...request, childAssent: { assent: 'refused', explainedForAge: true } });
      expect(consents.insert).toHaveBeenCalledWith(
        expect.objectContaining({ childAssent: 'refused', assentExplainedForAge: true }),
      );
      expect(cases.recordChanges).toHaveBeenCalledWith(caller, 'case-1', [
        expect.objectContaining({ section: 'consent', action: 'recorded' }),
        expect.objectContaining({ section: 'consent', action: 'assent', newValue: 'refused' }),
      ]);
      children.basis.mockResolvedValue(null);
      await expect(
        service.record(caller, 'case-1', { ...request, childAssent: { assent: 'given', explainedForAge: true } }),
      ).rejects.toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'childAssent' })] });
    });
  });
});
