import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { callerFor, type Mocked } from '@haven/testing';
import type { AuditService } from '../../core/audit/audit.service.js';
import { EnvelopeEncryption } from '../../core/crypto/envelope-encryption.js';
import { BadRequestError, ConflictError } from '../../core/errors/problem.js';
import type { CaseEntity } from '../cases/case.entity.js';
import { CaseVault } from '../cases/kernel/case-vault.service.js';
import type { CasesRepository } from '../cases/cases.repository.js';
import type { CaseAccess } from '../cases/kernel/case-access.service.js';
import type { CaseHistory } from '../cases/kernel/case-history.service.js';
import type { PlacementEntity } from './placement.entity.js';
import { OVERRIDE_REASON, PlacementsService } from './placements.service.js';
import { ageOn, bedFit, kindFit } from './shelter-fit.js';
import type { ShelterBedEntity } from './shelter-bed.entity.js';
import type { ShelterEntity } from './shelter.entity.js';
import type { SheltersRepository } from './shelters.repository.js';
import { transactionHostForTests } from '../../core/database/transaction-host.testing.js';

const today = new Date().toISOString().slice(0, 10);
const adultWoman = {
  id: 'case-1',
  organisationId: 'org-1',
  assigneeId: 'caseworker-id',
  team: null,
  sensitive: false,
  status: 'Active',
  sex: 'Feminine',
  ageAtRegistration: 30,
  registeredAt: new Date(),
} as CaseEntity;
const shelterOf = (overrides: Partial<ShelterEntity> = {}) =>
  ({
    id: 'shelter-1',
    organisationId: 'org-1',
    name: 'House',
    kind: 'women',
    area: 'North',
    capacity: 2,
    active: true,
    version: 1,
    ...overrides,
  }) as ShelterEntity;
const bedOf = (overrides: Partial<ShelterBedEntity> = {}, room: Partial<NonNullable<ShelterBedEntity['room']>> = {}) =>
  ({
    id: 'bed-1',
    shelterId: 'shelter-1',
    roomId: 'room-1',
    label: '1',
    position: 1,
    accessible: false,
    active: true,
    room: { id: 'room-1', shelterId: 'shelter-1', name: 'Room 1', sex: 'any', ageGroup: 'any', createdAt: new Date() },
    ...overrides,
    ...(Object.keys(room).length ? { room: { ...bedOfRoom, ...room } } : {}),
  }) as ShelterBedEntity;
const bedOfRoom = {
  id: 'room-1',
  shelterId: 'shelter-1',
  name: 'Room 1',
  sex: 'any',
  ageGroup: 'any',
  createdAt: new Date(),
} as const;

describe('shelter kind fit', () => {
  const registeredAt = new Date('2024-06-15T10:00:00Z');

  it('adds the whole years since registration to the age at registration', () => {
    expect(ageOn({ ageAtRegistration: 16, registeredAt }, '2025-06-14')).toBe(16);
    expect(ageOn({ ageAtRegistration: 16, registeredAt }, '2025-06-15')).toBe(17);
    expect(ageOn({ ageAtRegistration: 16, registeredAt }, '2026-07-01')).toBe(18);
    expect(ageOn({ ageAtRegistration: null, registeredAt }, '2026-07-01')).toBeNull();
  });

  it('takes known minors in children’s shelters, adults of the right sex in women’s and men’s, anyone in family and mixed ones', () => {
    const person = (sex: CaseEntity['sex'], ageAtRegistration: number | null) => ({
      sex,
      ageAtRegistration,
      registeredAt,
    });
    expect(kindFit('children', person('Feminine', 15), '2024-07-01').fits).toBe(true);
    expect(kindFit('children', person('Feminine', 17), '2025-07-01').fits).toBe(false);
    expect(kindFit('children', person('Masculine', null), '2024-07-01')).toMatchObject({
      fits: false,
      reason: expect.stringContaining('not known'),
    });
    expect(kindFit('women', person('TransgenderFeminine', 25), '2024-07-01').fits).toBe(true);
    expect(kindFit('women', person('Masculine', 25), '2024-07-01').fits).toBe(false);
    expect(kindFit('women', person('Feminine', 16), '2024-07-01').fits).toBe(false);
    expect(kindFit('women', person('Feminine', null), '2024-07-01').fits).toBe(true);
    expect(kindFit('men', person('TransgenderMasculine', 40), '2024-07-01').fits).toBe(true);
    expect(kindFit('men', person('NonConforming', 40), '2024-07-01').fits).toBe(false);
    for (const kind of ['families', 'mixed'] as const) {
      for (const who of [person('Feminine', 5), person('Masculine', 70), person('NonSpecifiedUnknown', null)])
        expect(kindFit(kind, who, '2024-07-01').fits).toBe(true);
    }
  });
});

