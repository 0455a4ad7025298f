import { Injectable } from '@nestjs/common';
import type { Caller } from '../../core/auth/caller.js';
import {
  ContributesCaseData,
  type CaseDataContributor,
  type SubjectExportSection,
} from '../cases/case-data-contributor.js';
import { ChildrenRepository } from './children.repository.js';
import { ChildrenService } from './children.service.js';

/**
 * What the children feature holds about a case, for the rules that reach all case data
 * (CaseDataContributor). It fills no lens section: a partner sees nothing of it.
 */
@Injectable()
@ContributesCaseData()
export class ChildrenCaseData implements CaseDataContributor {
  readonly feature = 'children';

  constructor(
    private readonly children: ChildrenService,
    private readonly repository: ChildrenRepository,
  ) {}

  /** Read through the service, with the same access checks as the screens. */
  async exportForSubject(caller: Caller, caseId: string): Promise<SubjectExportSection[]> {
    const { guardians, ageAssessments, views, bestInterests } = await this.children.record(caller, caseId);
    return [{ name: 'child', title: 'Child protection', content: { guardians, ageAssessments, views, bestInterests } }];
  }

  /** Every record holds sealed names or words: all of them go. */
  anonymise(caseId: string): Promise<void> {
    return this.repository.deleteForCase(caseId);
  }
}
