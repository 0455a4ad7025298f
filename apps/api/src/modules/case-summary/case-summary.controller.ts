import { Controller } from '@nestjs/common';
import {
  printableSummaryRequestSchema,
  printableSummarySchema,
  type PrintableSummary,
  type PrintableSummaryRequest,
} from '@haven/contracts';
import { CurrentCaller } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { Body, Route, UuidParam } from '../../core/http/route.decorator.js';
import { CaseSummaryService } from './case-summary.service.js';

@Controller()
export class CaseSummaryController {
  constructor(private readonly summaries: CaseSummaryService) {}

  @Route({
    method: 'POST',
    path: 'cases/:id/summary',
    permission: ['read', 'Case'],
    summary:
      'A printable summary of the chosen sections of the case (audited; identifying sections as an identity read)',
    body: printableSummaryRequestSchema,
    response: printableSummarySchema,
    status: 200,
  })
  forCase(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @Body() body: PrintableSummaryRequest,
  ): Promise<PrintableSummary> {
    return this.summaries.forCase(caller, caseId, body.sections);
  }

  @Route({
    method: 'POST',
    path: 'referrals/:referralId/summary',
    permission: ['read', 'Referral'],
    summary: 'A printable summary of what the partner’s open referral shares (audited)',
    body: printableSummaryRequestSchema,
    response: printableSummarySchema,
    status: 200,
  })
  forReferral(
    @CurrentCaller() caller: Caller,
    @UuidParam('referralId') referralId: string,
    @Body() body: PrintableSummaryRequest,
  ): Promise<PrintableSummary> {
    return this.summaries.forReferral(caller, referralId, body.sections);
  }
}
