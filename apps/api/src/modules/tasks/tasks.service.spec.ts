import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { defineAbilityFor } from '@haven/access';
import { type Mocked } from '@haven/testing';
import type { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { EnvelopeEncryption } from '../../core/crypto/envelope-encryption.js';
import { ConflictError, NotFoundError } from '../../core/errors/problem.js';
import type { CaseEntity } from '../cases/case.entity.js';
import { CaseVault } from '../cases/kernel/case-vault.service.js';
import type { CasesRepository } from '../cases/cases.repository.js';
import type { CaseAccess } from '../cases/kernel/case-access.service.js';
import type { CaseHistory } from '../cases/kernel/case-history.service.js';
import type { UsersService } from '../../core/users/users.service.js';
import type { TaskEntity } from './task.entity.js';
import type { TasksRepository } from './tasks.repository.js';
import { TasksService } from './tasks.service.js';
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
const openCase = { id: 'case-1', reference: 'HV-TEST-0001', organisationId: 'org-1', status: 'Active' } as CaseEntity;
const today = () => new Date().toISOString().slice(0, 10);
const inDays = (days: number) => {
  const date = new Date(`${today()}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

describe('TasksService', () => {
  const encryption = new EnvelopeEncryption(randomBytes(32));
  const keys = new Map(['case-1', 'case-2'].map((id) => [id, encryption.newDataKey(id).wrappedKey]));
  const findKey = async (caseId: string) =>
    keys.has(caseId) ? { caseId, wrappedKey: keys.get(caseId)!, createdAt: new Date() } : null;
  // A case without a key is one that was anonymised.
  const findById = async (caseId: string) => ({ id: caseId, anonymisedAt: new Date() });
  const vault = new CaseVault(
    { findKey, findById } as unknown as CasesRepository,
    encryption,
    transactionHostForTests(),
  );
  let tasks: Mocked<
    Pick<TasksRepository, 'listForCase' | 'findInCase' | 'openForAssignee' | 'insert' | 'updateIfVersion'>
  >;
  let cases: Mocked<Pick<CaseAccess, 'findForAction' | 'findOpenForUpdate'> & Pick<CaseHistory, 'recordChanges'>>;
  let users: Mocked<Pick<UsersService, 'findAssignable'>>;
  let audit: Mocked<Pick<AuditService, 'record'>>;
  let service: TasksService;

  const taskOn = async (caseId: string, overrides: Partial<TaskEntity> = {}): Promise<TaskEntity> => ({
    id: `task-on-${caseId}`,
    caseId,
    sealedTitle: (await vault.sealerFor(caseId)).seal('task-title', 'Call the lawyer'),
    dueOn: inDays(2),
    assigneeId: 'caseworker-id',
    status: 'open',
    createdBy: 'caseworker-id',
    createdAt: new Date(),
    completedAt: null,
    version: 1,
    ...overrides,
  });

  beforeEach(async () => {
    const stored = await taskOn('case-1');
    tasks = {
      listForCase: jest.fn(async () => []),
      findInCase: jest.fn(async () => stored),
      openForAssignee: jest.fn(async () => []),
      insert: jest.fn(async () => 'task-on-case-1'),
      updateIfVersion: jest.fn(async () => true),
    } as never;
    cases = {
      findForAction: jest.fn(async () => openCase),
      findOpenForUpdate: jest.fn(async () => openCase),
      recordChanges: jest.fn(async () => undefined),
    } as never;
    users = {
      findAssignable: jest.fn(async (id: string) => ({ id, displayName: `Name of ${id}`, team: null })),
    } as never;
    audit = { record: jest.fn(async () => undefined) } as never;
    service = new TasksService(
      tasks as unknown as TasksRepository,
      cases as unknown as CaseAccess,
      cases as unknown as CaseHistory,
      users as unknown as UsersService,
      vault,
      audit as unknown as AuditService,
      transactionHostForTests(),
    );
  });

  describe('for another feature, in its transaction', () => {
    it('opens a task with its title sealed as the task list reads it', async () => {
      const id = await service.openInTransaction(
        {
          caseId: 'case-1',
          title: 'Follow-up visit at 3 months',
          dueOn: inDays(90),
          assigneeId: 'caseworker-id',
          createdBy: 'supervisor-id',
        },
        await vault.sealerFor('case-1'),
      );
      expect(id).toBe('task-on-case-1');
      const [values] = tasks.insert.mock.calls[0]!;
      expect(values).toMatchObject({
        caseId: 'case-1',
        dueOn: inDays(90),
        assigneeId: 'caseworker-id',
        createdBy: 'supervisor-id',
      });
      expect(values.sealedTitle.toString('latin1')).not.toContain('Follow-up');
      tasks.listForCase.mockResolvedValueOnce([await taskOn('case-1', { sealedTitle: values.sealedTitle })]);
      expect((await service.list(caller, 'case-1')).items[0]).toMatchObject({ title: 'Follow-up visit at 3 months' });
    });
  });

  describe('add', () => {
    it('assigns to the caller by default, checked against the case’s organisation, and seals the title', async () => {
      const result = await service.add(caller, 'case-1', { title: 'Call the lawyer', dueOn: inDays(2) });
      expect(users.findAssignable).toHaveBeenCalledWith('caseworker-id', 'org-1');
      const values = tasks.insert.mock.calls[0]![0];
      expect(values).toMatchObject({
        caseId: 'case-1',
        assigneeId: 'caseworker-id',
        createdBy: 'caseworker-id',
        dueOn: inDays(2),
      });
      expect(values.sealedTitle.toString('latin1')).not.toContain('lawyer');
      expect(result).toMatchObject({
        caseReference: 'HV-TEST-0001',
        title: 'Call the lawyer',
        overdue: false,
        status: 'open',
      });
      expect(audit.record).toHaveBeenCalledWith(caller, expect.objectContaining({ action: 'task.added' }));
    });

    it('refuses an assignee who cannot hold the case, naming the field', async () => {
      users.findAssignable.mockResolvedValue(undefined);
      await expect(
        service.add(caller, 'case-1', { title: 'x', dueOn: inDays(1), assigneeId: 'partner-id' }),
      ).rejects.toMatchObject({
        status: 400,
        errors: [expect.objectContaining({ field: 'assigneeId' })],
      });
      expect(tasks.insert).not.toHaveBeenCalled();
    });
  });

  describe('update', () => {
    it('marks done with the completion time, and records coded history (the title by name only)', async () => {
      await service.update(caller, 'case-1', 'task-on-case-1', {
        version: 1,
        status: 'done',
        title: 'Call the new lawyer',
      });
      const changes = tasks.updateIfVersion.mock.calls[0]![2];
      expect(changes.status).toBe('done');
      expect(changes.completedAt).toBeInstanceOf(Date);
      expect(changes.sealedTitle).toBeInstanceOf(Buffer);
      expect(cases.recordChanges).toHaveBeenCalledWith(caller, 'case-1', [
        { section: 'task', action: 'updated', field: 'title' },
        { section: 'task', action: 'updated', field: 'status', oldValue: 'open', newValue: 'done' },
      ]);
      expect(audit.record).toHaveBeenCalledWith(caller, expect.objectContaining({ action: 'task.updated' }));
    });

    it('clears the completion time when a done task is reopened', async () => {
      tasks.findInCase.mockResolvedValue(await taskOn('case-1', { status: 'done', completedAt: new Date() }));
      await service.update(caller, 'case-1', 'task-on-case-1', { version: 1, status: 'open' });
      expect(tasks.updateIfVersion.mock.calls[0]![2]).toEqual({ status: 'open', completedAt: null });
    });

    it('answers 409 with the current version on a stale version, or when someone else saved first', async () => {
      tasks.findInCase.mockResolvedValue(await taskOn('case-1', { version: 3 }));
      await expect(
        service.update(caller, 'case-1', 'task-on-case-1', { version: 2, status: 'done' }),
      ).rejects.toMatchObject({ status: 409, extra: { currentVersion: 3 } });
      expect(tasks.updateIfVersion).not.toHaveBeenCalled();
      tasks.updateIfVersion.mockResolvedValue(false);
      await expect(
        service.update(caller, 'case-1', 'task-on-case-1', { version: 3, status: 'done' }),
      ).rejects.toBeInstanceOf(ConflictError);
      expect(cases.recordChanges).not.toHaveBeenCalled();
    });

    it('writes nothing when nothing changed', async () => {
      await service.update(caller, 'case-1', 'task-on-case-1', {
        version: 1,
        status: 'open',
        title: 'Call the lawyer',
      });
      expect(tasks.updateIfVersion).not.toHaveBeenCalled();
      expect(cases.recordChanges).not.toHaveBeenCalled();
      expect(audit.record).not.toHaveBeenCalled();
    });

    it('answers 404 for a task that is not on this case', async () => {
      tasks.findInCase.mockResolvedValue(null);
      await expect(service.update(caller, 'case-1', 'task-9', { version: 1, status: 'done' })).rejects.toBeInstanceOf(
        NotFoundError,
      );
      expect(tasks.findInCase).toHaveBeenCalledWith('case-1', 'task-9');
    });
  });

  describe('forAssignee', () => {
    it('asks for the caller’s open tasks in their read scope on cases, overdue meaning due before today', async () => {
      await service.forAssignee(caller, { overdue: true });
      expect(tasks.openForAssignee).toHaveBeenCalledWith(
        'caseworker-id',
        [{ organisationId: 'org-1', assigneeId: 'caseworker-id' }],
        { before: today() },
      );
      await service.forAssignee(caller, { dueWithinDays: 7 });
      expect(tasks.openForAssignee).toHaveBeenLastCalledWith('caseworker-id', expect.anything(), {
        from: today(),
        to: inDays(7),
      });
      await service.forAssignee(caller, { overdue: false });
      expect(tasks.openForAssignee).toHaveBeenLastCalledWith('caseworker-id', expect.anything(), {
        from: today(),
        to: '9999-12-31',
      });
    });

    it('opens each title under its own case’s key, and leaves out cases whose data was erased', async () => {
      tasks.openForAssignee.mockResolvedValue([
        { task: await taskOn('case-1', { dueOn: inDays(-2) }), caseReference: 'HV-ONE' },
        { task: await taskOn('case-2', { dueOn: inDays(-1) }), caseReference: 'HV-TWO' },
        {
          task: { ...(await taskOn('case-1')), id: 'task-on-erased', caseId: 'case-erased' },
          caseReference: 'HV-GONE',
        },
      ]);
      const result = await service.forAssignee(caller, { overdue: true });
      expect(result.map((task) => [task.caseReference, task.title, task.overdue])).toEqual([
        ['HV-ONE', 'Call the lawyer', true],
        ['HV-TWO', 'Call the lawyer', true],
      ]);
    });
  });
});
