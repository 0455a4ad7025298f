import { Controller } from '@nestjs/common';
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
import { CurrentCaller } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { Query, Route, UuidParam } from '../../core/http/route.decorator.js';
import { AccessLogService } from './access-log.service.js';

@Controller()
export class AccessLogController {
  constructor(private readonly logs: AccessLogService) {}

  @Route({
    method: 'GET',
    path: 'cases/:id/access-log',
    permission: ['read', 'AuditLog'],
    summary:
      'Who viewed the identity, changed or shared the case, when and from where (supervisors of its organisation)',
    query: caseAccessLogQuerySchema,
    response: caseAccessLogResponseSchema,
  })
  caseLog(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Query() query: CaseAccessLogQuery,
  ): Promise<CaseAccessLogResponse> {
    return this.logs.caseLog(caller, id, query);
  }

  @Route({
    method: 'GET',
    path: 'audit/events',
    permission: ['list', 'AuditLog'],
    summary: 'Sign-in events and system changes, never about cases (administrators)',
    query: systemEventQuerySchema,
    response: systemEventResponseSchema,
  })
  systemEvents(@CurrentCaller() caller: Caller, @Query() query: SystemEventQuery): Promise<SystemEventResponse> {
    return this.logs.systemEvents(caller, query);
  }
}
