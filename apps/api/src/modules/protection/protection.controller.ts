import { Controller } from '@nestjs/common';
import {
  protectionReviewListSchema,
  protectionReviewRequestSchema,
  protectionReviewSchema,
  type ProtectionReviewRequest,
} from '@haven/contracts';
import { CurrentCaller } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { Body, Route, UuidParam } from '../../core/http/route.decorator.js';
import { ProtectionService, type ProtectionReview } from './protection.service.js';

@Controller('cases/:id/protection-reviews')
export class ProtectionController {
  constructor(private readonly protection: ProtectionService) {}

  @Route({
    method: 'GET',
    permission: ['read', 'Case'],
    summary: 'Protection reviews of the case (non-refoulement)',
    response: protectionReviewListSchema,
  })
  list(@CurrentCaller() caller: Caller, @UuidParam('id') caseId: string): Promise<{ items: ProtectionReview[] }> {
    return this.protection.list(caller, caseId);
  }

  @Route({
    method: 'POST',
    permission: ['approve', 'Case'],
    summary: 'Record a protection review decision with its reason (supervisors)',
    body: protectionReviewRequestSchema,
    response: protectionReviewSchema,
  })
  record(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @Body() body: ProtectionReviewRequest,
  ): Promise<ProtectionReview> {
    return this.protection.record(caller, caseId, body);
  }
}
