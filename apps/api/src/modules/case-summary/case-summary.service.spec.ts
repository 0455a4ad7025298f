import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { defineAbilityFor } from '@haven/access';
import { callerFor, type Mocked } from '@haven/testing';
import type { AuditService } from '../../core/audit/audit.service.js';
import { transactionHostForTests } from '../../core/database/transaction-host.testing.js';
import { BadRequestError } from '../../core/errors/problem.js';
import type { CaseDataContributor, CaseDataContributors } from '../cases/case-data-contributor.js';
import type { CaseEntity } from '../cases/case.entity.js';
import type { CaseAccess } from '../cases/kernel/case-access.service.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import type { ReferralsService } from '../referrals/referrals.service.js';
import { CaseSummaryService } from './case-summary.service.js';

// A case of the caller's team, assigned to someone else: a team caseworker reads it, not its identity.
const teamCase = {
  id: 'case-1',
  reference: 'HV-TEAM-CASE',
  organisationId: 'org-1',
  assigneeId: 'someone-else',
  team: 'north',
  sensitive: false,
} as CaseEntity;

function teamCaseworker() {
  const caller = callerFor('caseworker');
  const actor = { ...caller.actor, team: 'north' };
  return { ...caller, actor, ability: defineAbilityFor(actor) };
}

describe('CaseSummaryService', () => {
  let caseAccess: Mocked<Pick<CaseAccess, 'findForAction'>>;
  let audit: Mocked<Pick<AuditService, 'record'>>;
  let contributor: Mocked<Pick<CaseDataContributor, 'lensView'>>;
  let service: CaseSummaryService;

  beforeEach(() => {
    caseAccess = { findForAction: jest.fn(async () => teamCase) } as never;
    audit = { record: jest.fn(async () => undefined) } as never;
    contributor = { lensView: jest.fn(async () => ({ basicProfile: { sex: 'Feminine' } })) } as never;
    const contributors = {
      all: () => [contributor],
      lensOwners: (sections: string[]) => new Map(sections.map((section) => [section, contributor])),
    };
    service = new CaseSummaryService(
      caseAccess as unknown as CaseAccess,
      contributors as unknown as CaseDataContributors,
      {} as ReferralsService,
      { notifyIdentityViewed: jest.fn() } as unknown as NotificationsService,
      audit as unknown as AuditService,
      transactionHostForTests(),
    );
  });

  it('refuses identifying sections to a reader of the case who may not read its identity, and records nothing', async () => {
    const caller = teamCaseworker();
    for (const section of ['identity', 'contact', 'documents'] as const) {
      await expect(service.forCase(caller as never, 'case-1', ['basicProfile', section])).rejects.toBeInstanceOf(
        BadRequestError,
      );
    }
    expect(audit.record).not.toHaveBeenCalled();
    expect(contributor.lensView).not.toHaveBeenCalled();
  });

  it('gives the same reader the other sections, recording the summary and no identity read', async () => {
    const summary = await service.forCase(teamCaseworker() as never, 'case-1', ['basicProfile']);
    expect(summary.view.basicProfile).toEqual({ sex: 'Feminine' });
    expect(audit.record.mock.calls.map(([, event]) => event.action)).toEqual(['case.summary.produced']);
  });
});
