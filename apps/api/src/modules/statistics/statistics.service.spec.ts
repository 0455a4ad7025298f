import { describe, expect, it } from '@jest/globals';
import { defineAbilityFor, type Actor } from '@haven/access';
import { loadConfig } from '../../config/config.js';
import type { Caller } from '../../core/auth/caller.js';
import { BadRequestError, ForbiddenError } from '../../core/errors/problem.js';
import { StatisticsService } from './statistics.service.js';

const A = '0b0e7a54-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
const B = '1b0e7a54-1c2d-4e5f-8a9b-0c1d2e3f4a5b';

const callerOf = (role: Actor['role'], organisationId = A): Caller => {
  const actor = {
    id: `${role}-id`,
    role,
    organisationId,
    email: `${role}@x.test`,
    displayName: role,
    sessionId: 's',
    csrfToken: 't',
  };
  return { actor, ability: defineAbilityFor(actor), address: '127.0.0.1' };
};
const serviceWith = (environment: Record<string, string> = {}) =>
  new StatisticsService(
    {} as never,
    {} as never,
    {} as never,
    {} as never,
    loadConfig({ DATABASE_URL: 'postgres://x@y/z', ...environment }),
  );

describe('whose statistics a request covers', () => {
  it('gives a manager all organisations together, or one of them, and no other grouping', () => {
    const service = serviceWith();
    expect(service.scopeOf(callerOf('manager'))).toEqual({ key: 'all', organisationIds: null });
    expect(service.scopeOf(callerOf('manager'), [B])).toEqual({ key: B, organisationIds: [B] });
    expect(service.scopeOf(callerOf('manager'), [B, B])).toEqual({ key: B, organisationIds: [B] });
    expect(() => service.scopeOf(callerOf('manager'), [A, B])).toThrow(BadRequestError);
  });

  it('limits a manager to the configured organisations, read together or one by one', () => {
    const C = '2b0e7a54-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
    const service = serviceWith({ STATS_MANAGER_ORGANISATION_IDS: `${A},${B}` });
    expect(service.scopeOf(callerOf('manager'))).toEqual({ key: 'all', organisationIds: [A, B] });
    expect(service.scopeOf(callerOf('manager'), [B, A])).toEqual({ key: 'all', organisationIds: [A, B] });
    expect(service.scopeOf(callerOf('manager'), [A])).toEqual({ key: A, organisationIds: [A] });
    expect(() => service.scopeOf(callerOf('manager'), [C])).toThrow(ForbiddenError);
    const single = serviceWith({ STATS_MANAGER_ORGANISATION_IDS: A });
    expect(single.scopeOf(callerOf('manager'))).toEqual({ key: A, organisationIds: [A] });
  });

  it('limits a supervisor to their own organisation', () => {
    const service = serviceWith();
    expect(service.scopeOf(callerOf('supervisor'))).toEqual({ key: A, organisationIds: [A] });
    expect(service.scopeOf(callerOf('supervisor'), [A])).toEqual({ key: A, organisationIds: [A] });
    expect(() => service.scopeOf(callerOf('supervisor'), [A, B])).toThrow(ForbiddenError);
  });

  it.each(['caseworker', 'partner', 'admin'] as const)('gives a %s no statistics', (role) => {
    expect(() => serviceWith().scopeOf(callerOf(role))).toThrow(ForbiddenError);
  });
});
