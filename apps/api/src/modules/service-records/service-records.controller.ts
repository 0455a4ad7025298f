import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { recordServiceRequestSchema, serviceRecordListSchema, serviceRecordSchema, type RecordServiceRequest, type ServiceRecord } from '@haven/contracts';
import { CurrentCaller, RequireAccess } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { ZodPipe } from '../../core/errors/zod-body.pipe.js';
import { ApiContract } from '../../core/http/api-contract.decorator.js';
import { ServiceRecordsService } from './service-records.service.js';

const uuid = new ParseUUIDPipe();

@Controller('cases/:id/services')
export class ServiceRecordsController {
  constructor(private readonly records: ServiceRecordsService) {}

  @Get()
  @RequireAccess('read', 'Case')
  @ApiContract({ summary: 'Services given to the survivor, most recent first', response: serviceRecordListSchema })
  list(@CurrentCaller() caller: Caller, @Param('id', uuid) caseId: string): Promise<{ items: ServiceRecord[] }> {
    return this.records.list(caller, caseId);
  }

  @Post()
  @RequireAccess('update', 'Case')
  @ApiContract({ summary: 'Record a service given (type, date, provider, outcome, notes)', body: recordServiceRequestSchema, response: serviceRecordSchema, status: 201 })
  record(@CurrentCaller() caller: Caller, @Param('id', uuid) caseId: string, @Body(new ZodPipe(recordServiceRequestSchema)) body: RecordServiceRequest): Promise<ServiceRecord> {
    return this.records.record(caller, caseId, body);
  }
}
