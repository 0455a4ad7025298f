import { Controller } from '@nestjs/common';
import {
  consentListSchema,
  consentSchema,
  recordConsentRequestSchema,
  withdrawConsentRequestSchema,
  type Consent,
  type WithdrawConsentRequest,
} from '@haven/contracts';
import { CurrentCaller } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { Body, Route, UuidParam } from '../../core/http/route.decorator.js';
import { ConsentsService, type RecordConsentCommand } from './consents.service.js';

@Controller('cases/:id/consents')
export class ConsentsController {
  constructor(private readonly consents: ConsentsService) {}

  @Route({
    method: 'GET',
    permission: ['read', 'Case'],
    summary: 'Consents recorded on the case, per purpose, with withdrawals',
    response: consentListSchema,
  })
  list(@CurrentCaller() caller: Caller, @UuidParam('id') caseId: string): Promise<{ items: Consent[] }> {
    return this.consents.list(caller, caseId);
  }

  @Route({
    method: 'POST',
    permission: ['update', 'Case'],
    summary: 'Record consent for a purpose (a referral consent names its recipient)',
    body: recordConsentRequestSchema,
    response: consentSchema,
  })
  record(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @Body() body: RecordConsentCommand,
  ): Promise<Consent> {
    return this.consents.record(caller, caseId, body);
  }

  @Route({
    method: 'POST',
    path: ':consentId/withdraw',
    permission: ['update', 'Case'],
    summary: 'Withdraw a consent (409 if already withdrawn)',
    body: withdrawConsentRequestSchema,
    response: consentSchema,
    status: 200,
  })
  withdraw(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @UuidParam('consentId') consentId: string,
    @Body() body: WithdrawConsentRequest,
  ): Promise<Consent> {
    return this.consents.withdraw(caller, caseId, consentId, body);
  }
}
