import { Injectable } from '@nestjs/common';
import type { LensSection, NeedArea } from '@haven/contracts';
import type { Caller } from '../../core/auth/caller.js';
import {
  ContributesCaseData,
  type CaseDataContributor,
  type LensViewPart,
  type SubjectExportSection,
} from '../cases/case-data-contributor.js';
import { AssessmentsRepository } from './assessments.repository.js';
import { AssessmentsService } from './assessments.service.js';

/** The need areas each lens section shows, from the latest needs assessment. */
const NEEDS_IN = {
  healthNeeds: ['medical', 'psychosocial'],
  legalNeeds: ['legal', 'documentation'],
} as const satisfies Partial<Record<LensSection, readonly NeedArea[]>>;
type NeedsSection = keyof typeof NEEDS_IN;
const isNeedsSection = (section: LensSection): section is NeedsSection => section in NEEDS_IN;

/** What the assessments feature holds about a case, for the rules that reach all case data (CaseDataContributor). */
@Injectable()
@ContributesCaseData()
export class AssessmentsCaseData implements CaseDataContributor {
  readonly feature = 'assessments';
  readonly lensSections = Object.keys(NEEDS_IN) as NeedsSection[];

  constructor(
    private readonly assessments: AssessmentsService,
    private readonly repository: AssessmentsRepository,
  ) {}

  /** Read through the service, with the same access checks as the screens. */
  async exportForSubject(caller: Caller, caseId: string): Promise<SubjectExportSection[]> {
    return [
      { name: 'assessments', title: 'Assessments', content: (await this.assessments.list(caller, caseId)).items },
    ];
  }

  /** The latest needs assessment's ratings in the chosen areas, and nothing of its notes. */
  async lensView(caseId: string, sections: readonly LensSection[]): Promise<LensViewPart> {
    const needs = await this.assessments.latestNeeds(caseId);
    const view: LensViewPart = {};
    for (const section of sections.filter(isNeedsSection)) {
      const areas: readonly NeedArea[] = NEEDS_IN[section];
      view[section] = needs.filter((need) => areas.includes(need.area));
    }
    return view;
  }

  /** See AssessmentsRepository.clearCaseText for what stays and what goes. */
  anonymise(caseId: string): Promise<void> {
    return this.repository.clearCaseText(caseId);
  }
}
