import { Controller } from '@nestjs/common';
import {
  enrolmentListSchema,
  enrolmentSchema,
  enrolRequestSchema,
  type EnrolRequest,
  type Enrolment,
  type EnrolmentList,
} from '@haven/contracts';
import { CurrentCaller } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { Body, Route, UuidParam } from '../../core/http/route.decorator.js';
import { TrainingService } from './training.service.js';

@Controller('cases/:id/enrolments')
export class EnrolmentsController {
  constructor(private readonly training: TrainingService) {}

  @Route({
    method: 'GET',
    permission: ['read', 'Case'],
    summary: 'The case’s training enrolments, with waiting-list positions',
    response: enrolmentListSchema,
  })
  list(@CurrentCaller() caller: Caller, @UuidParam('id') caseId: string): Promise<EnrolmentList> {
    return this.training.listForCase(caller, caseId);
  }

  @Route({
    method: 'POST',
    permission: ['update', 'Case'],
    summary: 'Enrol in a programme of the case’s organisation (a full programme puts the survivor on its waiting list)',
    body: enrolRequestSchema,
    response: enrolmentSchema,
  })
  enrol(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @Body() body: EnrolRequest,
  ): Promise<Enrolment> {
    return this.training.enrol(caller, caseId, body);
  }
}
