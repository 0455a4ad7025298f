import { Controller } from '@nestjs/common';
import {
  ASSESSMENT_TYPES,
  assessmentListSchema,
  assessmentSchema,
  recordAssessmentRequestSchema,
  type Assessment,
  type RecordAssessmentRequest,
} from '@haven/contracts';
import { z } from 'zod';
import { CurrentCaller } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { Body, Query, Route, UuidParam } from '../../core/http/route.decorator.js';
import { AssessmentsService } from './assessments.service.js';

const assessmentListQuerySchema = z.object({ type: z.enum(ASSESSMENT_TYPES).optional() }).strict();

@Controller('cases/:id/assessments')
export class AssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @Route({
    method: 'GET',
    permission: ['read', 'Case'],
    summary: 'Assessments of the case, newest first, optionally of one type',
    query: assessmentListQuerySchema,
    response: assessmentListSchema,
  })
  list(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @Query() query: z.output<typeof assessmentListQuerySchema>,
  ): Promise<{ items: Assessment[] }> {
    return this.assessments.list(caller, caseId, query.type);
  }

  @Route({
    method: 'POST',
    permission: ['update', 'Case'],
    summary: 'Record a risk, needs or protection assessment (a risk assessment sets the case’s risk level)',
    body: recordAssessmentRequestSchema,
    response: assessmentSchema,
  })
  record(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @Body() body: RecordAssessmentRequest,
  ): Promise<Assessment> {
    return this.assessments.record(caller, caseId, body);
  }
}
