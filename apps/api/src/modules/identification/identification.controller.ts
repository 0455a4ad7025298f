import { Controller } from '@nestjs/common';
import {
  identificationSchema,
  recordScreeningRequestSchema,
  recordStatusDecisionRequestSchema,
  screeningSchema,
  statusDecisionSchema,
  type Identification,
  type RecordScreeningCommand,
  type RecordStatusDecisionRequest,
  type Screening,
  type StatusDecision,
} from '@haven/contracts';
import { CurrentCaller } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { Body, Route, UuidParam } from '../../core/http/route.decorator.js';
import { IdentificationService } from './identification.service.js';

@Controller('cases/:id/identification')
export class IdentificationController {
  constructor(private readonly identification: IdentificationService) {}

  @Route({
    method: 'GET',
    permission: ['read', 'Case'],
    summary: 'The trafficking status of the case, its indicator screenings and its status decisions',
    response: identificationSchema,
  })
  get(@CurrentCaller() caller: Caller, @UuidParam('id') caseId: string): Promise<Identification> {
    return this.identification.get(caller, caseId);
  }

  @Route({
    method: 'POST',
    path: 'screenings',
    permission: ['update', 'Case'],
    summary: 'Record a screening for indicators of trafficking; the answer says what it proposes',
    body: recordScreeningRequestSchema,
    response: screeningSchema,
  })
  screen(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @Body() body: RecordScreeningCommand,
  ): Promise<Screening> {
    return this.identification.recordScreening(caller, caseId, body);
  }

  @Route({
    method: 'POST',
    path: 'decisions',
    permission: ['update', 'Case'],
    summary: "Record a formal decision on the trafficking status: the one way the case's status changes",
    body: recordStatusDecisionRequestSchema,
    response: statusDecisionSchema,
  })
  decide(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @Body() body: RecordStatusDecisionRequest,
  ): Promise<StatusDecision> {
    return this.identification.recordDecision(caller, caseId, body);
  }
}
