import { describe, expect, it } from '@jest/globals';
import { defineAbilityFor, recordOf, scopeOf, type Actor } from './policy.js';

const organisationId = '11111111-1111-4111-8111-111111111111';
const actor = (role: Actor['role']): Actor => ({ id: `${role}-id`, role, organisationId });

describe('access policy', () => {
  it('lets a caseworker work only on cases assigned to them in their organisation', () => {
    const ability = defineAbilityFor(actor('caseworker'));
    expect(ability.can('create', 'Case')).toBe(true);
    expect(scopeOf(ability, 'read', 'Case')).toEqual([{ organisationId, assigneeId: 'caseworker-id' }]);
    expect(scopeOf(ability, 'readIdentity', 'Case')).toEqual([{ organisationId, assigneeId: 'caseworker-id' }]);
    expect(ability.can('assign', 'Case')).toBe(false);
    expect(ability.can('read', 'Statistics')).toBe(false);
  });

  it('lets a caseworker in team mode cover the team’s non-sensitive cases, without their identity', () => {
    const ability = defineAbilityFor({ ...actor('caseworker'), team: 'night' });
    expect(scopeOf(ability, 'read', 'Case')).toHaveLength(2);
    expect(scopeOf(ability, 'read', 'Case')).toEqual(
      expect.arrayContaining([
        { organisationId, assigneeId: 'caseworker-id' },
        { organisationId, team: 'night', sensitive: false },
      ]),
    );
    expect(scopeOf(ability, 'readIdentity', 'Case')).toEqual([{ organisationId, assigneeId: 'caseworker-id' }]);
  });

  it('lets a supervisor work on every case of their organisation, and assign', () => {
    const ability = defineAbilityFor(actor('supervisor'));
    expect(scopeOf(ability, 'read', 'Case')).toEqual([{ organisationId }]);
    expect(scopeOf(ability, 'assign', 'Case')).toEqual([{ organisationId }]);
  });

  it('keeps exports of individual data (access requests) to supervisors of the organisation', () => {
    expect(scopeOf(defineAbilityFor(actor('supervisor')), 'export', 'Case')).toEqual([{ organisationId }]);
    expect(scopeOf(defineAbilityFor({ ...actor('caseworker'), team: 'night' }), 'export', 'Case')).toEqual([]);
    for (const role of ['partner', 'manager', 'admin'] as const)
      expect(defineAbilityFor(actor(role)).can('export', 'Case')).toBe(false);
  });

  it.each(['partner', 'manager', 'admin'] as const)('gives a %s no access to cases or identities', (role) => {
    const ability = defineAbilityFor(actor(role));
    for (const action of ['create', 'read', 'update', 'list', 'readIdentity'] as const) {
      expect(ability.can(action, 'Case')).toBe(false);
    }
    expect(scopeOf(ability, 'read', 'Case')).toEqual([]);
  });

  it('gives a manager statistics only, and an admin users and organisations', () => {
    expect(defineAbilityFor(actor('manager')).can('read', 'Statistics')).toBe(true);
    const admin = defineAbilityFor(actor('admin'));
    expect(admin.can('manage', 'User')).toBe(true);
    expect(scopeOf(admin, 'manage', 'User')).toEqual([{}]);
    expect(admin.can('read', 'Statistics')).toBe(false);
  });

  it('lets a supervisor manage the caseworkers of her own organisation only, and set its settings', () => {
    const supervisor = defineAbilityFor(actor('supervisor'));
    const own = actor('supervisor').organisationId;
    expect(scopeOf(supervisor, 'update', 'User')).toEqual([{ organisationId: own, role: 'caseworker' }]);
    expect(supervisor.can('create', recordOf('User', { organisationId: own, role: 'caseworker' }))).toBe(true);
    for (const role of ['supervisor', 'partner', 'manager', 'admin'] as const)
      expect(supervisor.can('create', recordOf('User', { organisationId: own, role }))).toBe(false);
    expect(
      supervisor.can('update', recordOf('User', { organisationId: 'another-organisation', role: 'caseworker' })),
    ).toBe(false);
    expect(supervisor.can('manage', 'User')).toBe(false);
    expect(supervisor.can('update', recordOf('Organisation', { id: own }))).toBe(true);
    expect(supervisor.can('update', recordOf('Organisation', { id: 'another-organisation' }))).toBe(false);
    const caseworker = defineAbilityFor(actor('caseworker'));
    expect(caseworker.can('create', 'User')).toBe(false);
    expect(caseworker.can('update', 'Organisation')).toBe(false);
  });

  it('lets every role read its own session', () => {
    for (const role of ['caseworker', 'supervisor', 'partner', 'manager', 'admin'] as const) {
      expect(defineAbilityFor(actor(role)).can('read', 'Session')).toBe(true);
    }
  });

  it('shows a supervisor the access logs of their organisation’s cases and its system events, and an admin only sign-in and system events', () => {
    const supervisor = defineAbilityFor(actor('supervisor'));
    expect(scopeOf(supervisor, 'read', 'AuditLog')).toEqual([{ organisationId, category: 'case' }]);
    expect(supervisor.can('read', recordOf('AuditLog', { organisationId, category: 'case' }))).toBe(true);
    expect(supervisor.can('read', recordOf('AuditLog', { organisationId: 'elsewhere', category: 'case' }))).toBe(false);
    // The system events about their own organisation (e.g. its retention period changed), none of another's.
    expect(scopeOf(supervisor, 'list', 'AuditLog')).toEqual([{ organisationId, category: 'system' }]);
    expect(supervisor.can('list', recordOf('AuditLog', { organisationId: 'elsewhere', category: 'system' }))).toBe(
      false,
    );
    expect(supervisor.can('list', recordOf('AuditLog', { organisationId, category: 'case' }))).toBe(false);

    const admin = defineAbilityFor(actor('admin'));
    expect(scopeOf(admin, 'list', 'AuditLog')).toEqual([{ category: 'system' }]);
    expect(admin.can('read', 'AuditLog')).toBe(false);
    expect(admin.can('list', recordOf('AuditLog', { organisationId, category: 'case' }))).toBe(false);

    for (const role of ['caseworker', 'partner', 'manager'] as const) {
      const ability = defineAbilityFor(actor(role));
      expect(ability.can('read', 'AuditLog') || ability.can('list', 'AuditLog')).toBe(false);
    }
  });
});
