import { describe, expect, it, jest } from '@jest/globals';
import { defineAbilityFor, type Actor } from '@haven/access';
import { loadConfig } from '../../config/config.js';
import type { Caller } from '../../core/auth/caller.js';
import { ForbiddenError } from '../../core/errors/problem.js';
import { StatisticsService } from './statistics.service.js';

const A = '0b0e7a54-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
const B = '1b0e7a54-1c2d-4e5f-8a9b-0c1d2e3f4a5b';

const callerOf = (role: Actor['role'], organisationId = A): Caller => {
  const actor = { id: `${role}-id`, role, organisationId, email: `${role}@x.test`, displayName: role, sessionId: 's', csrfToken: 't' };
  return { actor, ability: defineAbilityFor(actor), address: '127.0.0.1' };
};
const serviceWith = (environment: Record<string, string> = {}) =>
  new StatisticsService({} as never, {} as never, {} as never, loadConfig({ DATABASE_URL: 'postgres://x@y/z', ...environment }));

describe('whose statistics a request covers', () => {
  it('gives a manager every organisation, or those asked for', () => {
    const service = serviceWith();
    expect(service.organisationsFor(callerOf('manager'))).toBeNull();
    expect(service.organisationsFor(callerOf('manager'), [A, B, A])).toEqual([A, B]);
  });

  it('limits a manager to the configured organisations', () => {
    const service = serviceWith({ STATS_MANAGER_ORGANISATION_IDS: A });
    expect(service.organisationsFor(callerOf('manager'))).toEqual([A]);
    expect(() => service.organisationsFor(callerOf('manager'), [B])).toThrow(ForbiddenError);
  });

  it('limits a supervisor to their own organisation', () => {
    const service = serviceWith();
    expect(service.organisationsFor(callerOf('supervisor'))).toEqual([A]);
    expect(service.organisationsFor(callerOf('supervisor'), [A])).toEqual([A]);
    expect(() => service.organisationsFor(callerOf('supervisor'), [A, B])).toThrow(ForbiddenError);
  });

  it.each(['caseworker', 'partner', 'admin'] as const)('gives a %s no statistics', (role) => {
    expect(() => serviceWith().organisationsFor(callerOf(role))).toThrow(ForbiddenError);
  });
});

describe('counting the default dashboard ahead', () => {
  it('recounts after a change at most once per half the staleness bound', async () => {
    const countTable = jest.fn(async () => undefined);
    const countIndicators = jest.fn(async () => undefined);
    const repository = { countTable, countIndicators };
    const config = loadConfig({ DATABASE_URL: 'postgres://x@y/z', STATS_MAX_STALENESS_SECONDS: '300' });
    const service = new StatisticsService(repository as never, {} as never, {} as never, config);
    const start = 1_000_000;
    await service.warmAfterChange(start);
    expect(countIndicators).toHaveBeenCalledTimes(1);
    const tablesPerCount = countTable.mock.calls.length;
    expect(tablesPerCount).toBeGreaterThan(0);
    await service.warmAfterChange(start + 60_000);
    await service.warmAfterChange(start + 149_000);
    expect(countIndicators).toHaveBeenCalledTimes(1);
    await service.warmAfterChange(start + 150_000);
    expect(countIndicators).toHaveBeenCalledTimes(2);
    expect(countTable).toHaveBeenCalledTimes(2 * tablesPerCount);
  });

  it('waits at least a minute between recounts, however small the bound', async () => {
    const countIndicators = jest.fn(async () => undefined);
    const repository = { countTable: jest.fn(async () => undefined), countIndicators };
    const service = new StatisticsService(repository as never, {} as never, {} as never, loadConfig({ DATABASE_URL: 'postgres://x@y/z', STATS_MAX_STALENESS_SECONDS: '10' }));
    await service.warmAfterChange(0);
    await service.warmAfterChange(59_000);
    expect(countIndicators).toHaveBeenCalledTimes(1);
    await service.warmAfterChange(60_000);
    expect(countIndicators).toHaveBeenCalledTimes(2);
  });
});
