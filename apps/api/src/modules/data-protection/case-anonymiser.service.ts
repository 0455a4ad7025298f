import { Injectable } from '@nestjs/common';
import type { AnonymisationKind } from '@haven/contracts';
import { AuditService } from '../../core/audit/audit.service.js';
import type { AnonymisingActor } from '../cases/case-anonymisation.js';
import { CaseDataContributors } from '../cases/case-data-contributor.js';
import { CaseVault } from '../cases/kernel/case-vault.service.js';

export type { AnonymisingActor };

/**
 * Anonymises one case (docs/architecture.md, rules 6 and 10), in the caller's transaction: every feature that
 * holds case data ends what it has in progress and clears its text (CaseDataContributor), then
 * the case key and identity are destroyed (crypto-shredding: whatever
 * ciphertext survives anywhere, backups included, can no longer be opened) and the case is
 * marked anonymised and read-only. Coded facts stay, so the statistics do not move.
 */
@Injectable()
export class CaseAnonymiser {
  constructor(
    private readonly caseVault: CaseVault,
    private readonly contributors: CaseDataContributors,
    private readonly audit: AuditService,
  ) {}

  /** Answers false when there was nothing to do (no such case, or already anonymised). */
  async anonymise(caseId: string, kind: AnonymisationKind, actor: AnonymisingActor, at: Date): Promise<boolean> {
    // A feature left out would keep text about her: refuse rather than anonymise in part.
    this.contributors.assertEveryFeatureContributes('anonymise');
    const found = await this.caseVault.lockForAnonymisation(caseId);
    if (!found || found.anonymisedAt) return false;
    // What is in progress ends first (partners lose the case), then every feature clears its text.
    for (const contributor of this.contributors.all()) await contributor.endOnAnonymisation?.(caseId, actor);
    for (const contributor of this.contributors.all()) await contributor.anonymise?.(caseId, actor);
    // An erased case that was still open is closed with it: an anonymised case takes no more work.
    const open = found.status === 'Active' || found.status === 'FollowUp';
    await this.caseVault.shred({
      caseId,
      kind,
      at,
      ...(open ? { close: { closedAt: at, closureReason: 'other' } } : {}),
    });
    await this.audit.record(actor, {
      action: 'case.anonymised',
      category: 'case',
      subject: { type: 'Case', id: caseId, organisationId: found.organisationId },
    });
    return true;
  }
}