describe('bed fit', () => {
  const registeredAt = new Date('2024-06-15T10:00:00Z');
  const person = (sex: CaseEntity['sex'], ageAtRegistration: number | null) => ({
    sex,
    ageAtRegistration,
    registeredAt,
  });
  const bed = (sex: 'female' | 'male' | 'any', ageGroup: 'child' | 'adult' | 'any', accessible = false) => ({
    label: '2',
    accessible,
    room: { name: 'Blue room', sex, ageGroup },
  });

  it('takes the sex and age group the room serves, and an accessible bed for who needs one, naming what does not fit', () => {
    expect(bedFit(bed('female', 'adult'), person('Feminine', 30), false, '2024-07-01').fits).toBe(true);
    expect(bedFit(bed('female', 'adult'), person('Masculine', 30), false, '2024-07-01')).toEqual({
      fits: false,
      reason: 'Bed 2 in Blue room is in a room for women and girls.',
    });
    expect(bedFit(bed('male', 'any'), person('TransgenderMasculine', 12), false, '2024-07-01').fits).toBe(true);
    expect(bedFit(bed('male', 'any'), person('NonConforming', 40), false, '2024-07-01').fits).toBe(false);
    expect(bedFit(bed('any', 'child'), person('Feminine', 15), false, '2024-07-01').fits).toBe(true);
    expect(bedFit(bed('any', 'child'), person('Feminine', null), false, '2024-07-01')).toMatchObject({
      reason: expect.stringContaining('age is not known'),
    });
    expect(bedFit(bed('any', 'child'), person('Feminine', 17), false, '2025-07-01')).toMatchObject({
      reason: expect.stringContaining('is an adult (18)'),
    });
    expect(bedFit(bed('any', 'adult'), person('Masculine', 16), false, '2024-07-01')).toMatchObject({
      reason: expect.stringContaining('is a minor (16)'),
    });
    expect(bedFit(bed('any', 'adult'), person('Masculine', null), false, '2024-07-01').fits).toBe(true);
    expect(bedFit(bed('any', 'any'), person('Masculine', 40), true, '2024-07-01')).toMatchObject({
      reason: expect.stringContaining('not accessible'),
    });
    expect(bedFit(bed('any', 'any', true), person('Masculine', 40), true, '2024-07-01').fits).toBe(true);
  });
});

