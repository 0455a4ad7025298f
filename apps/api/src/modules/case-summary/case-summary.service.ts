import { Injectable } from '@nestjs/common';
import { recordOf } from '@haven/access';
import type { PrintableSummary, LensSection } from '@haven/contracts';
import { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { TransactionHost } from '../../core/database/transaction-host.js';
import { BadRequestError } from '../../core/errors/problem.js';
import { CaseDataContributors } from '../cases/case-data-contributor.js';
import { CaseAccess } from '../cases/kernel/case-access.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { buildLensView, IDENTIFYING_SECTIONS } from '../referrals/lens.js';
import { ReferralsService } from '../referrals/referrals.service.js';

/**
 * Printable summaries. A summary is read like the case itself and audited like every read of it: producing one is
 * an access-log entry, and one that holds identifying sections is also an identity read, with what gave the reader
 * access (and the other supervisors alerted when that was not the assignment), exactly as showing the identity is.
 */
@Injectable()
export class CaseSummaryService {
  constructor(
    private readonly caseAccess: CaseAccess,
    private readonly contributors: CaseDataContributors,
    private readonly referrals: ReferralsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly transactions: TransactionHost,
  ) {}

  /** Those who may read the case, the sections they chose; identifying sections only for those who may read the identity. */
  async forCase(caller: Caller, caseId: string, sections: LensSection[]): Promise<PrintableSummary> {
    const found = await this.caseAccess.findForAction(caller, caseId, 'read');
    const identifying = sections.some((section) => IDENTIFYING_SECTIONS.includes(section));
    if (identifying && !caller.ability.can('readIdentity', recordOf('Case', found))) {
      throw new BadRequestError('Only the assigned caseworker or a supervisor can print identifying sections.', [
        { field: 'sections', message: 'Identity, contact and documents need identity access' },
      ]);
    }
    const subject = { type: 'Case', id: caseId, organisationId: found.organisationId };
    const producedAt = new Date();
    // Recorded before anything is read, in one transaction: no summary leaves without its audit.
    await this.transactions.withTransaction(async () => {
      await this.audit.record(caller, { action: 'case.summary.produced', category: 'case', subject });
      if (!identifying) return;
      const basis =
        found.assigneeId === caller.actor.id
          ? 'assignee'
          : found.team && found.team === caller.actor.team
            ? 'team'
            : 'outside-assignment';
      await this.audit.record(caller, { action: 'case.identity.read', category: 'case', subject, reason: basis });
      if (basis === 'outside-assignment')
        await this.notifications.notifyIdentityViewed(found.organisationId, caseId, caller.actor.id);
    });
    const view = await buildLensView(caseId, sections, this.contributors, producedAt);
    return { reference: found.reference, producedAt: producedAt.toISOString(), view };
  }

  /**
   * A partner's summary: only what its open referral's lens shows (the sections it chose among them), read through
   * the referral as the partner reads it (which audits the opening and any identity read), then recorded as printed.
   */
  async forReferral(caller: Caller, referralId: string, sections: LensSection[]): Promise<PrintableSummary> {
    const referral = await this.referrals.open(caller, referralId);
    const outside = sections.filter((section) => !referral.lens.includes(section));
    if (!referral.view || outside.length > 0) {
      throw new BadRequestError('A summary holds only what the referral shares.', [
        { field: 'sections', message: `Not shared by this referral: ${outside.join(', ') || sections.join(', ')}` },
      ]);
    }
    const producedAt = new Date();
    await this.referrals.recordSummary(caller, referralId);
    const view: PrintableSummary['view'] = { sections };
    for (const section of sections) {
      if (referral.view[section] !== undefined) Object.assign(view, { [section]: referral.view[section] });
    }
    return { reference: null, producedAt: producedAt.toISOString(), view };
  }
}
