import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { protectionReviewListSchema, protectionReviewRequestSchema, protectionReviewSchema, type ProtectionReviewRequest } from '@haven/contracts';
import { CurrentCaller, RequireAccess } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { ZodPipe } from '../../core/errors/zod-body.pipe.js';
import { ApiContract } from '../../core/http/api-contract.decorator.js';
import { ProtectionService, type ProtectionReview } from './protection.service.js';

@Controller('cases/:id/protection-reviews')
export class ProtectionController {
  constructor(private readonly protection: ProtectionService) {}

  @Get()
  @RequireAccess('read', 'Case')
  @ApiContract({ summary: 'Protection reviews of the case (non-refoulement)', response: protectionReviewListSchema })
  list(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) caseId: string): Promise<{ items: ProtectionReview[] }> {
    return this.protection.list(caller, caseId);
  }

  @Post()
  @RequireAccess('approve', 'Case')
  @ApiContract({ summary: 'Record a protection review decision with its reason (supervisors)', body: protectionReviewRequestSchema, response: protectionReviewSchema, status: 201 })
  record(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) caseId: string, @Body(new ZodPipe(protectionReviewRequestSchema)) body: ProtectionReviewRequest): Promise<ProtectionReview> {
    return this.protection.record(caller, caseId, body);
  }
}