describe('PlacementsService', () => {
  const encryption = new EnvelopeEncryption(randomBytes(32));
  const wrappedKey = encryption.newDataKey('case-1').wrappedKey;
  const vault = new CaseVault(
    {
      findKey: async (caseId: string) => ({ caseId, wrappedKey, createdAt: new Date() }),
    } as unknown as CasesRepository,
    encryption,
    transactionHostForTests(),
  );
  let shelters: Mocked<
    Pick<
      SheltersRepository,
      | 'lockInScope'
      | 'occupied'
      | 'insertPlacement'
      | 'currentForCase'
      | 'findPlacement'
      | 'updatePlacementIfVersion'
      | 'placementsForCase'
      | 'freeBeds'
      | 'findBed'
      | 'bedOccupied'
    >
  >;
  let cases: Mocked<Pick<CaseAccess, 'findForAction' | 'findOpenForUpdate'> & Pick<CaseHistory, 'recordChanges'>>;
  let audit: Mocked<Pick<AuditService, 'record'>>;
  let service: PlacementsService;
  let stored: PlacementEntity;

  beforeEach(() => {
    stored = {
      id: 'placement-1',
      caseId: 'case-1',
      shelterId: 'shelter-1',
      shelter: shelterOf(),
      fromDate: today,
      toDate: null,
      plannedDischargeOn: null,
      exitReason: null,
      sealedOverrideReason: null,
      placedById: 'caseworker-id',
      bedId: 'bed-1',
      bed: bedOf(),
      createdAt: new Date(),
      version: 1,
    };
    shelters = {
      lockInScope: jest.fn(async () => shelterOf()),
      occupied: jest.fn(async () => 0),
      insertPlacement: jest.fn(async () => ({ id: 'placement-1' })),
      currentForCase: jest.fn(async () => null),
      findPlacement: jest.fn(async () => stored),
      updatePlacementIfVersion: jest.fn(async () => true),
      placementsForCase: jest.fn(async () => []),
      freeBeds: jest.fn(async () => [bedOf()]),
      findBed: jest.fn(async () => bedOf()),
      bedOccupied: jest.fn(async () => false),
    } as never;
    cases = {
      findForAction: jest.fn(async () => adultWoman),
      findOpenForUpdate: jest.fn(async () => adultWoman),
      recordChanges: jest.fn(async () => undefined),
    } as never;
    audit = { record: jest.fn(async () => undefined) } as never;
    service = new PlacementsService(
      shelters as unknown as SheltersRepository,
      cases as unknown as CaseAccess,
      cases as unknown as CaseHistory,
      vault,
      audit as unknown as AuditService,
      transactionHostForTests(),
    );
  });

  it('locks the shelter in the caller’s shelter scope before choosing a bed, and places in the first free one', async () => {
    const placement = await service.place(callerFor('caseworker'), 'case-1', {
      shelterId: 'shelter-1',
      fromDate: today,
    });
    expect(shelters.lockInScope).toHaveBeenCalledWith('shelter-1', [{ organisationId: 'org-1' }]);
    expect(shelters.lockInScope.mock.invocationCallOrder[0]).toBeLessThan(
      shelters.freeBeds.mock.invocationCallOrder[0]!,
    );
    expect(shelters.insertPlacement).toHaveBeenCalledWith(
      expect.objectContaining({
        caseId: 'case-1',
        shelterId: 'shelter-1',
        bedId: 'bed-1',
        sealedOverrideReason: null,
        placedById: 'caseworker-id',
      }),
    );
    expect(placement).toMatchObject({
      current: true,
      lengthOfStayDays: 0,
      kindOverride: null,
      bed: { id: 'bed-1', label: '1', room: 'Room 1' },
    });
    expect(audit.record).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ action: 'placement.created' }),
    );
  });

  it('refuses a full shelter with 409, writing nothing', async () => {
    shelters.freeBeds.mockResolvedValue([]);
    shelters.occupied.mockResolvedValue(2);
    await expect(
      service.place(callerFor('supervisor'), 'case-1', { shelterId: 'shelter-1', fromDate: today }),
    ).rejects.toMatchObject({ status: 409, extra: { capacity: 2, occupied: 2 } });
    expect(shelters.insertPlacement).not.toHaveBeenCalled();
  });

  it('answers "use move" when the case is already placed, and when the unique index catches a concurrent placement', async () => {
    shelters.currentForCase.mockResolvedValue(stored);
    await expect(
      service.place(callerFor('caseworker'), 'case-1', { shelterId: 'shelter-1', fromDate: today }),
    ).rejects.toThrow(/use move/);
    shelters.currentForCase.mockResolvedValue(null);
    shelters.insertPlacement.mockResolvedValue({ alreadyPlaced: true });
    await expect(
      service.place(callerFor('caseworker'), 'case-1', { shelterId: 'shelter-1', fromDate: today }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('skips free beds that do not fit, and answers 422 naming why when none does', async () => {
    shelters.freeBeds.mockResolvedValue([
      bedOf({ id: 'bed-m', label: '1' }, { sex: 'male' }),
      bedOf({ id: 'bed-f', label: '2' }, { sex: 'female' }),
    ]);
    await service.place(callerFor('caseworker'), 'case-1', { shelterId: 'shelter-1', fromDate: today });
    expect(shelters.insertPlacement).toHaveBeenLastCalledWith(expect.objectContaining({ bedId: 'bed-f' }));

    shelters.freeBeds.mockResolvedValue([bedOf({ id: 'bed-m' }, { sex: 'male' })]);
    await expect(
      service.place(callerFor('caseworker'), 'case-1', { shelterId: 'shelter-1', fromDate: today }),
    ).rejects.toMatchObject({
      status: 422,
      detail: expect.stringContaining('room for men and boys'),
      errors: [{ field: 'bedId' }],
    });
  });

  it('refuses a chosen bed that is taken (409) or does not fit (422); a supervisor may override a misfit with a reason', async () => {
    shelters.bedOccupied.mockResolvedValue(true);
    await expect(
      service.place(callerFor('caseworker'), 'case-1', { shelterId: 'shelter-1', bedId: 'bed-1', fromDate: today }),
    ).rejects.toMatchObject({ status: 409, detail: 'Bed 1 in Room 1 is taken. Choose a free bed.' });
    shelters.bedOccupied.mockResolvedValue(false);
    shelters.findBed.mockResolvedValue(bedOf({}, { ageGroup: 'child' }));
    await expect(
      service.place(callerFor('caseworker'), 'case-1', { shelterId: 'shelter-1', bedId: 'bed-1', fromDate: today }),
    ).rejects.toMatchObject({ status: 422, detail: expect.stringContaining('children’s room') });
    shelters.findBed.mockResolvedValue(bedOf({ accessible: false }));
    await expect(
      service.place(callerFor('caseworker'), 'case-1', {
        shelterId: 'shelter-1',
        bedId: 'bed-1',
        fromDate: today,
        needsAccessibleBed: true,
      }),
    ).rejects.toMatchObject({ status: 422, detail: expect.stringContaining('not accessible') });
    expect(shelters.insertPlacement).not.toHaveBeenCalled();

    await service.place(callerFor('supervisor'), 'case-1', {
      shelterId: 'shelter-1',
      bedId: 'bed-1',
      fromDate: today,
      needsAccessibleBed: true,
      overrideReason: 'Ground floor, helped by staff',
    });
    expect(shelters.insertPlacement).toHaveBeenCalledWith(
      expect.objectContaining({ bedId: 'bed-1', sealedOverrideReason: expect.any(Buffer) }),
    );
  });

  it('answers 409 when the database catches a concurrent placement into the same bed', async () => {
    shelters.insertPlacement.mockResolvedValue({ bedTaken: true });
    await expect(
      service.place(callerFor('caseworker'), 'case-1', { shelterId: 'shelter-1', bedId: 'bed-1', fromDate: today }),
    ).rejects.toMatchObject({ status: 409, extra: { bedId: 'bed-1' } });
  });

  it('refuses a shelter of another organisation as a field error', async () => {
    shelters.lockInScope.mockResolvedValue(shelterOf({ organisationId: 'org-2' }));
    await expect(
      service.place(callerFor('supervisor'), 'case-1', { shelterId: 'shelter-1', fromDate: today }),
    ).rejects.toMatchObject({ status: 400, errors: [{ field: 'shelterId', message: expect.any(String) }] });
  });

  it('takes a misfit only from a supervisor with a reason, sealing the reason and auditing the override', async () => {
    shelters.lockInScope.mockResolvedValue(shelterOf({ kind: 'children' }));
    await expect(
      service.place(callerFor('caseworker'), 'case-1', {
        shelterId: 'shelter-1',
        fromDate: today,
        overrideReason: 'Only bed',
      }),
    ).rejects.toBeInstanceOf(BadRequestError);
    await expect(
      service.place(callerFor('supervisor'), 'case-1', { shelterId: 'shelter-1', fromDate: today }),
    ).rejects.toMatchObject({ errors: [{ field: 'overrideReason' }] });
    expect(shelters.insertPlacement).not.toHaveBeenCalled();

    await service.place(callerFor('supervisor'), 'case-1', {
      shelterId: 'shelter-1',
      fromDate: today,
      overrideReason: 'Accompanies her child',
    });
    const sealed = shelters.insertPlacement.mock.calls[0]![0].sealedOverrideReason!;
    expect(sealed.toString('latin1')).not.toContain('Accompanies');
    expect((await vault.sealerFor('case-1')).open(OVERRIDE_REASON, sealed)).toBe('Accompanies her child');
    expect(audit.record).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({
        action: 'placement.kind.overridden',
        subject: expect.objectContaining({ id: 'case-1' }),
      }),
    );
    const history = cases.recordChanges.mock.calls[0]![2];
    expect(history).toEqual([
      expect.objectContaining({ action: 'placed' }),
      expect.objectContaining({ action: 'kindOverridden', sealedComment: expect.any(Buffer) }),
    ]);
  });

  it('moves by closing the current stay as "moved" before opening the next, refusing a stale version', async () => {
    shelters.currentForCase.mockResolvedValue({ ...stored, fromDate: '2024-01-01', version: 3 });
    await expect(
      service.move(callerFor('caseworker'), 'case-1', { version: 2, shelterId: 'shelter-2', fromDate: today }),
    ).rejects.toMatchObject({ status: 409, extra: { currentVersion: 3 } });
    expect(shelters.updatePlacementIfVersion).not.toHaveBeenCalled();

    shelters.lockInScope.mockResolvedValue(shelterOf({ id: 'shelter-2' }));
    await service.move(callerFor('caseworker'), 'case-1', { version: 3, shelterId: 'shelter-2', fromDate: today });
    expect(shelters.updatePlacementIfVersion).toHaveBeenCalledWith('placement-1', 3, {
      toDate: today,
      exitReason: 'moved',
    });
    expect(shelters.updatePlacementIfVersion.mock.invocationCallOrder[0]).toBeLessThan(
      shelters.insertPlacement.mock.invocationCallOrder[0]!,
    );
  });

  it('plans a discharge without ending the stay, and discharges with the exit reason', async () => {
    shelters.currentForCase.mockResolvedValue({ ...stored, fromDate: '2024-01-01' });
    await service.discharge(callerFor('caseworker'), 'case-1', {
      version: 1,
      toDate: '2099-01-01',
      plannedDischarge: true,
    });
    expect(shelters.updatePlacementIfVersion).toHaveBeenLastCalledWith('placement-1', 1, {
      plannedDischargeOn: '2099-01-01',
    });
    await service.discharge(callerFor('caseworker'), 'case-1', {
      version: 1,
      toDate: today,
      exitReason: 'absconded',
      plannedDischarge: false,
    });
    expect(shelters.updatePlacementIfVersion).toHaveBeenLastCalledWith('placement-1', 1, {
      toDate: today,
      exitReason: 'absconded',
    });
    expect(audit.record).toHaveBeenLastCalledWith(
      expect.anything(),
      expect.objectContaining({ action: 'placement.discharged' }),
    );
  });

  it('computes lengths of stay and the total over all stays', async () => {
    shelters.placementsForCase.mockResolvedValue([
      { ...stored, id: 'p2', fromDate: '2024-03-11', toDate: '2024-03-21', exitReason: 'reintegrated' },
      { ...stored, id: 'p1', fromDate: '2024-03-01', toDate: '2024-03-11', exitReason: 'moved' },
    ]);
    const list = await service.list(callerFor('caseworker'), 'case-1');
    expect(list.items.map((item) => item.lengthOfStayDays)).toEqual([10, 10]);
    expect(list).toMatchObject({ current: null, totalDaysInShelter: 20 });
  });
});
