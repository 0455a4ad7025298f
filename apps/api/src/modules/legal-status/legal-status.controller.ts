import { Controller } from '@nestjs/common';
import {
  legalStatusSchema,
  updateLegalStatusRequestSchema,
  type LegalStatus,
  type UpdateLegalStatusRequest,
} from '@haven/contracts';
import { CurrentCaller } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { Body, Route, UuidParam } from '../../core/http/route.decorator.js';
import { LegalStatusService } from './legal-status.service.js';

@Controller('cases/:id/legal-status')
export class LegalStatusController {
  constructor(private readonly legalStatus: LegalStatusService) {}

  @Route({
    method: 'GET',
    permission: ['read', 'Case'],
    summary: 'Migration status, reflection period and residence permit of the case',
    response: legalStatusSchema,
  })
  get(@CurrentCaller() caller: Caller, @UuidParam('id') caseId: string): Promise<LegalStatus> {
    return this.legalStatus.get(caller, caseId);
  }

  @Route({
    method: 'PATCH',
    permission: ['update', 'Case'],
    summary: 'Record the legal status as it now reads (every field; null when not known), based on its version',
    body: updateLegalStatusRequestSchema,
    response: legalStatusSchema,
  })
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @Body() body: UpdateLegalStatusRequest,
  ): Promise<LegalStatus> {
    return this.legalStatus.update(caller, caseId, body);
  }
}
