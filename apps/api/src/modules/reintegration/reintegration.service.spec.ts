import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { defineAbilityFor } from '@haven/access';
import { type Mocked } from '@haven/testing';
import type { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { EnvelopeEncryption } from '../../core/crypto/envelope-encryption.js';
import { NotFoundError } from '../../core/errors/problem.js';
import type { CaseEntity } from '../cases/case.entity.js';
import { CaseVault } from '../cases/kernel/case-vault.service.js';
import type { CasesRepository } from '../cases/cases.repository.js';
import type { CaseAccess } from '../cases/kernel/case-access.service.js';
import type { CaseHistory } from '../cases/kernel/case-history.service.js';
import type { TasksService } from '../tasks/tasks.service.js';
import type { FollowUpVisitEntity } from './follow-up-visit.entity.js';
import { GOAL_TEXT, scoreTrend } from './reintegration.mapper.js';
import type { ReintegrationRepository } from './reintegration.repository.js';
import { ReintegrationService, addMonths, visitTaskTitle } from './reintegration.service.js';
import { transactionHostForTests } from '../../core/database/transaction-host.testing.js';

const actor = {
  id: 'supervisor-id',
  role: 'supervisor' as const,
  organisationId: 'org-1',
  email: '',
  displayName: '',
  sessionId: 's',
  csrfToken: 'c',
};
const caller: Caller = { actor, ability: defineAbilityFor(actor), address: '127.0.0.1' };
const openCase = { id: 'case-1', organisationId: 'org-1', assigneeId: 'caseworker-id', status: 'Active' } as CaseEntity;
const visitOf = (overrides: Partial<FollowUpVisitEntity> = {}) =>
  ({
    id: 'visit-1',
    caseId: 'case-1',
    monthsAfter: 3,
    dueOn: '2026-04-30',
    taskId: 'task-1',
    visitedOn: null,
    economicScore: null,
    socialScore: null,
    psychosocialScore: null,
    sealedNotes: null,
    recordedById: null,
    version: 1,
    ...overrides,
  }) as FollowUpVisitEntity;

describe('follow-up schedule dates', () => {
  it('adds calendar months, falling back to the month’s last day', () => {
    expect(addMonths('2026-01-15', 3)).toBe('2026-04-15');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2025-10-31', 12)).toBe('2026-10-31');
    expect(addMonths('2026-05-31', -7)).toBe('2025-10-31');
  });

  it('names the task after the months', () => {
    expect(visitTaskTitle(3)).toBe('Follow-up visit at 3 months');
    expect(visitTaskTitle(1)).toBe('Follow-up visit at 1 month');
  });

  it('builds the score trend from visits made, oldest first', () => {
    const trend = scoreTrend([
      visitOf({
        id: 'late',
        monthsAfter: 6,
        visitedOn: '2026-08-01',
        economicScore: 5,
        socialScore: 4,
        psychosocialScore: 4,
      }),
      visitOf({ id: 'pending', monthsAfter: 12 }),
      visitOf({ id: 'early', visitedOn: '2026-05-02', economicScore: 1, socialScore: 2, psychosocialScore: 2 }),
    ]);
    expect(trend.map((point) => [point.visitId, point.average])).toEqual([
      ['early', 1.7],
      ['late', 4.3],
    ]);
  });
});

describe('ReintegrationService', () => {
  const encryption = new EnvelopeEncryption(randomBytes(32));
  const wrappedKey = encryption.newDataKey('case-1').wrappedKey;
  const vault = new CaseVault(
    {
      findKey: async (caseId: string) => ({ caseId, wrappedKey, createdAt: new Date() }),
    } as unknown as CasesRepository,
    encryption,
    transactionHostForTests(),
  );
  let repository: Mocked<
    Pick<
      ReintegrationRepository,
      'lockSchedule' | 'visits' | 'insertVisit' | 'findVisit' | 'updateVisitIfVersion' | 'insertGoal' | 'findGoal'
    >
  >;
  let cases: Mocked<Pick<CaseAccess, 'findForAction' | 'findOpenForUpdate'> & Pick<CaseHistory, 'recordChanges'>>;
  let tasks: Mocked<Pick<TasksService, 'openInTransaction' | 'completeIfOpen'>>;
  let audit: Mocked<Pick<AuditService, 'record'>>;
  let service: ReintegrationService;

  beforeEach(() => {
    let next = 0;
    repository = {
      lockSchedule: jest.fn(async () => undefined),
      visits: jest.fn(async () => []),
      insertVisit: jest.fn(async () => `visit-${next}`),
      findVisit: jest.fn(async () => visitOf()),
      updateVisitIfVersion: jest.fn(async () => true),
      insertGoal: jest.fn(async () => 'goal-1'),
      findGoal: jest.fn(async () => null),
    } as never;
    cases = {
      findForAction: jest.fn(async () => openCase),
      findOpenForUpdate: jest.fn(async () => openCase),
      recordChanges: jest.fn(async () => undefined),
    } as never;
    tasks = {
      openInTransaction: jest.fn(async () => `task-${(next += 1)}`),
      completeIfOpen: jest.fn(async () => true),
    } as never;
    audit = { record: jest.fn(async () => undefined) } as never;
    service = new ReintegrationService(
      repository as unknown as ReintegrationRepository,
      cases as unknown as CaseAccess,
      cases as unknown as CaseHistory,
      vault,
      tasks as unknown as TasksService,
      audit as unknown as AuditService,
      transactionHostForTests(),
    );
  });

  it('schedules one visit and one task for the case’s assignee per month, under a lock, through the tasks feature', async () => {
    await service.schedule(caller, 'case-1', { referenceDate: '2026-01-31', monthsAfter: [12, 3, 6] });
    expect(repository.lockSchedule).toHaveBeenCalledWith('case-1');
    expect(
      tasks.openInTransaction.mock.calls.map(([task]) => [task.title, task.dueOn, task.assigneeId, task.createdBy]),
    ).toEqual([
      ['Follow-up visit at 3 months', '2026-04-30', 'caseworker-id', 'supervisor-id'],
      ['Follow-up visit at 6 months', '2026-07-31', 'caseworker-id', 'supervisor-id'],
      ['Follow-up visit at 12 months', '2027-01-31', 'caseworker-id', 'supervisor-id'],
    ]);
    expect(repository.insertVisit.mock.calls.map(([visit]) => [visit.monthsAfter, visit.taskId])).toEqual([
      [3, 'task-1'],
      [6, 'task-2'],
      [12, 'task-3'],
    ]);
    expect(audit.record).toHaveBeenCalledWith(caller, expect.objectContaining({ action: 'visit.scheduled' }));
  });

  it('refuses months already scheduled, writing nothing', async () => {
    repository.visits.mockResolvedValueOnce([visitOf({ monthsAfter: 6 })]);
    await expect(
      service.schedule(caller, 'case-1', { referenceDate: '2026-01-31', monthsAfter: [6, 12] }),
    ).rejects.toMatchObject({ status: 409 });
    expect(tasks.openInTransaction).not.toHaveBeenCalled();
    expect(repository.insertVisit).not.toHaveBeenCalled();
  });

  it('records a visit with sealed notes and marks its task done, noting both in the history', async () => {
    await service.recordVisit(caller, 'case-1', 'visit-1', {
      version: 1,
      visitedOn: '2026-05-01',
      economicScore: 3,
      socialScore: 4,
      psychosocialScore: 2,
      notes: 'Works at the market',
    });
    const columns = repository.updateVisitIfVersion.mock.calls[0]![2];
    expect(columns).toMatchObject({
      visitedOn: '2026-05-01',
      economicScore: 3,
      socialScore: 4,
      psychosocialScore: 2,
      recordedById: 'supervisor-id',
    });
    expect(columns.sealedNotes!.toString('latin1')).not.toContain('market');
    expect(tasks.completeIfOpen).toHaveBeenCalledWith('case-1', 'task-1');
    expect(cases.recordChanges.mock.calls[0]![2]).toEqual([
      expect.objectContaining({ section: 'reintegration', action: 'visit.recorded' }),
      { section: 'task', action: 'updated', field: 'status', oldValue: 'open', newValue: 'done' },
    ]);
  });

  it('answers 409 with the current version on a stale visit, and 404 for a visit of another case', async () => {
    repository.findVisit.mockResolvedValueOnce(visitOf({ version: 2 }));
    await expect(
      service.recordVisit(caller, 'case-1', 'visit-1', {
        version: 1,
        visitedOn: '2026-05-01',
        economicScore: 3,
        socialScore: 3,
        psychosocialScore: 3,
      }),
    ).rejects.toMatchObject({
      status: 409,
      extra: { currentVersion: 2 },
    });
    repository.findVisit.mockResolvedValueOnce(null);
    await expect(
      service.recordVisit(caller, 'case-1', 'visit-9', {
        version: 1,
        visitedOn: '2026-05-01',
        economicScore: 3,
        socialScore: 3,
        psychosocialScore: 3,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(repository.updateVisitIfVersion).not.toHaveBeenCalled();
    expect(tasks.completeIfOpen).not.toHaveBeenCalled();
  });

  it('seals the goal and the assistance under the case key', async () => {
    repository.findGoal.mockImplementation(async () => {
      const values = repository.insertGoal.mock.calls[0]![0];
      return { ...values, id: 'goal-1', createdAt: new Date(), updatedAt: new Date(), version: 1 };
    });
    const goal = await service.addGoal(caller, 'case-1', {
      dimension: 'economic',
      goal: 'Sewing business',
      assistance: 'Grant',
      status: 'planned',
    });
    const values = repository.insertGoal.mock.calls[0]![0];
    expect(values.sealedGoal.toString('latin1')).not.toContain('Sewing');
    expect((await vault.sealerFor('case-1')).open(GOAL_TEXT, values.sealedGoal)).toBe('Sewing business');
    expect(goal).toMatchObject({ dimension: 'economic', goal: 'Sewing business', assistance: 'Grant' });
  });
});
