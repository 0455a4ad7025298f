import { Controller, Get } from '@nestjs/common';
import { myWorkSchema, type MyWork } from '@haven/contracts';
import { CurrentCaller, RequireAccess } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { ApiContract } from '../../core/http/api-contract.decorator.js';
import { MyWorkService } from './my-work.service.js';

@Controller('my-work')
export class MyWorkController {
  constructor(private readonly myWork: MyWorkService) {}

  @Get()
  @RequireAccess('list', 'Case')
  @ApiContract({ summary: 'Your cases, tasks due or overdue, and approvals waiting for you', response: myWorkSchema })
  get(@CurrentCaller() caller: Caller): Promise<MyWork> {
    return this.myWork.forCaller(caller);
  }
}
