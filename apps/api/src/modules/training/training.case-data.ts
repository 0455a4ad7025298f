import { Injectable } from '@nestjs/common';
import type { Caller } from '../../core/auth/caller.js';
import {
  ContributesCaseData,
  type CaseDataContributor,
  type SubjectExportSection,
} from '../cases/case-data-contributor.js';
import { TrainingRepository } from './training.repository.js';
import { TrainingService } from './training.service.js';

/** What the training feature holds about a case, for the rules that reach all case data (CaseDataContributor). */
@Injectable()
@ContributesCaseData()
export class TrainingCaseData implements CaseDataContributor {
  readonly feature = 'training';

  constructor(
    private readonly training: TrainingService,
    private readonly repository: TrainingRepository,
  ) {}

  /** Read through the service, with the same access checks as the screens. */
  async exportForSubject(caller: Caller, caseId: string): Promise<SubjectExportSection[]> {
    return [{ name: 'enrolments', title: 'Training', content: await this.training.listForCase(caller, caseId) }];
  }

  /** Keeps dates, attendance and outcomes (coded); drops the follow-ups' notes. */
  anonymise(caseId: string): Promise<void> {
    return this.repository.clearCaseText(caseId);
  }
}
