import { describe, expect, it, jest } from '@jest/globals';
import type { DiscoveryService } from '@nestjs/core';
import type { AuditService } from '../../core/audit/audit.service.js';
import { CASE_DATA_FEATURES, CaseDataContributors, type CaseDataContributor } from '../cases/case-data-contributor.js';
import type { CaseEntity } from '../cases/case.entity.js';
import type { CaseVault } from '../cases/kernel/case-vault.service.js';
import { CaseAnonymiser } from './case-anonymiser.service.js';

const at = new Date('2026-11-28T03:00:00Z');
const system = { address: 'system:test' };
const FEATURES_WITH_CASE_TEXT = Object.keys(CASE_DATA_FEATURES).filter((feature) =>
  CASE_DATA_FEATURES[feature]!.includes('anonymise'),
);

/** The registry as start-up fills it, from the given contributors (discovered in any order). */
function registryOf(contributors: CaseDataContributor[]): CaseDataContributors {
  const discovery = {
    getProviders: () => [...contributors].reverse().map((instance) => ({ instance })),
  } as unknown as DiscoveryService;
  const registry = new CaseDataContributors(discovery);
  registry.onModuleInit();
  return registry;
}

function setUp(found: Partial<CaseEntity> | null, features: readonly string[] = FEATURES_WITH_CASE_TEXT) {
  const steps: string[] = [];
  const contributors: CaseDataContributor[] = features.map((feature) => ({
    feature,
    anonymise: async () => void steps.push(`clear ${feature}`),
  }));
  contributors.push({
    feature: 'referrals-in-progress',
    endOnAnonymisation: async () => void steps.push('end referrals'),
  });
  const shred = jest.fn(async (..._args: unknown[]) => void steps.push('shred'));
  const record = jest.fn(async (..._args: unknown[]) => void steps.push('audit'));
  const cases = {
    lockForAnonymisation: async () =>
      found
        ? ({ id: 'case-1', organisationId: 'org-1', anonymisedAt: null, status: 'Closed', ...found } as CaseEntity)
        : null,
    shred,
  };
  const anonymiser = new CaseAnonymiser(cases as unknown as CaseVault, registryOf(contributors), {
    record,
  } as unknown as AuditService);
  return { anonymiser, steps, shred, record };
}

describe('CaseAnonymiser', () => {
  it('ends what is in progress, has every feature clear its text, then destroys the key, then audits — all in the given transaction', async () => {
    const { anonymiser, steps, shred, record } = setUp({});
    expect(await anonymiser.anonymise('case-1', 'retention', system, at)).toBe(true);
    expect(steps).toEqual([
      'end referrals',
      ...FEATURES_WITH_CASE_TEXT.map((feature) => `clear ${feature}`),
      'shred',
      'audit',
    ]);
    expect(shred).toHaveBeenCalledWith({ caseId: 'case-1', kind: 'retention', at });
    expect(record).toHaveBeenCalledWith(system, {
      action: 'case.anonymised',
      category: 'case',
      subject: { type: 'Case', id: 'case-1', organisationId: 'org-1' },
    });
  });

  it('closes a case that was still open', async () => {
    const { anonymiser, shred } = setUp({ status: 'Active' });
    await anonymiser.anonymise('case-1', 'erasure', system, at);
    expect(shred).toHaveBeenCalledWith({
      caseId: 'case-1',
      kind: 'erasure',
      at,
      close: { closedAt: at, closureReason: 'other' },
    });
  });

  it('does nothing for a case already anonymised or gone', async () => {
    for (const found of [{ anonymisedAt: new Date() }, null]) {
      const { anonymiser, steps } = setUp(found);
      expect(await anonymiser.anonymise('case-1', 'retention', system, at)).toBe(false);
      expect(steps).toEqual([]);
    }
  });

  it('refuses to run when a feature that keeps case text contributes no way to clear it', async () => {
    const { anonymiser, steps } = setUp(
      {},
      FEATURES_WITH_CASE_TEXT.filter((feature) => feature !== 'notes'),
    );
    await expect(anonymiser.anonymise('case-1', 'retention', system, at)).rejects.toThrow(/notes/);
    expect(steps).toEqual([]);
  });
});
