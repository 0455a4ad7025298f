import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import {
  createProgrammeRequestSchema,
  programmeDetailSchema,
  programmeEnrolmentSchema,
  programmeListSchema,
  updateEnrolmentRequestSchema,
  updateProgrammeRequestSchema,
  type CreateProgrammeRequest,
  type ProgrammeDetail,
  type ProgrammeEnrolment,
  type ProgrammeList,
  type UpdateEnrolmentRequest,
  type UpdateProgrammeRequest,
} from '@haven/contracts';
import { CurrentCaller, RequireAccess } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { ZodPipe } from '../../core/errors/zod-body.pipe.js';
import { ApiContract } from '../../core/http/api-contract.decorator.js';
import { TrainingService } from './training.service.js';

const uuid = new ParseUUIDPipe();

@Controller('training-programmes')
export class TrainingProgrammesController {
  constructor(private readonly training: TrainingService) {}

  @Get()
  @RequireAccess('read', 'TrainingProgramme')
  @ApiContract({ summary: 'Programmes of your organisation, or those it provides (partners), with seats taken and waiting', response: programmeListSchema })
  list(@CurrentCaller() caller: Caller): Promise<ProgrammeList> {
    return this.training.listProgrammes(caller);
  }

  @Post()
  @RequireAccess('create', 'TrainingProgramme')
  @ApiContract({ summary: 'Set up a programme run by a provider organisation (supervisors)', body: createProgrammeRequestSchema, response: programmeDetailSchema, status: 201 })
  create(@CurrentCaller() caller: Caller, @Body(new ZodPipe(createProgrammeRequestSchema)) body: CreateProgrammeRequest): Promise<ProgrammeDetail> {
    return this.training.createProgramme(caller, body);
  }

  @Get(':id')
  @RequireAccess('read', 'TrainingProgramme')
  @ApiContract({ summary: 'One programme with its enrolments by case reference (never names)', response: programmeDetailSchema })
  get(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string): Promise<ProgrammeDetail> {
    return this.training.getProgramme(caller, id);
  }

  @Patch(':id')
  @RequireAccess('manage', 'TrainingProgramme')
  @ApiContract({ summary: 'Change a programme (supervisors; more seats move the waiting list up; 409 if the version is stale)', body: updateProgrammeRequestSchema, response: programmeDetailSchema })
  update(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body(new ZodPipe(updateProgrammeRequestSchema)) body: UpdateProgrammeRequest): Promise<ProgrammeDetail> {
    return this.training.updateProgramme(caller, id, body);
  }

  @Patch(':programmeId/enrolments/:enrolmentId')
  @RequireAccess('update', 'TrainingProgramme')
  @ApiContract({
    summary: 'Record attendance, completion, certificate (also the provider), dropout and outcome; a dropout gives the seat to the longest-waiting',
    body: updateEnrolmentRequestSchema,
    response: programmeEnrolmentSchema,
  })
  updateEnrolment(
    @CurrentCaller() caller: Caller,
    @Param('programmeId', uuid) programmeId: string,
    @Param('enrolmentId', uuid) enrolmentId: string,
    @Body(new ZodPipe(updateEnrolmentRequestSchema)) body: UpdateEnrolmentRequest,
  ): Promise<ProgrammeEnrolment> {
    return this.training.updateEnrolment(caller, programmeId, enrolmentId, body);
  }
}
