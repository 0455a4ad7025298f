import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { enrolmentListSchema, enrolmentSchema, enrolRequestSchema, type EnrolRequest, type Enrolment, type EnrolmentList } from '@haven/contracts';
import { CurrentCaller, RequireAccess } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { ZodPipe } from '../../core/errors/zod-body.pipe.js';
import { ApiContract } from '../../core/http/api-contract.decorator.js';
import { TrainingService } from './training.service.js';

const uuid = new ParseUUIDPipe();

@Controller('cases/:id/enrolments')
export class EnrolmentsController {
  constructor(private readonly training: TrainingService) {}

  @Get()
  @RequireAccess('read', 'Case')
  @ApiContract({ summary: 'The case’s training enrolments, with waiting-list positions', response: enrolmentListSchema })
  list(@CurrentCaller() caller: Caller, @Param('id', uuid) caseId: string): Promise<EnrolmentList> {
    return this.training.listForCase(caller, caseId);
  }

  @Post()
  @RequireAccess('update', 'Case')
  @ApiContract({ summary: 'Enrol in a programme of the case’s organisation (a full programme puts the survivor on its waiting list)', body: enrolRequestSchema, response: enrolmentSchema, status: 201 })
  enrol(@CurrentCaller() caller: Caller, @Param('id', uuid) caseId: string, @Body(new ZodPipe(enrolRequestSchema)) body: EnrolRequest): Promise<Enrolment> {
    return this.training.enrol(caller, caseId, body);
  }
}
