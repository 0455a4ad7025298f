import { Injectable } from '@nestjs/common';
import type { Caller } from '../../core/auth/caller.js';
import type { AnonymisingActor } from '../cases/case-anonymisation.js';
import {
  ContributesCaseData,
  type CaseDataContributor,
  type SubjectExportSection,
  type WithdrawnConsent,
} from '../cases/case-data-contributor.js';
import { ReferralsRepository } from './referrals.repository.js';
import { ReferralsService } from './referrals.service.js';

/** What the referrals feature holds about a case, for the rules that reach all case data (CaseDataContributor). */
@Injectable()
@ContributesCaseData()
export class ReferralsCaseData implements CaseDataContributor {
  readonly feature = 'referrals';

  constructor(
    private readonly referrals: ReferralsService,
    private readonly repository: ReferralsRepository,
  ) {}

  /** Read through the service, with the same access checks as the screens. */
  async exportForSubject(caller: Caller, caseId: string): Promise<SubjectExportSection[]> {
    return [
      {
        name: 'referrals',
        title: 'Referrals to other organisations',
        content: (await this.referrals.listForCase(caller, caseId)).items,
      },
    ];
  }

  /** Partners lose the case in the anonymisation's transaction: an open referral would otherwise still take steps. */
  endOnAnonymisation(caseId: string, actor: AnonymisingActor): Promise<void> {
    return this.referrals.endOpenOnAnonymisation(caseId, actor);
  }

  /** See ReferralsRepository.clearCaseText for what stays and what goes. */
  anonymise(caseId: string): Promise<void> {
    return this.repository.clearCaseText(caseId);
  }

  /** Withdrawn consent stops further sharing: open referrals to that recipient are withdrawn with it. */
  async onConsentWithdrawn(caller: Caller, withdrawal: WithdrawnConsent): Promise<void> {
    if (withdrawal.purpose === 'referral' && withdrawal.recipientOrganisationId) {
      await this.referrals.withdrawOpenFor(caller, withdrawal.caseId, withdrawal.recipientOrganisationId);
    }
  }
}
