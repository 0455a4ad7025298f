import { Controller } from '@nestjs/common';
import {
  ageAssessmentSchema,
  appointGuardianRequestSchema,
  bestInterestsSchema,
  childRecordSchema,
  childViewsSchema,
  decideBestInterestsRequestSchema,
  guardianSchema,
  recordAgeAssessmentRequestSchema,
  recordBestInterestsRequestSchema,
  recordChildViewsRequestSchema,
  type AgeAssessment,
  type AppointGuardianRequest,
  type BestInterests,
  type ChildRecord,
  type ChildViews,
  type DecideBestInterestsRequest,
  type Guardian,
  type RecordAgeAssessmentRequest,
  type RecordBestInterestsRequest,
  type RecordChildViewsRequest,
} from '@haven/contracts';
import { CurrentCaller } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { Body, Route, UuidParam } from '../../core/http/route.decorator.js';
import { ChildrenService } from './children.service.js';

@Controller('cases/:id/child')
export class ChildrenController {
  constructor(private readonly children: ChildrenService) {}

  @Route({
    method: 'GET',
    permission: ['read', 'Case'],
    summary:
      "The child part of the case: guardians, age assessments, the child's views, best-interests records (an audited read)",
    response: childRecordSchema,
  })
  record(@CurrentCaller() caller: Caller, @UuidParam('id') caseId: string): Promise<ChildRecord> {
    return this.children.record(caller, caseId);
  }

  @Route({
    method: 'POST',
    path: 'guardians',
    permission: ['update', 'Case'],
    summary: "Appoint the child's guardian (ends the previous guardianship)",
    body: appointGuardianRequestSchema,
    response: guardianSchema,
  })
  appointGuardian(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @Body() body: AppointGuardianRequest,
  ): Promise<Guardian> {
    return this.children.appointGuardian(caller, caseId, body);
  }

  @Route({
    method: 'POST',
    path: 'age-assessments',
    permission: ['update', 'Case'],
    summary: 'Record an age assessment (a disputed one makes the case a child case meanwhile)',
    body: recordAgeAssessmentRequestSchema,
    response: ageAssessmentSchema,
  })
  recordAgeAssessment(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @Body() body: RecordAgeAssessmentRequest,
  ): Promise<AgeAssessment> {
    return this.children.recordAgeAssessment(caller, caseId, body);
  }

  @Route({
    method: 'POST',
    path: 'views',
    permission: ['update', 'Case'],
    summary: "Record the child's views",
    body: recordChildViewsRequestSchema,
    response: childViewsSchema,
  })
  recordViews(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @Body() body: RecordChildViewsRequest,
  ): Promise<ChildViews> {
    return this.children.recordViews(caller, caseId, body);
  }

  @Route({
    method: 'POST',
    path: 'best-interests',
    permission: ['update', 'Case'],
    summary: 'Record a best-interests assessment, or a determination for a supervisor to approve',
    body: recordBestInterestsRequestSchema,
    response: bestInterestsSchema,
  })
  recordBestInterests(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @Body() body: RecordBestInterestsRequest,
  ): Promise<BestInterests> {
    return this.children.recordBestInterests(caller, caseId, body);
  }

  @Route({
    method: 'POST',
    path: 'best-interests/:recordId/decision',
    permission: ['approve', 'Case'],
    summary: 'Approve or reject a best-interests determination, or revoke an approved one (supervisors)',
    body: decideBestInterestsRequestSchema,
    response: bestInterestsSchema,
  })
  decide(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @UuidParam('recordId') recordId: string,
    @Body() body: DecideBestInterestsRequest,
  ): Promise<BestInterests> {
    return this.children.decide(caller, caseId, recordId, body);
  }
}
