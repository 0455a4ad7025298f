import { Injectable } from '@nestjs/common';
import type { Caller } from '../../core/auth/caller.js';
import {
  ContributesCaseData,
  type CaseDataContributor,
  type SubjectExportSection,
} from '../cases/case-data-contributor.js';
import { IdentificationRepository } from './identification.repository.js';
import { IdentificationService } from './identification.service.js';

/**
 * What identification holds about a case, for the rules that reach all case data (CaseDataContributor).
 * No lens section: a partner sees no screening or decision (the status itself travels, as before, in
 * the trafficking profile a lens may share).
 */
@Injectable()
@ContributesCaseData()
export class IdentificationCaseData implements CaseDataContributor {
  readonly feature = 'identification';

  constructor(
    private readonly identification: IdentificationService,
    private readonly repository: IdentificationRepository,
  ) {}

  /** Read through the service, with the same access checks as the screens. */
  async exportForSubject(caller: Caller, caseId: string): Promise<SubjectExportSection[]> {
    const { screenings, decisions } = await this.identification.get(caller, caseId);
    return [
      { name: 'identificationScreenings', title: 'Screenings for indicators of trafficking', content: screenings },
      { name: 'statusDecisions', title: 'Decisions on the trafficking status', content: decisions },
    ];
  }

  /** See IdentificationRepository.clearCaseText for what stays and what goes. */
  anonymise(caseId: string): Promise<void> {
    return this.repository.clearCaseText(caseId);
  }
}
