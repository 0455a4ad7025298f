import { Injectable } from '@nestjs/common';
import type { Caller } from '../../core/auth/caller.js';
import type { AnonymisingActor } from '../cases/case-anonymisation.js';
import {
  ContributesCaseData,
  type CaseDataContributor,
  type SubjectExportSection,
  type WithdrawnConsent,
} from '../cases/case-data-contributor.js';
import { TransfersRepository } from './transfers.repository.js';
import { TransfersService } from './transfers.service.js';

/** What the transfers feature holds about a case, for the rules that reach all case data (CaseDataContributor). */
@Injectable()
@ContributesCaseData()
export class TransfersCaseData implements CaseDataContributor {
  readonly feature = 'transfers';

  constructor(
    private readonly transfers: TransfersService,
    private readonly repository: TransfersRepository,
  ) {}

  /** Read through the service, with the same access checks as the screens. */
  async exportForSubject(caller: Caller, caseId: string): Promise<SubjectExportSection[]> {
    return [
      { name: 'transfers', title: 'Transfers', content: (await this.transfers.listForCase(caller, caseId)).items },
    ];
  }

  /** Withdrawn transfer consent cancels a proposal to that organisation still waiting (rule 3). */
  async onConsentWithdrawn(caller: Caller, withdrawal: WithdrawnConsent): Promise<void> {
    if (withdrawal.purpose === 'transfer' && withdrawal.recipientOrganisationId) {
      await this.transfers.cancelProposedOnConsentWithdrawn(
        caller,
        withdrawal.caseId,
        withdrawal.recipientOrganisationId,
      );
    }
  }

  /** A proposal still waiting is withdrawn: the receiving organisation would otherwise still find it. */
  endOnAnonymisation(caseId: string, actor: AnonymisingActor): Promise<void> {
    return this.transfers.cancelProposedOnAnonymisation(caseId, actor);
  }

  /** See TransfersRepository.clearCaseText for what stays and what goes. */
  anonymise(caseId: string): Promise<void> {
    return this.repository.clearCaseText(caseId);
  }
}
