import { Controller } from '@nestjs/common';
import {
  recordServiceRequestSchema,
  serviceRecordListSchema,
  serviceRecordSchema,
  type RecordServiceRequest,
  type ServiceRecord,
} from '@haven/contracts';
import { CurrentCaller } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { Body, Route, UuidParam } from '../../core/http/route.decorator.js';
import { ServiceRecordsService } from './service-records.service.js';

@Controller('cases/:id/services')
export class ServiceRecordsController {
  constructor(private readonly records: ServiceRecordsService) {}

  @Route({
    method: 'GET',
    permission: ['read', 'Case'],
    summary: 'Services given to the survivor, most recent first',
    response: serviceRecordListSchema,
  })
  list(@CurrentCaller() caller: Caller, @UuidParam('id') caseId: string): Promise<{ items: ServiceRecord[] }> {
    return this.records.list(caller, caseId);
  }

  @Route({
    method: 'POST',
    permission: ['update', 'Case'],
    summary: 'Record a service given (type, date, provider, outcome, notes)',
    body: recordServiceRequestSchema,
    response: serviceRecordSchema,
  })
  record(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @Body() body: RecordServiceRequest,
  ): Promise<ServiceRecord> {
    return this.records.record(caller, caseId, body);
  }
}
