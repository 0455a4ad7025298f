import { Injectable } from '@nestjs/common';
import type { Caller } from '../../core/auth/caller.js';
import {
  ContributesCaseData,
  type CaseDataContributor,
  type SubjectExportSection,
} from '../cases/case-data-contributor.js';
import { ConsentsService } from './consents.service.js';
import { ConsentsRepository } from './consents.repository.js';

/** What the consents feature holds about a case, for the rules that reach all case data (CaseDataContributor). */
@Injectable()
@ContributesCaseData()
export class ConsentsCaseData implements CaseDataContributor {
  readonly feature = 'consents';

  constructor(
    private readonly consents: ConsentsService,
    private readonly repository: ConsentsRepository,
  ) {}

  /** Read through the service, with the same access checks as the screens. */
  async exportForSubject(caller: Caller, caseId: string): Promise<SubjectExportSection[]> {
    return [{ name: 'consents', title: 'Consents', content: (await this.consents.list(caller, caseId)).items }];
  }

  /** See ConsentsRepository.clearCaseText for what stays and what goes. */
  anonymise(caseId: string): Promise<void> {
    return this.repository.clearCaseText(caseId);
  }
}
