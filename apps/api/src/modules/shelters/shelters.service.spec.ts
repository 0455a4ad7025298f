import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { callerFor, type Mocked } from '@haven/testing';
import type { AuditService } from '../../core/audit/audit.service.js';
import { EnvelopeEncryption } from '../../core/crypto/envelope-encryption.js';
import { NotFoundError } from '../../core/errors/problem.js';
import type { ShelterEntity } from './shelter.entity.js';
import type { SheltersRepository } from './shelters.repository.js';
import { SheltersService, weekOf } from './shelters.service.js';
import { transactionHostForTests } from '../../core/database/transaction-host.testing.js';

describe('SheltersService', () => {
  const encryption = new EnvelopeEncryption(randomBytes(32));
  let shelters: Mocked<
    Pick<
      SheltersRepository,
      | 'listInScope'
      | 'pageInScope'
      | 'findInScope'
      | 'lockInScope'
      | 'insertShelter'
      | 'updateShelterIfVersion'
      | 'counts'
      | 'occupied'
      | 'boardRows'
      | 'insertRoom'
      | 'insertBeds'
      | 'rooms'
      | 'beds'
      | 'activeBeds'
      | 'retireFreeBeds'
    >
  >;
  let audit: Mocked<Pick<AuditService, 'record'>>;
  let service: SheltersService;
  let stored: ShelterEntity;

  const sealed = (id: string, address: string) => {
    const { dataKey, wrappedKey } = encryption.newDataKey(id);
    return { wrappedKey, sealedAddress: encryption.sealJson(dataKey, address, `shelter-address:${id}`) };
  };

  beforeEach(() => {
    stored = {
      id: 'shelter-1',
      organisationId: 'org-1',
      name: 'House',
      kind: 'mixed',
      area: 'North',
      capacity: 4,
      active: true,
      createdAt: new Date(),
      updatedAt: new Date(),
      version: 2,
      ...sealed('shelter-1', 'Via Nascosta 1'),
    };
    shelters = {
      listInScope: jest.fn(async () => [stored]),
      pageInScope: jest.fn(async () => ({
        rows: [{ entity: stored, sort_key: stored.name, key_id: stored.id }],
        plan: { position: null, readOrder: 'ASC' as const, limit: 26, offset: 0 },
        count: 1,
      })),
      findInScope: jest.fn(async () => stored),
      lockInScope: jest.fn(async () => stored),
      insertShelter: jest.fn(async () => true),
      updateShelterIfVersion: jest.fn(async () => 'updated' as const),
      counts: jest.fn(
        async () =>
          new Map([
            ['shelter-1', { shelterId: 'shelter-1', occupied: 3, arrivals: 1, departures: 0, plannedDischarges: 0 }],
          ]),
      ),
      occupied: jest.fn(async () => 3),
      boardRows: jest.fn(async () => []),
      insertRoom: jest.fn(async () => 'room-1'),
      insertBeds: jest.fn(async () => true),
      rooms: jest.fn(async () => []),
      beds: jest.fn(async () => []),
      activeBeds: jest.fn(async () => 4),
      retireFreeBeds: jest.fn(async (_id: string, count: number) => count),
    } as never;
    audit = { record: jest.fn(async () => undefined) } as never;
    service = new SheltersService(
      shelters as unknown as SheltersRepository,
      encryption,
      audit as unknown as AuditService,
      transactionHostForTests(),
    );
  });

  it('seals the address under a data key bound to the id chosen before the insert', async () => {
    shelters.findInScope.mockImplementation(async (id: string) => ({ ...stored, id }));
    const created = await service.create(callerFor('supervisor'), {
      name: 'New house',
      kind: 'women',
      area: 'South',
      capacity: 6,
      address: 'Strada Privata 9',
    });
    const values = shelters.insertShelter.mock.calls[0]![0];
    expect(values.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(values.sealedAddress.toString('latin1')).not.toContain('Strada Privata');
    const dataKey = encryption.unwrapDataKey(values.id, values.wrappedKey);
    expect(encryption.openJson(dataKey, values.sealedAddress, `shelter-address:${values.id}`)).toBe('Strada Privata 9');
    expect(() => encryption.unwrapDataKey('another-id', values.wrappedKey)).toThrow();
    expect(created.address).toBe('Strada Privata 9');
    // Capacity is beds: a women's shelter starts with one room for adult women holding them all.
    expect(shelters.insertRoom).toHaveBeenCalledWith({
      shelterId: values.id,
      name: 'Room 1',
      sex: 'female',
      ageGroup: 'adult',
    });
    expect(shelters.insertBeds.mock.calls[0]![2].map((bed) => bed.label)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(audit.record).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({
        action: 'shelter.created',
        subject: { type: 'Shelter', id: values.id, organisationId: 'org-1' },
      }),
    );
  });

  it('lists without the address, asking with the caller’s shelter scope', async () => {
    const query = { sort: 'name' as const, order: 'asc' as const, page: 1, pageSize: 25 };
    const list = await service.list(callerFor('caseworker'), query);
    expect(shelters.pageInScope).toHaveBeenCalledWith([{ organisationId: 'org-1' }], query);
    expect(list.items).toEqual([expect.objectContaining({ id: 'shelter-1', occupied: 3 })]);
    expect(JSON.stringify(list)).not.toContain('Nascosta');
  });

  it('audits every opening of the address, and gives admins, partners and managers no shelter scope at all', async () => {
    const detail = await service.get(callerFor('caseworker'), 'shelter-1');
    expect(detail.address).toBe('Via Nascosta 1');
    expect(audit.record).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({
        action: 'shelter.address.read',
        category: 'case',
        subject: expect.objectContaining({ id: 'shelter-1' }),
      }),
    );
    // Like the repository: an empty scope reads nothing.
    shelters.findInScope.mockImplementation(async (_id: string, scope: unknown[]) => (scope.length ? stored : null));
    for (const role of ['admin', 'partner', 'manager'] as const) {
      shelters.findInScope.mockClear();
      await expect(service.get(callerFor(role), 'shelter-1')).rejects.toBeInstanceOf(NotFoundError);
      expect(shelters.findInScope).toHaveBeenCalledWith('shelter-1', []);
    }
  });

  it('answers a stale update with the current version, and refuses a capacity below the beds taken', async () => {
    await expect(
      service.update(callerFor('supervisor'), 'shelter-1', { version: 1, capacity: 5 }),
    ).rejects.toMatchObject({ status: 409, extra: { currentVersion: 2 } });
    await expect(
      service.update(callerFor('supervisor'), 'shelter-1', { version: 2, capacity: 2 }),
    ).rejects.toMatchObject({ status: 409, extra: { occupied: 3 } });
    expect(shelters.updateShelterIfVersion).not.toHaveBeenCalled();
    await service.update(callerFor('supervisor'), 'shelter-1', { version: 2, capacity: 3, address: 'Via Nascosta 1' });
    expect(shelters.retireFreeBeds).toHaveBeenCalledWith('shelter-1', 1);
    expect(shelters.updateShelterIfVersion).toHaveBeenCalledWith('shelter-1', 2, { capacity: 3 });
  });

  it('asks the board for occupants inside the caller’s case scope only', async () => {
    await service.occupancy(callerFor('caseworker'));
    expect(shelters.boardRows).toHaveBeenCalledWith(
      ['shelter-1'],
      [{ organisationId: 'org-1', assigneeId: 'caseworker-id' }],
      expect.objectContaining({ from: expect.any(String) }),
    );
    await service.occupancy(callerFor('supervisor'));
    expect(shelters.boardRows).toHaveBeenLastCalledWith(
      ['shelter-1'],
      [{ organisationId: 'org-1' }],
      expect.anything(),
    );
  });

  it('takes the week from Monday to Sunday', () => {
    expect(weekOf('2026-11-28')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(weekOf('2026-11-23')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(weekOf('2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
  });
});
