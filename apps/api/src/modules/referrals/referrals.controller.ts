import { Controller } from '@nestjs/common';
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
  type SendReferralCommand,
  type ServiceOutcome,
} from '@haven/contracts';
import { CurrentCaller } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { Body, Query, Route, UuidParam } from '../../core/http/route.decorator.js';
import { ReferralsService } from './referrals.service.js';

/** The sender's side, on the case. */
@Controller('cases/:id/referrals')
export class CaseReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Route({
    method: 'GET',
    permission: ['read', 'Case'],
    summary: 'Referrals of the case, with their state and responses',
    response: referralListSchema,
  })
  list(@CurrentCaller() caller: Caller, @UuidParam('id') caseId: string): Promise<{ items: Referral[] }> {
    return this.referrals.listForCase(caller, caseId);
  }

  @Route({
    method: 'POST',
    path: 'preview',
    permission: ['update', 'Case'],
    summary: 'Exactly what the partner would see with this lens',
    body: lensPreviewRequestSchema,
    response: lensViewSchema,
    status: 200,
  })
  preview(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @Body() body: { lens: LensSection[] },
  ): Promise<LensView> {
    return this.referrals.preview(caller, caseId, body.lens);
  }

  @Route({
    method: 'POST',
    permission: ['update', 'Case'],
    summary: 'Refer the case to a partner (needs consent for that partner, or a supervisor’s override)',
    body: sendReferralRequestSchema,
    response: referralSchema,
  })
  send(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @Body() body: SendReferralCommand,
  ): Promise<Referral> {
    return this.referrals.send(caller, caseId, body);
  }

  @Route({
    method: 'POST',
    path: ':referralId/withdraw',
    permission: ['update', 'Case'],
    summary: 'Withdraw a referral: the partner loses access at once',
    body: withdrawReferralRequestSchema,
    response: referralSchema,
    status: 200,
  })
  withdraw(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @UuidParam('referralId') referralId: string,
    @Body() body: { version: number },
  ): Promise<Referral> {
    return this.referrals.withdraw(caller, caseId, referralId, body.version);
  }
}

/** The recipient's side: the inbox and the referral seen through its lens. */
@Controller('referrals')
export class PartnerReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Route({
    method: 'GET',
    path: 'inbox',
    permission: ['read', 'Referral'],
    summary:
      'Referrals addressed to your organisation, a page at a time, newest first, with the inbox counted by state',
    query: inboxQuerySchema,
    response: inboxResponseSchema,
  })
  inbox(@CurrentCaller() caller: Caller, @Query() query: InboxQuery): Promise<InboxResponse> {
    return this.referrals.inbox(caller, query);
  }

  @Route({
    method: 'GET',
    path: ':referralId',
    permission: ['read', 'Referral'],
    summary: 'One referral, with the case seen through its lens while it is open',
    response: partnerReferralSchema,
  })
  open(@CurrentCaller() caller: Caller, @UuidParam('referralId') referralId: string): Promise<PartnerReferral> {
    return this.referrals.open(caller, referralId);
  }

  @Route({
    method: 'POST',
    path: ':referralId/accept',
    permission: ['update', 'Referral'],
    summary: 'Accept the referral',
    body: respondReferralRequestSchema,
    response: partnerReferralSchema,
    status: 200,
  })
  accept(
    @CurrentCaller() caller: Caller,
    @UuidParam('referralId') referralId: string,
    @Body() body: { version: number },
  ): Promise<PartnerReferral> {
    return this.referrals.accept(caller, referralId, body.version);
  }

  @Route({
    method: 'POST',
    path: ':referralId/decline',
    permission: ['update', 'Referral'],
    summary: 'Decline the referral with a reason (access to the case ends)',
    body: declineReferralRequestSchema,
    status: 204,
  })
  decline(
    @CurrentCaller() caller: Caller,
    @UuidParam('referralId') referralId: string,
    @Body() body: { version: number; reason: string },
  ): Promise<void> {
    return this.referrals.decline(caller, referralId, body.version, body.reason);
  }

  @Route({
    method: 'POST',
    path: ':referralId/services',
    permission: ['update', 'Referral'],
    summary: 'Record a service given; it appears on the sender’s case',
    body: partnerServiceRequestSchema,
    response: partnerReferralSchema,
    status: 200,
  })
  recordService(
    @CurrentCaller() caller: Caller,
    @UuidParam('referralId') referralId: string,
    @Body() body: PartnerServiceRequest,
  ): Promise<PartnerReferral> {
    return this.referrals.recordService(caller, referralId, body);
  }

  @Route({
    method: 'POST',
    path: ':referralId/complete',
    permission: ['update', 'Referral'],
    summary: 'Complete the referral with its outcome (access to the case ends)',
    body: completeReferralRequestSchema,
    response: partnerReferralSchema,
    status: 200,
  })
  complete(
    @CurrentCaller() caller: Caller,
    @UuidParam('referralId') referralId: string,
    @Body() body: { version: number; outcome: ServiceOutcome },
  ): Promise<PartnerReferral> {
    return this.referrals.complete(caller, referralId, body.version, body.outcome);
  }
}
