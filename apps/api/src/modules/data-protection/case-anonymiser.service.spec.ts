import { describe, expect, it, jest } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import type { AuditService } from '../../core/audit/audit.service.js';
import { CaseAnonymisationHooks } from '../cases/case-anonymisation.js';
import type { CaseEntity } from '../cases/case.entity.js';
import type { CasesService } from '../cases/cases.service.js';
import type { ReferralsService } from '../referrals/referrals.service.js';
import { CaseAnonymiser, FEATURES_WITH_CASE_TEXT } from './case-anonymiser.service.js';

const manager = {} as EntityManager;
const at = new Date('2026-11-28T03:00:00Z');
const system = { address: 'system:test' };

function setUp(found: Partial<CaseEntity> | null, features: readonly string[] = FEATURES_WITH_CASE_TEXT) {
  const steps: string[] = [];
  const hooks = new CaseAnonymisationHooks();
  for (const feature of features) hooks.register(feature, async () => void steps.push(`clear ${feature}`));
  const shred = jest.fn(async () => void steps.push('shred'));
  const record = jest.fn(async () => void steps.push('audit'));
  const cases = { lockForAnonymisation: async () => (found ? ({ id: 'case-1', organisationId: 'org-1', anonymisedAt: null, status: 'Closed', ...found } as CaseEntity) : null), shred };
  const referrals = { endOpenOnAnonymisation: jest.fn(async () => void steps.push('end referrals')) };
  const anonymiser = new CaseAnonymiser(cases as unknown as CasesService, hooks, referrals as unknown as ReferralsService, { record } as unknown as AuditService);
  return { anonymiser, steps, shred, record };
}

describe('CaseAnonymiser', () => {
  it('ends open referrals, has every feature clear its text, then destroys the key, then audits — all in the given transaction', async () => {
    const { anonymiser, steps, shred, record } = setUp({});
    expect(await anonymiser.anonymise(manager, 'case-1', 'retention', system, at)).toBe(true);
    expect(steps).toEqual(['end referrals', ...FEATURES_WITH_CASE_TEXT.map((feature) => `clear ${feature}`), 'shred', 'audit']);
    expect(shred).toHaveBeenCalledWith(manager, { caseId: 'case-1', kind: 'retention', at });
    expect(record).toHaveBeenCalledWith(system, { action: 'case.anonymised', category: 'case', subject: { type: 'Case', id: 'case-1', organisationId: 'org-1' } }, manager);
  });

  it('closes a case that was still open', async () => {
    const { anonymiser, shred } = setUp({ status: 'Active' });
    await anonymiser.anonymise(manager, 'case-1', 'erasure', system, at);
    expect(shred).toHaveBeenCalledWith(manager, { caseId: 'case-1', kind: 'erasure', at, close: { closedAt: at, closureReason: 'other' } });
  });

  it('does nothing for a case already anonymised or gone', async () => {
    for (const found of [{ anonymisedAt: new Date() }, null]) {
      const { anonymiser, steps } = setUp(found);
      expect(await anonymiser.anonymise(manager, 'case-1', 'retention', system, at)).toBe(false);
      expect(steps).toEqual([]);
    }
  });

  it('refuses to run when a feature that keeps case text has not registered how to clear it', async () => {
    const { anonymiser, steps } = setUp({}, FEATURES_WITH_CASE_TEXT.filter((feature) => feature !== 'notes'));
    await expect(anonymiser.anonymise(manager, 'case-1', 'retention', system, at)).rejects.toThrow(/notes/);
    expect(steps).toEqual([]);
  });
});
