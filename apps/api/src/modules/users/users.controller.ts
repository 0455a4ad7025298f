import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { userListQuerySchema, type UserListQuery, type UserListResponse } from '@haven/contracts';
import { CurrentCaller, RequireAccess } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { ZodPipe } from '../../core/errors/zod-body.pipe.js';
import { UsersService } from './users.service.js';

@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequireAccess('read', 'User')
  list(@CurrentCaller() caller: Caller, @Query(new ZodPipe(userListQuerySchema)) query: UserListQuery): Promise<UserListResponse> {
    return this.users.list(caller, query);
  }

  @Post(':id/deactivate')
  @HttpCode(204)
  @RequireAccess('manage', 'User')
  deactivate(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.users.deactivate(caller, id);
  }

  @Post(':id/two-factor/reset')
  @HttpCode(204)
  @RequireAccess('manage', 'User')
  resetTwoFactor(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.users.resetTwoFactor(caller, id);
  }
}
