import { Controller } from '@nestjs/common';
import { myWorkSchema, type MyWork } from '@haven/contracts';
import { CurrentCaller } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { Route } from '../../core/http/route.decorator.js';
import { MyWorkService } from './my-work.service.js';

@Controller('my-work')
export class MyWorkController {
  constructor(private readonly myWork: MyWorkService) {}

  @Route({
    method: 'GET',
    permission: ['list', 'Case'],
    summary: 'Your cases, tasks due or overdue, and approvals waiting for you',
    response: myWorkSchema,
  })
  get(@CurrentCaller() caller: Caller): Promise<MyWork> {
    return this.myWork.forCaller(caller);
  }
}
