import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  assignCaseRequestSchema,
  caseDetailSchema,
  caseListQuerySchema,
  caseListResponseSchema,
  closureRequestSchema,
  decisionRequestSchema,
  duplicateCheckRequestSchema,
  duplicateCheckResponseSchema,
  historyResponseSchema,
  pageQuerySchema,
  registerCaseRequestSchema,
  registerCaseResponseSchema,
  reopenRequestSchema,
  survivorIdentitySchema,
  updateCaseRequestSchema,
  updateIdentityRequestSchema,
  type AssignCaseRequest,
  type CaseDetail,
  type CaseListQuery,
  type CaseListResponse,
  type ClosureRequest,
  type DecisionRequest,
  type DuplicateCheckResponse,
  type HistoryResponse,
  type PageQuery,
  type RegisterCaseCommand,
  type RegisterCaseResponse,
  type ReopenRequest,
  type SurvivorIdentity,
  type UpdateCaseRequest,
  type UpdateIdentityRequest,
} from '@haven/contracts';
import { z } from 'zod';
import { CurrentCaller, RequireAccess } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { ZodPipe } from '../../core/errors/zod-body.pipe.js';
import { ApiContract } from '../../core/http/api-contract.decorator.js';
import { CasesService } from './cases.service.js';

const caseId = new ParseUUIDPipe();

@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @RequireAccess('create', 'Case')
  @ApiContract({ summary: 'Register a survivor (case + encrypted identity)', body: registerCaseRequestSchema, response: registerCaseResponseSchema, status: 201 })
  register(@CurrentCaller() caller: Caller, @Body(new ZodPipe(registerCaseRequestSchema)) body: RegisterCaseCommand): Promise<RegisterCaseResponse> {
    return this.cases.register(caller, body);
  }

  @Post('duplicate-check')
  @RequireAccess('create', 'Case')
  @HttpCode(200)
  @ApiContract({ summary: 'Possible existing cases of your organisation for a name and birth year (references only)', body: duplicateCheckRequestSchema, response: duplicateCheckResponseSchema, status: 200 })
  checkDuplicates(@CurrentCaller() caller: Caller, @Body(new ZodPipe(duplicateCheckRequestSchema)) body: z.output<typeof duplicateCheckRequestSchema>): Promise<DuplicateCheckResponse> {
    return this.cases.checkDuplicates(caller, body);
  }

  @Get()
  @RequireAccess('list', 'Case')
  @ApiContract({ summary: 'Cases in your scope, without names', query: caseListQuerySchema, response: caseListResponseSchema })
  list(@CurrentCaller() caller: Caller, @Query(new ZodPipe(caseListQuerySchema)) query: CaseListQuery): Promise<CaseListResponse> {
    return this.cases.list(caller, query);
  }

  @Get(':id')
  @RequireAccess('read', 'Case')
  @ApiContract({ summary: 'One case', response: caseDetailSchema })
  get(@CurrentCaller() caller: Caller, @Param('id', caseId) id: string): Promise<CaseDetail> {
    return this.cases.get(caller, id);
  }

  @Patch(':id')
  @RequireAccess('update', 'Case')
  @ApiContract({ summary: 'Update the case and its trafficking profile (409 if the version is stale)', body: updateCaseRequestSchema, response: caseDetailSchema })
  update(@CurrentCaller() caller: Caller, @Param('id', caseId) id: string, @Body(new ZodPipe(updateCaseRequestSchema)) body: UpdateCaseRequest): Promise<CaseDetail> {
    return this.cases.update(caller, id, body);
  }

  @Get(':id/identity')
  @RequireAccess('readIdentity', 'Case')
  @ApiContract({ summary: 'The survivor identity (every read is audited)', response: survivorIdentitySchema })
  identity(@CurrentCaller() caller: Caller, @Param('id', caseId) id: string): Promise<SurvivorIdentity> {
    return this.cases.readIdentity(caller, id);
  }

  @Patch(':id/identity')
  @RequireAccess('readIdentity', 'Case')
  @ApiContract({ summary: 'Update the survivor identity (409 if the case version is stale)', body: updateIdentityRequestSchema, response: survivorIdentitySchema })
  updateIdentity(@CurrentCaller() caller: Caller, @Param('id', caseId) id: string, @Body(new ZodPipe(updateIdentityRequestSchema)) body: UpdateIdentityRequest): Promise<SurvivorIdentity> {
    return this.cases.updateIdentity(caller, id, body);
  }

  @Post(':id/assignee')
  @RequireAccess('assign', 'Case')
  @HttpCode(200)
  @ApiContract({ summary: 'Assign or reassign the case (supervisors)', body: assignCaseRequestSchema, response: caseDetailSchema, status: 200 })
  assign(@CurrentCaller() caller: Caller, @Param('id', caseId) id: string, @Body(new ZodPipe(assignCaseRequestSchema)) body: AssignCaseRequest): Promise<CaseDetail> {
    return this.cases.assign(caller, id, body);
  }

  @Post(':id/closure')
  @RequireAccess('update', 'Case')
  @HttpCode(200)
  @ApiContract({ summary: 'Ask to close the case with a reason (a supervisor’s own request closes it)', body: closureRequestSchema, response: caseDetailSchema, status: 200 })
  requestClosure(@CurrentCaller() caller: Caller, @Param('id', caseId) id: string, @Body(new ZodPipe(closureRequestSchema)) body: ClosureRequest): Promise<CaseDetail> {
    return this.cases.requestClosure(caller, id, body);
  }

  @Post(':id/closure/decision')
  @RequireAccess('approve', 'Case')
  @HttpCode(200)
  @ApiContract({ summary: 'Approve or reject a closure request (supervisors)', body: decisionRequestSchema, response: caseDetailSchema, status: 200 })
  decideClosure(@CurrentCaller() caller: Caller, @Param('id', caseId) id: string, @Body(new ZodPipe(decisionRequestSchema)) body: DecisionRequest): Promise<CaseDetail> {
    return this.cases.decideClosure(caller, id, body);
  }

  @Post(':id/reopen')
  @RequireAccess('update', 'Case')
  @HttpCode(200)
  @ApiContract({ summary: 'Reopen a closed case, with a reason', body: reopenRequestSchema, response: caseDetailSchema, status: 200 })
  reopen(@CurrentCaller() caller: Caller, @Param('id', caseId) id: string, @Body(new ZodPipe(reopenRequestSchema)) body: ReopenRequest): Promise<CaseDetail> {
    return this.cases.reopen(caller, id, body);
  }

  @Get(':id/history')
  @RequireAccess('read', 'Case')
  @ApiContract({ summary: 'Who changed what and when (fields you may not read are left out)', query: pageQuerySchema, response: historyResponseSchema })
  history(@CurrentCaller() caller: Caller, @Param('id', caseId) id: string, @Query(new ZodPipe(pageQuerySchema.strict())) page: PageQuery): Promise<HistoryResponse> {
    return this.cases.history(caller, id, page);
  }
}
