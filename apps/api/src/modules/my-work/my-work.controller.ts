import { Controller } from '@nestjs/common';
import {
  myWorkSchema,
  referralAnswersSeenRequestSchema,
  type MyWork,
  type ReferralAnswersSeenRequest,
} from '@haven/contracts';
import { CurrentCaller } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { Body, Route } from '../../core/http/route.decorator.js';
import { MyWorkService } from './my-work.service.js';

@Controller('my-work')
export class MyWorkController {
  constructor(private readonly myWork: MyWorkService) {}

  @Route({
    method: 'GET',
    permission: ['list', 'Case'],
    summary:
      'Your cases, tasks due or overdue, answers to your referrals you have not seen, follow-up visits due this week, and decisions waiting for you',
    response: myWorkSchema,
  })
  get(@CurrentCaller() caller: Caller): Promise<MyWork> {
    return this.myWork.forCaller(caller);
  }

  @Route({
    method: 'POST',
    path: 'referral-answers/seen',
    permission: ['list', 'Case'],
    summary: 'You have looked at the answers to your referrals up to this time: they leave my work and the bell',
    body: referralAnswersSeenRequestSchema,
    status: 204,
  })
  markReferralAnswersSeen(@CurrentCaller() caller: Caller, @Body() body: ReferralAnswersSeenRequest): Promise<void> {
    return this.myWork.markReferralAnswersSeen(caller, body.upTo);
  }
}
