import { Controller } from '@nestjs/common';
import {
  addFollowUpRequestSchema,
  createProgrammeRequestSchema,
  programmeDetailSchema,
  programmeEnrolmentSchema,
  programmeListQuerySchema,
  programmeListSchema,
  recordAttendanceRequestSchema,
  updateEnrolmentRequestSchema,
  updateProgrammeRequestSchema,
  type AddFollowUpRequest,
  type CreateProgrammeRequest,
  type ProgrammeDetail,
  type ProgrammeEnrolment,
  type ProgrammeList,
  type ProgrammeListQuery,
  type RecordAttendanceRequest,
  type UpdateEnrolmentRequest,
  type UpdateProgrammeRequest,
} from '@haven/contracts';
import { CurrentCaller } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { Body, Query, Route, UuidParam } from '../../core/http/route.decorator.js';
import { TrainingService } from './training.service.js';

@Controller('training-programmes')
export class TrainingProgrammesController {
  constructor(private readonly training: TrainingService) {}

  @Route({
    method: 'GET',
    permission: ['read', 'TrainingProgramme'],
    summary:
      'Programmes of your organisation, or those it provides (partners), one page by cursor (by trade by default), with seats taken and waiting',
    query: programmeListQuerySchema,
    response: programmeListSchema,
  })
  list(@CurrentCaller() caller: Caller, @Query() query: ProgrammeListQuery): Promise<ProgrammeList> {
    return this.training.listProgrammes(caller, query);
  }

  @Route({
    method: 'POST',
    permission: ['create', 'TrainingProgramme'],
    summary: 'Set up a programme run by a provider organisation (supervisors)',
    body: createProgrammeRequestSchema,
    response: programmeDetailSchema,
  })
  create(@CurrentCaller() caller: Caller, @Body() body: CreateProgrammeRequest): Promise<ProgrammeDetail> {
    return this.training.createProgramme(caller, body);
  }

  @Route({
    method: 'GET',
    path: ':id',
    permission: ['read', 'TrainingProgramme'],
    summary: 'One programme with its enrolments by case reference (never names)',
    response: programmeDetailSchema,
  })
  get(@CurrentCaller() caller: Caller, @UuidParam('id') id: string): Promise<ProgrammeDetail> {
    return this.training.getProgramme(caller, id);
  }

  @Route({
    method: 'PATCH',
    path: ':id',
    permission: ['manage', 'TrainingProgramme'],
    summary: 'Change a programme (supervisors; more seats move the waiting list up; 409 if the version is stale)',
    body: updateProgrammeRequestSchema,
    response: programmeDetailSchema,
  })
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: UpdateProgrammeRequest,
  ): Promise<ProgrammeDetail> {
    return this.training.updateProgramme(caller, id, body);
  }

  @Route({
    method: 'PATCH',
    path: ':programmeId/enrolments/:enrolmentId',
    permission: ['update', 'TrainingProgramme'],
    summary:
      'Record attendance, completion, certificate (also the provider), dropout and outcome; a dropout gives the seat to the longest-waiting',
    body: updateEnrolmentRequestSchema,
    response: programmeEnrolmentSchema,
  })
  updateEnrolment(
    @CurrentCaller() caller: Caller,
    @UuidParam('programmeId') programmeId: string,
    @UuidParam('enrolmentId') enrolmentId: string,
    @Body() body: UpdateEnrolmentRequest,
  ): Promise<ProgrammeEnrolment> {
    return this.training.updateEnrolment(caller, programmeId, enrolmentId, body);
  }

  @Route({
    method: 'PUT',
    path: ':programmeId/enrolments/:enrolmentId/attendance',
    permission: ['update', 'TrainingProgramme'],
    summary:
      'Record one session’s attendance by date (also the provider); a second record for the same date replaces it; the attended figure counts the sessions present',
    body: recordAttendanceRequestSchema,
    response: programmeEnrolmentSchema,
  })
  recordAttendance(
    @CurrentCaller() caller: Caller,
    @UuidParam('programmeId') programmeId: string,
    @UuidParam('enrolmentId') enrolmentId: string,
    @Body() body: RecordAttendanceRequest,
  ): Promise<ProgrammeEnrolment> {
    return this.training.recordAttendance(caller, programmeId, enrolmentId, body);
  }

  @Route({
    method: 'POST',
    path: ':programmeId/enrolments/:enrolmentId/follow-ups',
    permission: ['update', 'TrainingProgramme'],
    summary:
      'Add a dated follow-up after training with the outcome (the programme’s own organisation); the latest follow-up’s outcome is the enrolment’s',
    body: addFollowUpRequestSchema,
    response: programmeEnrolmentSchema,
  })
  addFollowUp(
    @CurrentCaller() caller: Caller,
    @UuidParam('programmeId') programmeId: string,
    @UuidParam('enrolmentId') enrolmentId: string,
    @Body() body: AddFollowUpRequest,
  ): Promise<ProgrammeEnrolment> {
    return this.training.addFollowUp(caller, programmeId, enrolmentId, body);
  }
}
