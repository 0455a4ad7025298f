import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  completeReferralRequestSchema,
  declineReferralRequestSchema,
  inboxQuerySchema,
  inboxResponseSchema,
  lensPreviewRequestSchema,
  lensViewSchema,
  partnerReferralSchema,
  partnerServiceRequestSchema,
  referralListSchema,
  referralSchema,
  respondReferralRequestSchema,
  sendReferralRequestSchema,
  withdrawReferralRequestSchema,
  type InboxQuery,
  type InboxResponse,
  type LensSection,
  type LensView,
  type PartnerReferral,
  type PartnerServiceRequest,
  type Referral,
  type SendReferralRequest,
  type ServiceOutcome,
} from '@haven/contracts';
import { CurrentCaller, RequireAccess } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { ZodPipe } from '../../core/errors/zod-body.pipe.js';
import { ApiContract } from '../../core/http/api-contract.decorator.js';
import { ReferralsService } from './referrals.service.js';

const uuid = new ParseUUIDPipe();

/** The sender's side, on the case. */
@Controller('cases/:id/referrals')
export class CaseReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Get()
  @RequireAccess('read', 'Case')
  @ApiContract({ summary: 'Referrals of the case, with their state and responses', response: referralListSchema })
  list(@CurrentCaller() caller: Caller, @Param('id', uuid) caseId: string): Promise<{ items: Referral[] }> {
    return this.referrals.listForCase(caller, caseId);
  }

  @Post('preview')
  @HttpCode(200)
  @RequireAccess('update', 'Case')
  @ApiContract({ summary: 'Exactly what the partner would see with this lens', body: lensPreviewRequestSchema, response: lensViewSchema, status: 200 })
  preview(@CurrentCaller() caller: Caller, @Param('id', uuid) caseId: string, @Body(new ZodPipe(lensPreviewRequestSchema)) body: { lens: LensSection[] }): Promise<LensView> {
    return this.referrals.preview(caller, caseId, body.lens);
  }

  @Post()
  @RequireAccess('update', 'Case')
  @ApiContract({ summary: 'Refer the case to a partner (needs consent for that partner, or a supervisor’s override)', body: sendReferralRequestSchema, response: referralSchema, status: 201 })
  send(@CurrentCaller() caller: Caller, @Param('id', uuid) caseId: string, @Body(new ZodPipe(sendReferralRequestSchema)) body: SendReferralRequest): Promise<Referral> {
    return this.referrals.send(caller, caseId, body);
  }

  @Post(':referralId/withdraw')
  @HttpCode(200)
  @RequireAccess('update', 'Case')
  @ApiContract({ summary: 'Withdraw a referral: the partner loses access at once', body: withdrawReferralRequestSchema, response: referralSchema, status: 200 })
  withdraw(@CurrentCaller() caller: Caller, @Param('id', uuid) caseId: string, @Param('referralId', uuid) referralId: string, @Body(new ZodPipe(withdrawReferralRequestSchema)) body: { version: number }): Promise<Referral> {
    return this.referrals.withdraw(caller, caseId, referralId, body.version);
  }
}

/** The recipient's side: the inbox and the referral seen through its lens. */
@Controller('referrals')
export class PartnerReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Get('inbox')
  @RequireAccess('read', 'Referral')
  @ApiContract({ summary: 'Referrals addressed to your organisation, a page at a time, newest first, with the inbox counted by state', query: inboxQuerySchema, response: inboxResponseSchema })
  inbox(@CurrentCaller() caller: Caller, @Query(new ZodPipe(inboxQuerySchema)) query: InboxQuery): Promise<InboxResponse> {
    return this.referrals.inbox(caller, query);
  }

  @Get(':referralId')
  @RequireAccess('read', 'Referral')
  @ApiContract({ summary: 'One referral, with the case seen through its lens while it is open', response: partnerReferralSchema })
  open(@CurrentCaller() caller: Caller, @Param('referralId', uuid) referralId: string): Promise<PartnerReferral> {
    return this.referrals.open(caller, referralId);
  }

  @Post(':referralId/accept')
  @HttpCode(200)
  @RequireAccess('update', 'Referral')
  @ApiContract({ summary: 'Accept the referral', body: respondReferralRequestSchema, response: partnerReferralSchema, status: 200 })
  accept(@CurrentCaller() caller: Caller, @Param('referralId', uuid) referralId: string, @Body(new ZodPipe(respondReferralRequestSchema)) body: { version: number }): Promise<PartnerReferral> {
    return this.referrals.accept(caller, referralId, body.version);
  }

  @Post(':referralId/decline')
  @HttpCode(204)
  @RequireAccess('update', 'Referral')
  @ApiContract({ summary: 'Decline the referral with a reason (access to the case ends)', body: declineReferralRequestSchema, status: 204 })
  decline(@CurrentCaller() caller: Caller, @Param('referralId', uuid) referralId: string, @Body(new ZodPipe(declineReferralRequestSchema)) body: { version: number; reason: string }): Promise<void> {
    return this.referrals.decline(caller, referralId, body.version, body.reason);
  }

  @Post(':referralId/services')
  @HttpCode(200)
  @RequireAccess('update', 'Referral')
  @ApiContract({ summary: 'Record a service given; it appears on the sender’s case', body: partnerServiceRequestSchema, response: partnerReferralSchema, status: 200 })
  recordService(@CurrentCaller() caller: Caller, @Param('referralId', uuid) referralId: string, @Body(new ZodPipe(partnerServiceRequestSchema)) body: PartnerServiceRequest): Promise<PartnerReferral> {
    return this.referrals.recordService(caller, referralId, body);
  }

  @Post(':referralId/complete')
  @HttpCode(200)
  @RequireAccess('update', 'Referral')
  @ApiContract({ summary: 'Complete the referral with its outcome (access to the case ends)', body: completeReferralRequestSchema, response: partnerReferralSchema, status: 200 })
  complete(@CurrentCaller() caller: Caller, @Param('referralId', uuid) referralId: string, @Body(new ZodPipe(completeReferralRequestSchema)) body: { version: number; outcome: ServiceOutcome }): Promise<PartnerReferral> {
    return this.referrals.complete(caller, referralId, body.version, body.outcome);
  }
}
