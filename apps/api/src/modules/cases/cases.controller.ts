import { Controller } from '@nestjs/common';
import {
  assignCaseRequestSchema,
  reassignCasesRequestSchema,
  reassignCasesResponseSchema,
  caseDetailSchema,
  caseListQuerySchema,
  caseListResponseSchema,
  closureRequestSchema,
  decisionRequestSchema,
  duplicateCheckRequestSchema,
  duplicateCheckResponseSchema,
  historyResponseSchema,
  historyQuerySchema,
  registerCaseRequestSchema,
  registerCaseResponseSchema,
  reopenRequestSchema,
  survivorIdentitySchema,
  updateCaseRequestSchema,
  updateIdentityRequestSchema,
  type AssignCaseRequest,
  type ReassignCasesRequest,
  type ReassignCasesResponse,
  type CaseDetail,
  type CaseListQuery,
  type CaseListResponse,
  type ClosureRequest,
  type DecisionRequest,
  type DuplicateCheckResponse,
  type HistoryResponse,
  type HistoryQuery,
  type RegisterCaseCommand,
  type RegisterCaseResponse,
  type ReopenRequest,
  type SurvivorIdentity,
  type UpdateCaseRequest,
  type UpdateIdentityRequest,
} from '@haven/contracts';
import { z } from 'zod';
import { CurrentCaller } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { Body, Query, Route, UuidParam } from '../../core/http/route.decorator.js';
import { CasesService } from './cases.service.js';

@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Route({
    method: 'POST',
    permission: ['create', 'Case'],
    summary: 'Register a survivor (case + encrypted identity)',
    body: registerCaseRequestSchema,
    response: registerCaseResponseSchema,
  })
  register(@CurrentCaller() caller: Caller, @Body() body: RegisterCaseCommand): Promise<RegisterCaseResponse> {
    return this.cases.register(caller, body);
  }

  @Route({
    method: 'POST',
    path: 'duplicate-check',
    permission: ['create', 'Case'],
    summary: 'Possible existing cases of your organisation for a name and birth year (references only)',
    body: duplicateCheckRequestSchema,
    response: duplicateCheckResponseSchema,
    status: 200,
  })
  checkDuplicates(
    @CurrentCaller() caller: Caller,
    @Body() body: z.output<typeof duplicateCheckRequestSchema>,
  ): Promise<DuplicateCheckResponse> {
    return this.cases.checkDuplicates(caller, body);
  }

  @Route({
    method: 'GET',
    permission: ['list', 'Case'],
    summary: 'Cases in your scope, without names',
    query: caseListQuerySchema,
    response: caseListResponseSchema,
  })
  list(@CurrentCaller() caller: Caller, @Query() query: CaseListQuery): Promise<CaseListResponse> {
    return this.cases.list(caller, query);
  }

  @Route({ method: 'GET', path: ':id', permission: ['read', 'Case'], summary: 'One case', response: caseDetailSchema })
  get(@CurrentCaller() caller: Caller, @UuidParam('id') id: string): Promise<CaseDetail> {
    return this.cases.get(caller, id);
  }

  @Route({
    method: 'PATCH',
    path: ':id',
    permission: ['update', 'Case'],
    summary: 'Update the case and its trafficking profile (409 if the version is stale)',
    body: updateCaseRequestSchema,
    response: caseDetailSchema,
  })
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: UpdateCaseRequest,
  ): Promise<CaseDetail> {
    return this.cases.update(caller, id, body);
  }

  @Route({
    method: 'GET',
    path: ':id/identity',
    permission: ['readIdentity', 'Case'],
    summary: 'The survivor identity (every read is audited)',
    response: survivorIdentitySchema,
  })
  identity(@CurrentCaller() caller: Caller, @UuidParam('id') id: string): Promise<SurvivorIdentity> {
    return this.cases.readIdentity(caller, id);
  }

  @Route({
    method: 'PATCH',
    path: ':id/identity',
    permission: ['readIdentity', 'Case'],
    summary: 'Update the survivor identity (409 if the case version is stale)',
    body: updateIdentityRequestSchema,
    response: survivorIdentitySchema,
  })
  updateIdentity(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: UpdateIdentityRequest,
  ): Promise<SurvivorIdentity> {
    return this.cases.updateIdentity(caller, id, body);
  }

  @Route({
    method: 'POST',
    path: 'reassignment',
    permission: ['assign', 'Case'],
    summary:
      'Hand several cases to one colleague at once (supervisors): all or none; any case outside your scope answers 404 and nothing changes',
    body: reassignCasesRequestSchema,
    response: reassignCasesResponseSchema,
    status: 200,
  })
  reassignMany(@CurrentCaller() caller: Caller, @Body() body: ReassignCasesRequest): Promise<ReassignCasesResponse> {
    return this.cases.reassignMany(caller, body);
  }

  @Route({
    method: 'POST',
    path: ':id/assignee',
    permission: ['assign', 'Case'],
    summary: 'Assign or reassign the case (supervisors)',
    body: assignCaseRequestSchema,
    response: caseDetailSchema,
    status: 200,
  })
  assign(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: AssignCaseRequest,
  ): Promise<CaseDetail> {
    return this.cases.assign(caller, id, body);
  }

  @Route({
    method: 'POST',
    path: ':id/closure',
    permission: ['update', 'Case'],
    summary: 'Ask to close the case with a reason (a supervisor’s own request closes it)',
    body: closureRequestSchema,
    response: caseDetailSchema,
    status: 200,
  })
  requestClosure(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: ClosureRequest,
  ): Promise<CaseDetail> {
    return this.cases.requestClosure(caller, id, body);
  }

  @Route({
    method: 'POST',
    path: ':id/closure/decision',
    permission: ['approve', 'Case'],
    summary: 'Approve or reject a closure request (supervisors)',
    body: decisionRequestSchema,
    response: caseDetailSchema,
    status: 200,
  })
  decideClosure(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: DecisionRequest,
  ): Promise<CaseDetail> {
    return this.cases.decideClosure(caller, id, body);
  }

  @Route({
    method: 'POST',
    path: ':id/reopen',
    permission: ['update', 'Case'],
    summary: 'Reopen a closed case, with a reason',
    body: reopenRequestSchema,
    response: caseDetailSchema,
    status: 200,
  })
  reopen(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: ReopenRequest,
  ): Promise<CaseDetail> {
    return this.cases.reopen(caller, id, body);
  }

  @Route({
    method: 'GET',
    path: ':id/history',
    permission: ['read', 'Case'],
    summary: 'Who changed what and when (fields you may not read are left out)',
    query: historyQuerySchema,
    response: historyResponseSchema,
  })
  history(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Query() query: HistoryQuery,
  ): Promise<HistoryResponse> {
    return this.cases.history(caller, id, query);
  }
}
