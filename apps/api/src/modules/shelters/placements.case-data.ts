import { Injectable } from '@nestjs/common';
import type { Caller } from '../../core/auth/caller.js';
import {
  ContributesCaseData,
  type CaseDataContributor,
  type SubjectExportSection,
} from '../cases/case-data-contributor.js';
import { SheltersRepository } from './shelters.repository.js';
import { PlacementsService } from './placements.service.js';

/** What the placements feature holds about a case, for the rules that reach all case data (CaseDataContributor). */
@Injectable()
@ContributesCaseData()
export class PlacementsCaseData implements CaseDataContributor {
  readonly feature = 'placements';

  constructor(
    private readonly placements: PlacementsService,
    private readonly repository: SheltersRepository,
  ) {}

  /** Read through the service, with the same access checks as the screens. */
  async exportForSubject(caller: Caller, caseId: string): Promise<SubjectExportSection[]> {
    return [{ name: 'placements', title: 'Shelter stays', content: await this.placements.list(caller, caseId) }];
  }

  /** See SheltersRepository.clearCaseText for what stays and what goes. */
  anonymise(caseId: string): Promise<void> {
    return this.repository.clearCaseText(caseId);
  }
}
