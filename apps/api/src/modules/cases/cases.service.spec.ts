import { registerCaseRequestSchema } from '@haven/contracts';
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { callerFor, type Mocked } from '@haven/testing';
import type { AuditService } from '../../core/audit/audit.service.js';
import { EnvelopeEncryption } from '../../core/crypto/envelope-encryption.js';
import { BadRequestError, NotFoundError } from '../../core/errors/problem.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import type { UsersService } from '../../core/users/users.service.js';
import type { CaseEntity } from './case.entity.js';
import type { CasesRepository } from './cases.repository.js';
import { CaseAnonymisedError } from './case-anonymisation.js';
import { CaseAccess } from './kernel/case-access.service.js';
import { CaseNames } from './kernel/case-names.service.js';
import { CaseVault } from './kernel/case-vault.service.js';
import { CasesService } from './cases.service.js';
import type { CaseOverviewReadModel } from './read-models/case-overview.read-model.js';
import { transactionHostForTests } from '../../core/database/transaction-host.testing.js';

const storedCase = { id: 'case-1', organisationId: 'org-1', sex: 'Feminine', nationality: 'NG' } as CaseEntity;

describe('CasesService', () => {
  const encryption = new EnvelopeEncryption(randomBytes(32));
  let cases: Mocked<Pick<CasesRepository, 'findInScope' | 'findKey' | 'findIdentity' | 'registrationContext'>>;
  let notifications: Mocked<Pick<NotificationsService, 'notifyIdentityViewed'>>;
  let audit: Mocked<Pick<AuditService, 'record'>>;
  let users: Mocked<Pick<UsersService, 'findAssignable'>>;
  let service: CasesService;

  beforeEach(() => {
    cases = {
      findInScope: jest.fn(),
      findKey: jest.fn(),
      findIdentity: jest.fn(),
      registrationContext: jest.fn(async () => ({ organisationName: 'Org', possibleDuplicates: [] })),
    } as never;
    notifications = { notifyIdentityViewed: jest.fn(async () => undefined) } as never;
    audit = { record: jest.fn(async () => undefined) } as never;
    users = { findAssignable: jest.fn() } as never;
    const vault = new CaseVault(cases as unknown as CasesRepository, encryption, transactionHostForTests());
    service = new CasesService(
      cases as unknown as CasesRepository,
      users as unknown as UsersService,
      encryption,
      audit as unknown as AuditService,
      vault,
      new CaseAccess(cases as unknown as CasesRepository, vault),
      notifications as unknown as NotificationsService,
      {} as CaseOverviewReadModel,
      new CaseNames(
        cases as unknown as CasesRepository,
        encryption,
        audit as unknown as AuditService,
        transactionHostForTests(),
      ),
      { duplicateChecksPerHour: 30 },
      transactionHostForTests(),
    );
  });

  describe('readIdentity', () => {
    it('asks the repository with the caller’s identity scope', async () => {
      cases.findInScope.mockResolvedValue(null);
      await expect(service.readIdentity(callerFor('caseworker'), 'case-1')).rejects.toBeInstanceOf(NotFoundError);
      expect(cases.findInScope).toHaveBeenCalledWith('case-1', [
        { organisationId: 'org-1', assigneeId: 'caseworker-id' },
      ]);
      expect(audit.record).not.toHaveBeenCalled();
    });

    it('audits the read, then decrypts', async () => {
      const { dataKey, wrappedKey } = encryption.newDataKey('case-1');
      const sealedPayload = encryption.sealJson(
        dataKey,
        { givenName: 'Synthetic', familyName: '', dateOfBirth: null, estimatedAge: 30 },
        'survivor-identity:case-1',
      );
      cases.findInScope.mockResolvedValue(storedCase);
      cases.findKey.mockResolvedValue({ caseId: 'case-1', wrappedKey, createdAt: new Date() });
      cases.findIdentity.mockResolvedValue({
        caseId: 'case-1',
        duplicateKey: null,
        nameIndexVersion: 1,
        sealedPayload,
        createdAt: new Date(),
        updatedAt: new Date(),
      });
      const identity = await service.readIdentity(callerFor('supervisor'), 'case-1');
      expect(identity).toMatchObject({ givenName: 'Synthetic', estimatedAge: 30, sex: 'Feminine' });
      expect(audit.record).toHaveBeenCalledWith(
        expect.anything(),
        expect.objectContaining({ action: 'case.identity.read', subject: expect.objectContaining({ id: 'case-1' }) }),
      );
    });

    it('answers that the case is anonymised once the key is destroyed (crypto-shredding), and records no read', async () => {
      cases.findInScope.mockResolvedValue(storedCase);
      cases.findKey.mockResolvedValue(null);
      cases.findIdentity.mockResolvedValue(null);
      await expect(service.readIdentity(callerFor('supervisor'), 'case-1')).rejects.toBeInstanceOf(CaseAnonymisedError);
      expect(audit.record).not.toHaveBeenCalled();
    });

    it('does not reveal the identity when the audit write fails', async () => {
      const { wrappedKey, dataKey } = encryption.newDataKey('case-1');
      cases.findInScope.mockResolvedValue(storedCase);
      cases.findKey.mockResolvedValue({ caseId: 'case-1', wrappedKey, createdAt: new Date() });
      cases.findIdentity.mockResolvedValue({
        caseId: 'case-1',
        duplicateKey: null,
        nameIndexVersion: 1,
        sealedPayload: encryption.sealJson(dataKey, {}, 'survivor-identity:case-1'),
        createdAt: new Date(),
        updatedAt: new Date(),
      });
      audit.record.mockRejectedValue(new Error('database down'));
      await expect(service.readIdentity(callerFor('supervisor'), 'case-1')).rejects.toThrow('database down');
    });

    function storedIdentity() {
      const { dataKey, wrappedKey } = encryption.newDataKey('case-1');
      cases.findKey.mockResolvedValue({ caseId: 'case-1', wrappedKey, createdAt: new Date() });
      cases.findIdentity.mockResolvedValue({
        caseId: 'case-1',
        duplicateKey: null,
        nameIndexVersion: 1,
        sealedPayload: encryption.sealJson(dataKey, { givenName: 'Synthetic' }, 'survivor-identity:case-1'),
        createdAt: new Date(),
        updatedAt: new Date(),
      });
    }

    it('alerts the other supervisors when someone outside the assignment reads the identity, and records why', async () => {
      storedIdentity();
      cases.findInScope.mockResolvedValue({ ...storedCase, assigneeId: 'caseworker-id', team: null } as CaseEntity);
      await service.readIdentity(callerFor('supervisor'), 'case-1');
      expect(audit.record).toHaveBeenCalledWith(
        expect.anything(),
        expect.objectContaining({ action: 'case.identity.read', reason: 'outside-assignment' }),
      );
      expect(notifications.notifyIdentityViewed).toHaveBeenCalledWith('org-1', 'case-1', 'supervisor-id');
    });

    it('does not alert when the assignee reads the identity', async () => {
      storedIdentity();
      cases.findInScope.mockResolvedValue({ ...storedCase, assigneeId: 'caseworker-id', team: null } as CaseEntity);
      await service.readIdentity(callerFor('caseworker'), 'case-1');
      expect(audit.record).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ reason: 'assignee' }));
      expect(notifications.notifyIdentityViewed).not.toHaveBeenCalled();
    });

    it('does not alert when a member of the case’s team reads it', async () => {
      storedIdentity();
      cases.findInScope.mockResolvedValue({ ...storedCase, assigneeId: 'someone-else', team: 'night' } as CaseEntity);
      const caller = callerFor('supervisor');
      await service.readIdentity({ ...caller, actor: { ...caller.actor, team: 'night' } }, 'case-1');
      expect(audit.record).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ reason: 'team' }));
      expect(notifications.notifyIdentityViewed).not.toHaveBeenCalled();
    });
  });

  describe('register', () => {
    it('refuses a caseworker registering into someone else’s caseload', async () => {
      await expect(
        service.register(
          callerFor('caseworker'),
          registerCaseRequestSchema.parse({
            givenName: 'A',
            familyName: '',
            sex: 'Feminine',
            nationality: 'NG',
            riskLevel: 'low',
            exploitationTypes: [],
            estimatedAge: 20,
            assigneeId: '7f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e',
          }),
        ),
      ).rejects.toBeInstanceOf(BadRequestError);
      expect(users.findAssignable).not.toHaveBeenCalled();
    });
  });
});
