import { Controller } from '@nestjs/common';
import {
  decideTransferRequestSchema,
  incomingTransferListSchema,
  incomingTransferQuerySchema,
  proposeTransferRequestSchema,
  transferListSchema,
  transferSchema,
  withdrawReferralRequestSchema,
  type IncomingTransferList,
  type IncomingTransferQuery,
  type ProposeTransferCommand,
  type Transfer,
} from '@haven/contracts';
import { CurrentCaller } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { Body, Query, Route, UuidParam } from '../../core/http/route.decorator.js';
import { TransfersService } from './transfers.service.js';

@Controller('cases/:id/transfers')
export class CaseTransfersController {
  constructor(private readonly transfers: TransfersService) {}

  @Route({
    method: 'GET',
    permission: ['read', 'Case'],
    summary: 'Transfers proposed for the case',
    response: transferListSchema,
  })
  list(@CurrentCaller() caller: Caller, @UuidParam('id') caseId: string): Promise<{ items: Transfer[] }> {
    return this.transfers.listForCase(caller, caseId);
  }

  @Route({
    method: 'POST',
    permission: ['approve', 'Case'],
    summary: 'Propose handing the case to another organisation (supervisors)',
    body: proposeTransferRequestSchema,
    response: transferSchema,
  })
  propose(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @Body() body: ProposeTransferCommand,
  ): Promise<Transfer> {
    return this.transfers.propose(caller, caseId, body);
  }

  @Route({
    method: 'POST',
    path: ':transferId/cancel',
    permission: ['approve', 'Case'],
    summary: 'Cancel a proposed transfer',
    body: withdrawReferralRequestSchema,
    response: transferSchema,
    status: 200,
  })
  cancel(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @UuidParam('transferId') transferId: string,
    @Body() body: { version: number },
  ): Promise<Transfer> {
    return this.transfers.cancel(caller, caseId, transferId, body.version);
  }
}

@Controller('transfers')
export class IncomingTransfersController {
  constructor(private readonly transfers: TransfersService) {}

  @Route({
    method: 'GET',
    path: 'incoming',
    permission: ['read', 'Transfer'],
    summary: 'Transfers proposed to your organisation, one page by cursor (newest first by default)',
    query: incomingTransferQuerySchema,
    response: incomingTransferListSchema,
  })
  incoming(@CurrentCaller() caller: Caller, @Query() query: IncomingTransferQuery): Promise<IncomingTransferList> {
    return this.transfers.incoming(caller, query);
  }

  @Route({
    method: 'POST',
    path: ':transferId/decision',
    permission: ['update', 'Transfer'],
    summary: 'Accept (the case moves to your organisation) or reject a transfer',
    body: decideTransferRequestSchema,
    response: transferSchema,
    status: 200,
  })
  decide(
    @CurrentCaller() caller: Caller,
    @UuidParam('transferId') transferId: string,
    @Body() body: { version: number; decision: 'accept' | 'reject'; comment?: string },
  ): Promise<Transfer> {
    return this.transfers.decide(caller, transferId, body);
  }
}
