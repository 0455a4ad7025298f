import { Injectable } from '@nestjs/common';
import type { AnonymisationKind } from '@haven/contracts';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service.js';
import { CaseAnonymisationHooks, type AnonymisingActor } from '../cases/case-anonymisation.js';
import { CasesService } from '../cases/cases.service.js';
import { ReferralsService } from '../referrals/referrals.service.js';

/**
 * Every feature that keeps free text or ciphertexts about a case. Anonymisation refuses to
 * run unless each has registered its clearing step: a feature left out would keep text.
 * A new feature that stores text about a case adds itself here and registers a hook.
 */
export const FEATURES_WITH_CASE_TEXT = [
  'assessments',
  'notes',
  'placements',
  'protection',
  'referrals',
  'reintegration',
  'service-records',
  'support-plans',
  'tasks',
  'transfers',
] as const;

export type { AnonymisingActor };

/**
 * Anonymises one case (DESIGN.md §5.6, §5.10), in the caller's transaction: every feature
 * clears its text, then the case key and identity are destroyed (crypto-shredding: whatever
 * ciphertext survives anywhere, backups included, can no longer be opened) and the case is
 * marked anonymised and read-only. Coded facts stay, so the statistics do not move.
 */
@Injectable()
export class CaseAnonymiser {
  constructor(
    private readonly cases: CasesService,
    private readonly hooks: CaseAnonymisationHooks,
    private readonly referrals: ReferralsService,
    private readonly audit: AuditService,
  ) {}

  /** Answers false when there was nothing to do (no such case, or already anonymised). */
  async anonymise(manager: EntityManager, caseId: string, kind: AnonymisationKind, actor: AnonymisingActor, at: Date): Promise<boolean> {
    this.assertEveryFeatureRegistered();
    const found = await this.cases.lockForAnonymisation(manager, caseId);
    if (!found || found.anonymisedAt) return false;
    // Partners lose the case in the same transaction: an open referral would otherwise still take steps.
    await this.referrals.endOpenOnAnonymisation(manager, caseId, actor);
    await this.hooks.clearAll(manager, caseId);
    // An erased case that was still open is closed with it: an anonymised case takes no more work.
    const open = found.status === 'Active' || found.status === 'FollowUp';
    await this.cases.shred(manager, { caseId, kind, at, ...(open ? { close: { closedAt: at, closureReason: 'other' } } : {}) });
    await this.audit.record(actor, { action: 'case.anonymised', category: 'case', subject: { type: 'Case', id: caseId, organisationId: found.organisationId } }, manager);
    return true;
  }

  private assertEveryFeatureRegistered(): void {
    const registered = new Set(this.hooks.registered());
    const missing = FEATURES_WITH_CASE_TEXT.filter((feature) => !registered.has(feature));
    if (missing.length) throw new Error(`Anonymisation is incomplete without these features loaded: ${missing.join(', ')}`);
  }
}
