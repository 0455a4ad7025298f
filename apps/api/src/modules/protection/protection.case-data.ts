import { Injectable } from '@nestjs/common';
import type { Caller } from '../../core/auth/caller.js';
import {
  ContributesCaseData,
  type CaseDataContributor,
  type SubjectExportSection,
} from '../cases/case-data-contributor.js';
import { ProtectionRepository } from './protection.repository.js';
import { ProtectionService } from './protection.service.js';

/** What the protection feature holds about a case, for the rules that reach all case data (CaseDataContributor). */
@Injectable()
@ContributesCaseData()
export class ProtectionCaseData implements CaseDataContributor {
  readonly feature = 'protection';

  constructor(
    private readonly protection: ProtectionService,
    private readonly repository: ProtectionRepository,
  ) {}

  /** Read through the service, with the same access checks as the screens. */
  async exportForSubject(caller: Caller, caseId: string): Promise<SubjectExportSection[]> {
    return [
      {
        name: 'protectionReviews',
        title: 'Protection screenings',
        content: (await this.protection.list(caller, caseId)).items,
      },
    ];
  }

  /** See ProtectionRepository.clearCaseText for what stays and what goes. */
  anonymise(caseId: string): Promise<void> {
    return this.repository.clearCaseText(caseId);
  }
}
