import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ASSESSMENT_TYPES,
  assessmentListSchema,
  assessmentSchema,
  recordAssessmentRequestSchema,
  type Assessment,
  type RecordAssessmentRequest,
} from '@haven/contracts';
import { z } from 'zod';
import { CurrentCaller, RequireAccess } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { ZodPipe } from '../../core/errors/zod-body.pipe.js';
import { ApiContract } from '../../core/http/api-contract.decorator.js';
import { AssessmentsService } from './assessments.service.js';

const uuid = new ParseUUIDPipe();
const assessmentListQuerySchema = z.object({ type: z.enum(ASSESSMENT_TYPES).optional() }).strict();

@Controller('cases/:id/assessments')
export class AssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @Get()
  @RequireAccess('read', 'Case')
  @ApiContract({ summary: 'Assessments of the case, newest first, optionally of one type', query: assessmentListQuerySchema, response: assessmentListSchema })
  list(@CurrentCaller() caller: Caller, @Param('id', uuid) caseId: string, @Query(new ZodPipe(assessmentListQuerySchema)) query: z.output<typeof assessmentListQuerySchema>): Promise<{ items: Assessment[] }> {
    return this.assessments.list(caller, caseId, query.type);
  }

  @Post()
  @RequireAccess('update', 'Case')
  @ApiContract({ summary: 'Record a risk, needs or protection assessment (a risk assessment sets the case’s risk level)', body: recordAssessmentRequestSchema, response: assessmentSchema, status: 201 })
  record(@CurrentCaller() caller: Caller, @Param('id', uuid) caseId: string, @Body(new ZodPipe(recordAssessmentRequestSchema)) body: RecordAssessmentRequest): Promise<Assessment> {
    return this.assessments.record(caller, caseId, body);
  }
}
