import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { callerFor } from '@haven/testing';
import type { AuditService } from '../../core/audit/audit.service.js';
import { NotFoundError } from '../../core/errors/problem.js';
import type { CaseEntity } from '../cases/case.entity.js';
import type { CaseAccess } from '../cases/kernel/case-access.service.js';
import { caseAccessKindOf, systemEventKindOf } from './access-kinds.js';
import type { AccessLogRepository, AuditEventRow, AuditLogPage } from './access-log.repository.js';
import { AccessLogService } from './access-log.service.js';

const row = (overrides: Partial<AuditEventRow>): AuditEventRow => ({
  id: '7',
  occurredAt: new Date('2026-11-20T10:00:00Z'),
  action: 'case.identity.read',
  outcome: 'success',
  address: '203.0.113.9',
  reason: 'outside-assignment',
  subjectType: 'Case',
  subjectId: 'case-1',
  actorId: 'user-2',
  actorName: 'Staff Member',
  actorRole: 'supervisor',
  actorOrganisationName: 'Shelter One',
  ...overrides,
});

/** A first page of a log, as the repository answers it. */
const pageOf = (rows: AuditEventRow[]): AuditLogPage => ({
  rows: rows.map((one) => ({ ...one, sort_key: one.id, key_id: one.id })),
  plan: { position: null, readOrder: 'DESC', limit: 21, offset: 0 },
  count: rows.length,
});
const firstPage = { sort: 'occurredAt', order: 'desc' } as const;

describe('AccessLogService', () => {
  let logs: {
    forCase: jest.Mock<AccessLogRepository['forCase']>;
    systemEvents: jest.Mock<AccessLogRepository['systemEvents']>;
  };
  let cases: { findForAction: jest.Mock<CaseAccess['findForAction']> };
  let audit: { record: jest.Mock<AuditService['record']> };
  let service: AccessLogService;

  beforeEach(() => {
    logs = {
      forCase: jest.fn(async () => pageOf([row({})])),
      systemEvents: jest.fn(async () =>
        pageOf([row({ action: 'auth.login', subjectType: 'User', subjectId: 'user-2', reason: null })]),
      ),
    };
    cases = { findForAction: jest.fn(async () => ({ id: 'case-1', organisationId: 'org-1' }) as CaseEntity) };
    audit = { record: jest.fn(async () => undefined) };
    service = new AccessLogService(
      logs as unknown as AccessLogRepository,
      cases as unknown as CaseAccess,
      audit as unknown as AuditService,
    );
  });

  it('reads a case’s log inside the supervisor’s scope, records the read, and names staff from the lookup', async () => {
    const caller = callerFor('supervisor', 'org-1', '203.0.113.7');
    const page = await service.caseLog(caller, 'case-1', { ...firstPage, page: 1, pageSize: 20, kind: 'identity' });
    expect(cases.findForAction).toHaveBeenCalledWith(caller, 'case-1', 'read');
    expect(logs.forCase).toHaveBeenCalledWith(
      'case-1',
      [{ organisationId: 'org-1', category: 'case' }],
      expect.objectContaining({ kind: 'identity' }),
      expect.objectContaining({ sort: 'occurredAt', pageSize: 20 }),
    );
    expect(audit.record).toHaveBeenCalledWith(
      caller,
      expect.objectContaining({
        action: 'case.access-log.read',
        category: 'case',
        subject: { type: 'Case', id: 'case-1', organisationId: 'org-1' },
      }),
    );
    expect(page.items[0]).toEqual({
      id: '7',
      occurredAt: '2026-11-20T10:00:00.000Z',
      actor: { id: 'user-2', displayName: 'Staff Member', role: 'supervisor', organisationName: 'Shelter One' },
      action: 'case.identity.read',
      labelKey: 'case-identity-read',
      kind: 'identity',
      outcome: 'success',
      address: '203.0.113.9',
      reason: 'outside-assignment',
    });
  });

  it('answers 404, and records nothing, when the case is out of scope', async () => {
    cases.findForAction.mockRejectedValue(new NotFoundError());
    await expect(
      service.caseLog(callerFor('supervisor', 'org-1', '203.0.113.7'), 'case-1', {
        ...firstPage,
        page: 1,
        pageSize: 20,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(audit.record).not.toHaveBeenCalled();
    expect(logs.forCase).not.toHaveBeenCalled();
  });

  it('answers 404 when the caller may read the case but not its log', async () => {
    // A supervisor's rules are per organisation; a case of another organisation reached any other way still gets no log.
    cases.findForAction.mockResolvedValue({ id: 'case-1', organisationId: 'org-2' } as CaseEntity);
    await expect(
      service.caseLog(callerFor('supervisor', 'org-1', '203.0.113.7'), 'case-1', {
        ...firstPage,
        page: 1,
        pageSize: 20,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(logs.forCase).not.toHaveBeenCalled();
  });

  it('reads system events with the administrator’s scope (system category only) and records the read', async () => {
    const caller = callerFor('admin', 'org-1', '203.0.113.7');
    const page = await service.systemEvents(caller, { ...firstPage, page: 2, pageSize: 10, kind: 'sign-in' });
    expect(logs.systemEvents).toHaveBeenCalledWith(
      [{ category: 'system' }],
      expect.objectContaining({ kind: 'sign-in' }),
      expect.objectContaining({ page: 2, pageSize: 10 }),
    );
    expect(audit.record).toHaveBeenCalledWith(caller, { action: 'audit.events.read', category: 'system' });
    expect(page.items[0]).toMatchObject({
      kind: 'sign-in',
      subject: { type: 'User', id: 'user-2' },
      labelKey: 'auth-login',
    });
  });

  it('shows an event without a known actor as such', async () => {
    logs.systemEvents.mockResolvedValue(
      pageOf([
        row({
          action: 'auth.login.failed',
          outcome: 'failure',
          actorId: null,
          actorName: null,
          actorRole: null,
          actorOrganisationName: null,
          subjectType: null,
          subjectId: null,
        }),
      ]),
    );
    const page = await service.systemEvents(callerFor('admin', 'org-1', '203.0.113.7'), {
      ...firstPage,
      page: 1,
      pageSize: 10,
    });
    expect(page.items[0]).toMatchObject({ actor: null, subject: null, outcome: 'failure' });
  });
});

describe('access kinds', () => {
  it.each([
    ['case.identity.read', 'identity'],
    ['case.access-log.read', 'oversight'],
    ['referral.sent', 'sharing'],
    ['transfer.handed-over', 'sharing'],
    ['case.updated', 'changes'],
    ['note.added', 'changes'],
  ])('files %s under %s', (action, kind) => {
    expect(caseAccessKindOf(action)).toBe(kind);
  });

  it('files every auth.* event, two-factor ones included, under sign-in', () => {
    expect(systemEventKindOf('auth.login.failed')).toBe('sign-in');
    expect(systemEventKindOf('auth.mfa.enabled')).toBe('sign-in');
    expect(systemEventKindOf('organisation.updated')).toBe('system');
  });
});
