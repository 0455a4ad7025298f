import { Injectable } from '@nestjs/common';
import type { Caller } from '../../core/auth/caller.js';
import {
  ContributesCaseData,
  type CaseDataContributor,
  type SubjectExportSection,
} from '../cases/case-data-contributor.js';
import { ServiceRecordsRepository } from './service-records.repository.js';
import { ServiceRecordsService } from './service-records.service.js';

/** What the service-records feature holds about a case, for the rules that reach all case data (CaseDataContributor). */
@Injectable()
@ContributesCaseData()
export class ServiceRecordsCaseData implements CaseDataContributor {
  readonly feature = 'service-records';

  constructor(
    private readonly records: ServiceRecordsService,
    private readonly repository: ServiceRecordsRepository,
  ) {}

  /** Read through the service, with the same access checks as the screens. */
  async exportForSubject(caller: Caller, caseId: string): Promise<SubjectExportSection[]> {
    return [
      {
        name: 'services',
        title: 'Services received (including those recorded by partner organisations)',
        content: (await this.records.list(caller, caseId)).items,
      },
    ];
  }

  /** See ServiceRecordsRepository.clearCaseText for what stays and what goes. */
  anonymise(caseId: string): Promise<void> {
    return this.repository.clearCaseText(caseId);
  }
}
