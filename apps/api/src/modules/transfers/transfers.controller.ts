import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  decideTransferRequestSchema,
  proposeTransferRequestSchema,
  transferListSchema,
  transferSchema,
  withdrawReferralRequestSchema,
  type ProposeTransferRequest,
  type Transfer,
} from '@haven/contracts';
import { CurrentCaller, RequireAccess } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { ZodPipe } from '../../core/errors/zod-body.pipe.js';
import { ApiContract } from '../../core/http/api-contract.decorator.js';
import { TransfersService } from './transfers.service.js';

const uuid = new ParseUUIDPipe();

@Controller('cases/:id/transfers')
export class CaseTransfersController {
  constructor(private readonly transfers: TransfersService) {}

  @Get()
  @RequireAccess('read', 'Case')
  @ApiContract({ summary: 'Transfers proposed for the case', response: transferListSchema })
  list(@CurrentCaller() caller: Caller, @Param('id', uuid) caseId: string): Promise<{ items: Transfer[] }> {
    return this.transfers.listForCase(caller, caseId);
  }

  @Post()
  @RequireAccess('approve', 'Case')
  @ApiContract({ summary: 'Propose handing the case to another organisation (supervisors)', body: proposeTransferRequestSchema, response: transferSchema, status: 201 })
  propose(@CurrentCaller() caller: Caller, @Param('id', uuid) caseId: string, @Body(new ZodPipe(proposeTransferRequestSchema)) body: ProposeTransferRequest): Promise<Transfer> {
    return this.transfers.propose(caller, caseId, body);
  }

  @Post(':transferId/cancel')
  @HttpCode(200)
  @RequireAccess('approve', 'Case')
  @ApiContract({ summary: 'Cancel a proposed transfer', body: withdrawReferralRequestSchema, response: transferSchema, status: 200 })
  cancel(@CurrentCaller() caller: Caller, @Param('id', uuid) caseId: string, @Param('transferId', uuid) transferId: string, @Body(new ZodPipe(withdrawReferralRequestSchema)) body: { version: number }): Promise<Transfer> {
    return this.transfers.cancel(caller, caseId, transferId, body.version);
  }
}

@Controller('transfers')
export class IncomingTransfersController {
  constructor(private readonly transfers: TransfersService) {}

  @Get('incoming')
  @RequireAccess('read', 'Transfer')
  @ApiContract({ summary: 'Transfers proposed to your organisation', response: transferListSchema })
  incoming(@CurrentCaller() caller: Caller): Promise<{ items: Transfer[] }> {
    return this.transfers.incoming(caller);
  }

  @Post(':transferId/decision')
  @HttpCode(200)
  @RequireAccess('update', 'Transfer')
  @ApiContract({ summary: 'Accept (the case moves to your organisation) or reject a transfer', body: decideTransferRequestSchema, response: transferSchema, status: 200 })
  decide(@CurrentCaller() caller: Caller, @Param('transferId', uuid) transferId: string, @Body(new ZodPipe(decideTransferRequestSchema)) body: { version: number; decision: 'accept' | 'reject'; comment?: string }): Promise<Transfer> {
    return this.transfers.decide(caller, transferId, body);
  }
}
