import { Injectable } from '@nestjs/common';
import type { Caller } from '../../core/auth/caller.js';
import {
  ContributesCaseData,
  type CaseDataContributor,
  type SubjectExportSection,
} from '../cases/case-data-contributor.js';
import { LegalStatusService } from './legal-status.service.js';

/**
 * What the legal status holds about a case, for the rules that reach all case data (CaseDataContributor).
 * Coded values and dates only, so anonymisation has nothing to clear; no lens section shares it.
 */
@Injectable()
@ContributesCaseData()
export class LegalStatusCaseData implements CaseDataContributor {
  readonly feature = 'legal-status';

  constructor(private readonly legalStatus: LegalStatusService) {}

  async exportForSubject(caller: Caller, caseId: string): Promise<SubjectExportSection[]> {
    return [{ name: 'legalStatus', title: 'Legal status', content: await this.legalStatus.get(caller, caseId) }];
  }
}
