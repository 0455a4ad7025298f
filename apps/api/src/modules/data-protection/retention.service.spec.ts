import { describe, expect, it, jest } from '@jest/globals';
import type { AuditService } from '../../core/audit/audit.service.js';
import { currentDatabaseScope, type DatabaseScope } from '../../core/request-context/database-scope.js';
import type { CaseAccess } from '../cases/kernel/case-access.service.js';
import type { OrganisationsService } from '../../core/organisations/organisations.service.js';
import type { CaseAnonymiser } from './case-anonymiser.service.js';
import type { DataProtectionRepository } from './data-protection.repository.js';
import { monthsBefore, RetentionService } from './retention.service.js';
import type { ExclusiveJobs } from '../../core/database/exclusive-jobs.js';
import { transactionHostForTests } from '../../core/database/transaction-host.testing.js';

describe('monthsBefore', () => {
  it('goes back calendar months, clamping to the end of shorter months', () => {
    expect(monthsBefore(new Date('2026-11-28T03:00:00Z'), 24).toISOString()).toBe('2024-11-28T03:00:00.000Z');
    expect(monthsBefore(new Date('2026-03-31T12:00:00Z'), 1).toISOString()).toBe('2026-02-28T12:00:00.000Z');
    expect(monthsBefore(new Date('2024-03-31T12:00:00Z'), 1).toISOString()).toBe('2024-02-29T12:00:00.000Z');
    expect(monthsBefore(new Date('2026-01-15T00:00:00Z'), 13).toISOString()).toBe('2024-12-15T00:00:00.000Z');
  });
});

describe('RetentionService', () => {
  const organisations = [
    { id: 'org-a', retentionMonths: 12 },
    { id: 'org-b', retentionMonths: 60 },
  ];

  function serviceWith(due: Record<string, string[]>, failing: Set<string>, minimumMonths = 12) {
    // The database scope each step ran in (row-level security): cases only in their organisation's.
    const scopes: { step: string; scope: DatabaseScope | undefined }[] = [];
    const dueForRetention = jest.fn(async (organisationId: string, ..._rest: unknown[]) => {
      scopes.push({ step: `due ${organisationId}`, scope: currentDatabaseScope() });
      return due[organisationId] ?? [];
    });
    const anonymise = jest.fn(async (caseId: string, ..._rest: unknown[]) => {
      scopes.push({ step: `anonymise ${caseId}`, scope: currentDatabaseScope() });
      if (failing.has(caseId)) throw new Error('broken');
      return true;
    });
    const insertRun = jest.fn(async (run: object) => {
      scopes.push({ step: 'record', scope: currentDatabaseScope() });
      return { id: 'run-1', ...run };
    });
    const record = jest.fn(async (..._args: unknown[]) => undefined);
    const service = new RetentionService(
      {
        withRetention: async () => {
          scopes.push({ step: 'organisations', scope: currentDatabaseScope() });
          return organisations;
        },
      } as unknown as OrganisationsService,
      { dueForRetention } as unknown as CaseAccess,
      { anonymise } as unknown as CaseAnonymiser,
      { insertRun } as unknown as DataProtectionRepository,
      { record } as unknown as AuditService,
      { retention: { scheduled: false, minimumMonths } },
      transactionHostForTests(),
      // One process here: the job is always free (tests/api/scheduled-jobs.spec.ts covers replicas).
      {
        runIfFree: async (_job: string, work: () => Promise<unknown>) => ({ ran: true, result: await work() }),
        runWhenFree: (_job: string, work: () => Promise<unknown>) => work(),
      } as unknown as ExclusiveJobs,
    );
    return { service, dueForRetention, anonymise, insertRun, record, scopes };
  }

  it('runs organisation by organisation, each with its own cut-off, and reports counts per organisation', async () => {
    const { service, dueForRetention, anonymise, record, scopes } = serviceWith(
      { 'org-a': ['case-1', 'case-2'], 'org-b': ['case-3'] },
      new Set(),
    );
    const now = new Date('2026-11-28T03:00:00Z');
    const run = await service.run('schedule', now);
    expect(dueForRetention).toHaveBeenCalledWith('org-a', new Date('2025-11-28T03:00:00Z'), expect.any(Number));
    expect(dueForRetention).toHaveBeenCalledWith('org-b', new Date('2021-11-28T03:00:00Z'), expect.any(Number));
    expect(anonymise.mock.calls.map((call) => [call[0], call[1]])).toEqual([
      ['case-1', 'retention'],
      ['case-2', 'retention'],
      ['case-3', 'retention'],
    ]);
    expect(run).toMatchObject({
      trigger: 'schedule',
      anonymised: 3,
      failed: 0,
      organisations: [
        { organisationId: 'org-a', anonymised: 2, failed: 0 },
        { organisationId: 'org-b', anonymised: 1, failed: 0 },
      ],
    });
    expect(record).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({
        action: 'retention.run',
        outcome: 'success',
        subject: { type: 'RetentionRun', id: 'run-1' },
      }),
    );
    const organisationScope = (organisationId: string) => ({ kind: 'organisation', organisationId, userId: null });
    expect(scopes).toEqual([
      { step: 'organisations', scope: expect.objectContaining({ kind: 'system' }) },
      { step: 'due org-a', scope: organisationScope('org-a') },
      { step: 'anonymise case-1', scope: organisationScope('org-a') },
      { step: 'anonymise case-2', scope: organisationScope('org-a') },
      { step: 'due org-b', scope: organisationScope('org-b') },
      { step: 'anonymise case-3', scope: organisationScope('org-b') },
      { step: 'record', scope: expect.objectContaining({ kind: 'system' }) },
    ]);
  });

  it('counts a case that fails and goes on with the others; the run is audited as a failure', async () => {
    const { service, record } = serviceWith(
      { 'org-a': ['case-1', 'case-2'], 'org-b': ['case-3'] },
      new Set(['case-1']),
    );
    const run = await service.run('command');
    expect(run.organisations).toEqual([
      { organisationId: 'org-a', anonymised: 1, failed: 1 },
      { organisationId: 'org-b', anonymised: 1, failed: 0 },
    ]);
    expect(record).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ action: 'retention.run', outcome: 'failure' }),
    );
  });

  it('never keeps cases for less than the configured floor, even where a shorter period was set before it was raised', async () => {
    const { service, dueForRetention } = serviceWith({}, new Set(), 24);
    await service.run('command', new Date('2026-11-28T03:00:00Z'));
    expect(dueForRetention).toHaveBeenCalledWith('org-a', new Date('2024-11-28T03:00:00Z'), expect.any(Number));
    expect(dueForRetention).toHaveBeenCalledWith('org-b', new Date('2021-11-28T03:00:00Z'), expect.any(Number));
  });
});
