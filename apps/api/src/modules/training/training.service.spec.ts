import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { callerFor, type Mocked } from '@haven/testing';
import type { AuditService } from '../../core/audit/audit.service.js';
import { BadRequestError, NotFoundError } from '../../core/errors/problem.js';
import type { CaseEntity } from '../cases/case.entity.js';
import type { CaseAccess } from '../cases/kernel/case-access.service.js';
import type { CaseVault } from '../cases/kernel/case-vault.service.js';
import type { CaseHistory } from '../cases/kernel/case-history.service.js';
import type { OrganisationsService } from '../../core/organisations/organisations.service.js';
import type { EnrolmentEntity } from './enrolment.entity.js';
import type { TrainingProgrammeEntity } from './training-programme.entity.js';
import type { TrainingRepository } from './training.repository.js';
import { TrainingService } from './training.service.js';
import { transactionHostForTests } from '../../core/database/transaction-host.testing.js';

const openCase = { id: 'case-1', organisationId: 'org-1', status: 'Active' } as CaseEntity;
const programme = {
  id: 'programme-1',
  ownerOrganisationId: 'org-1',
  providerOrganisationId: 'clinic',
  trade: 'Tailoring',
  place: 'Centre',
  startsOn: '2026-01-01',
  endsOn: '2099-01-01',
  seats: 2,
  language: 'en',
  version: 1,
} as TrainingProgrammeEntity;
const enrolmentOf = (overrides: Partial<EnrolmentEntity> = {}) =>
  ({
    id: 'enrolment-1',
    programmeId: 'programme-1',
    caseId: 'case-1',
    status: 'enrolled',
    dropoutReason: null,
    sessionsAttended: 0,
    sessionsTotal: null,
    certificateObtained: false,
    outcome: null,
    outcomeRecordedOn: null,
    waitlistedAt: null,
    enrolledAt: new Date(),
    completedAt: null,
    createdAt: new Date(),
    version: 1,
    programme: { ...programme, providerOrganisation: { name: 'Clinic' } },
    ...overrides,
  }) as EnrolmentEntity;

