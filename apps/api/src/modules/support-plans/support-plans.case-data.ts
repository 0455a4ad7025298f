import { Injectable } from '@nestjs/common';
import type { Caller } from '../../core/auth/caller.js';
import {
  ContributesCaseData,
  type CaseDataContributor,
  type SubjectExportSection,
} from '../cases/case-data-contributor.js';
import { SupportPlansRepository } from './support-plans.repository.js';
import { SupportPlansService } from './support-plans.service.js';

/** What the support-plans feature holds about a case, for the rules that reach all case data (CaseDataContributor). */
@Injectable()
@ContributesCaseData()
export class SupportPlansCaseData implements CaseDataContributor {
  readonly feature = 'support-plans';

  constructor(
    private readonly supportPlans: SupportPlansService,
    private readonly repository: SupportPlansRepository,
  ) {}

  /** Read through the service, with the same access checks as the screens. */
  async exportForSubject(caller: Caller, caseId: string): Promise<SubjectExportSection[]> {
    return [{ name: 'supportPlan', title: 'Support plan', content: await this.supportPlans.get(caller, caseId) }];
  }

  /** See SupportPlansRepository.clearCaseText for what stays and what goes. */
  anonymise(caseId: string): Promise<void> {
    return this.repository.clearCaseText(caseId);
  }
}
