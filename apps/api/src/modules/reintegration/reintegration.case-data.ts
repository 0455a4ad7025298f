import { Injectable } from '@nestjs/common';
import type { Caller } from '../../core/auth/caller.js';
import {
  ContributesCaseData,
  type CaseDataContributor,
  type SubjectExportSection,
} from '../cases/case-data-contributor.js';
import { ReintegrationRepository } from './reintegration.repository.js';
import { ReintegrationService } from './reintegration.service.js';

/** What the reintegration feature holds about a case, for the rules that reach all case data (CaseDataContributor). */
@Injectable()
@ContributesCaseData()
export class ReintegrationCaseData implements CaseDataContributor {
  readonly feature = 'reintegration';

  constructor(
    private readonly reintegration: ReintegrationService,
    private readonly repository: ReintegrationRepository,
  ) {}

  /** Read through the service, with the same access checks as the screens. */
  async exportForSubject(caller: Caller, caseId: string): Promise<SubjectExportSection[]> {
    return [{ name: 'reintegration', title: 'Reintegration', content: await this.reintegration.get(caller, caseId) }];
  }

  /** See ReintegrationRepository.clearCaseText for what stays and what goes. */
  anonymise(caseId: string): Promise<void> {
    return this.repository.clearCaseText(caseId);
  }
}
