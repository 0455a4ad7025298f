import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import {
  caseAccessLogQuerySchema,
  caseAccessLogResponseSchema,
  systemEventQuerySchema,
  systemEventResponseSchema,
  type CaseAccessLogQuery,
  type CaseAccessLogResponse,
  type SystemEventQuery,
  type SystemEventResponse,
} from '@haven/contracts';
import { CurrentCaller, RequireAccess } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { ZodPipe } from '../../core/errors/zod-body.pipe.js';
import { ApiContract } from '../../core/http/api-contract.decorator.js';
import { AccessLogService } from './access-log.service.js';

@Controller()
export class AccessLogController {
  constructor(private readonly logs: AccessLogService) {}

  @Get('cases/:id/access-log')
  @RequireAccess('read', 'AuditLog')
  @ApiContract({ summary: 'Who viewed the identity, changed or shared the case, when and from where (supervisors of its organisation)', query: caseAccessLogQuerySchema, response: caseAccessLogResponseSchema })
  caseLog(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string, @Query(new ZodPipe(caseAccessLogQuerySchema)) query: CaseAccessLogQuery): Promise<CaseAccessLogResponse> {
    return this.logs.caseLog(caller, id, query);
  }

  @Get('audit/events')
  @RequireAccess('list', 'AuditLog')
  @ApiContract({ summary: 'Sign-in events and system changes, never about cases (administrators)', query: systemEventQuerySchema, response: systemEventResponseSchema })
  systemEvents(@CurrentCaller() caller: Caller, @Query(new ZodPipe(systemEventQuerySchema)) query: SystemEventQuery): Promise<SystemEventResponse> {
    return this.logs.systemEvents(caller, query);
  }
}