describe('TrainingService', () => {
  let training: Mocked<
    Pick<
      TrainingRepository,
      | 'lockInScope'
      | 'findInScope'
      | 'seatCounts'
      | 'insertEnrolment'
      | 'findCaseEnrolment'
      | 'waitingIds'
      | 'findEnrolment'
      | 'updateEnrolmentIfVersion'
      | 'oldestWaiting'
      | 'promote'
    >
  >;
  let cases: Mocked<Pick<CaseAccess, 'findForAction' | 'findOpenForUpdate'> & Pick<CaseHistory, 'recordChanges'>>;
  let audit: Mocked<Pick<AuditService, 'record'>>;
  let service: TrainingService;

  beforeEach(() => {
    training = {
      lockInScope: jest.fn(async () => programme),
      findInScope: jest.fn(async () => programme),
      seatCounts: jest.fn(async () => new Map([['programme-1', { seatsTaken: 1, waiting: 0 }]])),
      insertEnrolment: jest.fn(async () => 'enrolment-1'),
      findCaseEnrolment: jest.fn(async () => enrolmentOf()),
      waitingIds: jest.fn(async () => []),
      findEnrolment: jest.fn(async () => ({ enrolment: enrolmentOf(), caseReference: 'HV-TEST-0001' })),
      updateEnrolmentIfVersion: jest.fn(async () => true),
      oldestWaiting: jest.fn(async () => null),
      promote: jest.fn(async () => undefined),
      recordsFor: jest.fn(async (ids: string[]) => new Map(ids.map((id) => [id, { attendance: [], followUps: [] }]))),
      hasAttendance: jest.fn(async () => false),
    } as never;
    cases = {
      findForAction: jest.fn(async () => openCase),
      findOpenForUpdate: jest.fn(async () => openCase),
      recordChanges: jest.fn(async () => undefined),
    } as never;
    audit = { record: jest.fn(async () => undefined) } as never;
    service = new TrainingService(
      training as unknown as TrainingRepository,
      cases as unknown as CaseAccess,
      cases as unknown as CaseHistory,
      {} as OrganisationsService,
      audit as unknown as AuditService,
      transactionHostForTests(),
      // No follow-up here has a note, so the case's key is never asked for.
      {} as CaseVault,
    );
  });

  describe('enrol', () => {
    it('locks the programme in the caller’s scope, and enrols while a seat is free', async () => {
      await service.enrol(callerFor('caseworker'), 'case-1', { programmeId: 'programme-1' });
      expect(training.lockInScope).toHaveBeenCalledWith('programme-1', [{ ownerOrganisationId: 'org-1' }]);
      expect(training.insertEnrolment).toHaveBeenCalledWith(
        expect.objectContaining({ status: 'enrolled', waitlistedAt: null, enrolledAt: expect.any(Date) }),
      );
    });

    it('puts the case on the waiting list when the programme is full', async () => {
      training.seatCounts.mockResolvedValue(new Map([['programme-1', { seatsTaken: 2, waiting: 3 }]]));
      await service.enrol(callerFor('caseworker'), 'case-1', { programmeId: 'programme-1' });
      expect(training.insertEnrolment).toHaveBeenCalledWith(
        expect.objectContaining({ status: 'waitingList', waitlistedAt: expect.any(Date), enrolledAt: null }),
      );
      expect(cases.recordChanges).toHaveBeenCalledWith(expect.anything(), 'case-1', [
        { section: 'training', action: 'waitlisted', field: 'programme', newValue: 'Tailoring' },
      ]);
    });

    it('refuses a programme outside scope as a field error and a second enrolment with 409', async () => {
      training.lockInScope.mockResolvedValueOnce(null);
      await expect(
        service.enrol(callerFor('caseworker'), 'case-1', { programmeId: 'programme-9' }),
      ).rejects.toMatchObject({ status: 400, errors: [{ field: 'programmeId' }] });
      training.insertEnrolment.mockResolvedValueOnce(null);
      await expect(
        service.enrol(callerFor('caseworker'), 'case-1', { programmeId: 'programme-1' }),
      ).rejects.toMatchObject({ status: 409 });
    });
  });

  describe('updateEnrolment', () => {
    it('gives the seat freed by a dropout to the longest-waiting, in the same transaction', async () => {
      training.seatCounts.mockResolvedValue(new Map([['programme-1', { seatsTaken: 1, waiting: 1 }]]));
      training.oldestWaiting.mockResolvedValueOnce({
        enrolment: enrolmentOf({ id: 'enrolment-2', caseId: 'case-2', status: 'waitingList' }),
        caseReference: 'HV-TEST-0002',
      });
      await service.updateEnrolment(callerFor('supervisor'), 'programme-1', 'enrolment-1', {
        version: 1,
        status: 'droppedOut',
        dropoutReason: 'health',
      });
      expect(training.updateEnrolmentIfVersion).toHaveBeenCalledWith('enrolment-1', 1, {
        status: 'droppedOut',
        dropoutReason: 'health',
      });
      expect(training.promote).toHaveBeenCalledWith('enrolment-2');
      expect(training.promote).toHaveBeenCalledTimes(1);
      expect(audit.record).toHaveBeenCalledWith(
        expect.anything(),
        expect.objectContaining({ action: 'enrolment.promoted', subject: expect.objectContaining({ id: 'case-2' }) }),
      );
    });

    it('does not promote when someone leaves the waiting list', async () => {
      training.findEnrolment.mockResolvedValue({
        enrolment: enrolmentOf({ status: 'waitingList' }),
        caseReference: 'HV-TEST-0001',
      });
      await service.updateEnrolment(callerFor('supervisor'), 'programme-1', 'enrolment-1', {
        version: 1,
        status: 'droppedOut',
        dropoutReason: 'relocated',
      });
      expect(training.oldestWaiting).not.toHaveBeenCalled();
    });

    it('lets the provider record attendance and completion only, without case ids, and never asks for the case', async () => {
      const partner = callerFor('partner', 'clinic');
      const result = await service.updateEnrolment(partner, 'programme-1', 'enrolment-1', {
        version: 1,
        status: 'attending',
        sessionsAttended: 3,
      });
      expect(training.lockInScope).toHaveBeenCalledWith('programme-1', [{ providerOrganisationId: 'clinic' }]);
      expect(cases.findOpenForUpdate).not.toHaveBeenCalled();
      expect(result).not.toHaveProperty('caseId');
      await expect(
        service.updateEnrolment(partner, 'programme-1', 'enrolment-1', { version: 1, outcome: 'employed' }),
      ).rejects.toMatchObject({ errors: [{ field: 'outcome' }] });
      await expect(
        service.updateEnrolment(partner, 'programme-1', 'enrolment-1', {
          version: 1,
          status: 'droppedOut',
          dropoutReason: 'health',
        }),
      ).rejects.toBeInstanceOf(BadRequestError);
    });

    it('answers 404 for an enrolment outside the programme, and checks the case of its own organisation', async () => {
      training.findEnrolment.mockResolvedValueOnce(null);
      await expect(
        service.updateEnrolment(callerFor('supervisor'), 'programme-1', 'enrolment-9', {
          version: 1,
          sessionsAttended: 1,
        }),
      ).rejects.toBeInstanceOf(NotFoundError);
      await service.updateEnrolment(callerFor('supervisor'), 'programme-1', 'enrolment-1', {
        version: 1,
        sessionsAttended: 1,
      });
      expect(cases.findOpenForUpdate).toHaveBeenCalledWith(expect.anything(), 'case-1');
    });

    it('refuses impossible moves and mismatched fields before writing', async () => {
      training.findEnrolment.mockResolvedValue({
        enrolment: enrolmentOf({ status: 'completed', version: 4 }),
        caseReference: 'HV-TEST-0001',
      });
      const supervisor = callerFor('supervisor');
      await expect(
        service.updateEnrolment(supervisor, 'programme-1', 'enrolment-1', { version: 3, sessionsAttended: 1 }),
      ).rejects.toMatchObject({ status: 409, extra: { currentVersion: 4 } });
      await expect(
        service.updateEnrolment(supervisor, 'programme-1', 'enrolment-1', { version: 4, status: 'attending' }),
      ).rejects.toMatchObject({ status: 409 });
      training.findEnrolment.mockResolvedValue({
        enrolment: enrolmentOf({ status: 'attending' }),
        caseReference: 'HV-TEST-0001',
      });
      await expect(
        service.updateEnrolment(supervisor, 'programme-1', 'enrolment-1', { version: 1, certificateObtained: true }),
      ).rejects.toMatchObject({ errors: [{ field: 'certificateObtained' }] });
      await expect(
        service.updateEnrolment(supervisor, 'programme-1', 'enrolment-1', { version: 1, outcome: 'employed' }),
      ).rejects.toMatchObject({ errors: [{ field: 'outcome' }] });
      expect(training.updateEnrolmentIfVersion).not.toHaveBeenCalled();
    });
  });
});
