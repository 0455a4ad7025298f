import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  caseListQuerySchema,
  registerCaseRequestSchema,
  type CaseDetail,
  type CaseListQuery,
  type CaseListResponse,
  type RegisterCaseCommand,
  type SurvivorIdentity,
} from '@haven/contracts';
import { CurrentCaller, RequireAccess } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { ZodPipe } from '../../core/errors/zod-body.pipe.js';
import { CasesService } from './cases.service.js';

@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @RequireAccess('create', 'Case')
  register(@CurrentCaller() caller: Caller, @Body(new ZodPipe(registerCaseRequestSchema)) body: RegisterCaseCommand): Promise<CaseDetail> {
    return this.cases.register(caller, body);
  }

  @Get()
  @RequireAccess('list', 'Case')
  list(@CurrentCaller() caller: Caller, @Query(new ZodPipe(caseListQuerySchema)) query: CaseListQuery): Promise<CaseListResponse> {
    return this.cases.list(caller, query);
  }

  @Get(':id')
  @RequireAccess('read', 'Case')
  get(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string): Promise<CaseDetail> {
    return this.cases.get(caller, id);
  }

  @Get(':id/identity')
  @RequireAccess('readIdentity', 'Case')
  identity(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string): Promise<SurvivorIdentity> {
    return this.cases.readIdentity(caller, id);
  }
}
