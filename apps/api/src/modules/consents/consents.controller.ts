import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  consentListSchema,
  consentSchema,
  recordConsentRequestSchema,
  withdrawConsentRequestSchema,
  type Consent,
  type WithdrawConsentRequest,
} from '@haven/contracts';
import { CurrentCaller, RequireAccess } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { ZodPipe } from '../../core/errors/zod-body.pipe.js';
import { ApiContract } from '../../core/http/api-contract.decorator.js';
import { ConsentsService, type RecordConsentCommand } from './consents.service.js';

const uuid = new ParseUUIDPipe();

@Controller('cases/:id/consents')
export class ConsentsController {
  constructor(private readonly consents: ConsentsService) {}

  @Get()
  @RequireAccess('read', 'Case')
  @ApiContract({ summary: 'Consents recorded on the case, per purpose, with withdrawals', response: consentListSchema })
  list(@CurrentCaller() caller: Caller, @Param('id', uuid) caseId: string): Promise<{ items: Consent[] }> {
    return this.consents.list(caller, caseId);
  }

  @Post()
  @RequireAccess('update', 'Case')
  @ApiContract({ summary: 'Record consent for a purpose (a referral consent names its recipient)', body: recordConsentRequestSchema, response: consentSchema, status: 201 })
  record(@CurrentCaller() caller: Caller, @Param('id', uuid) caseId: string, @Body(new ZodPipe(recordConsentRequestSchema)) body: RecordConsentCommand): Promise<Consent> {
    return this.consents.record(caller, caseId, body);
  }

  @Post(':consentId/withdraw')
  @HttpCode(200)
  @RequireAccess('update', 'Case')
  @ApiContract({ summary: 'Withdraw a consent (409 if already withdrawn)', body: withdrawConsentRequestSchema, response: consentSchema, status: 200 })
  withdraw(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) caseId: string,
    @Param('consentId', uuid) consentId: string,
    @Body(new ZodPipe(withdrawConsentRequestSchema)) body: WithdrawConsentRequest,
  ): Promise<Consent> {
    return this.consents.withdraw(caller, caseId, consentId, body);
  }
}
