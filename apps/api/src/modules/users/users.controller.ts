import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import {
  bulkImportRequestSchema,
  bulkImportResponseSchema,
  inviteUserRequestSchema,
  updateUserRequestSchema,
  userListQuerySchema,
  userListResponseSchema,
  userSummarySchema,
  userWithLinkSchema,
  type BulkImportRequest,
  type BulkImportResponse,
  type InviteUserRequest,
  type UpdateUserRequest,
  type UserListQuery,
  type UserListResponse,
  type UserSummary,
  type UserWithLink,
} from '@haven/contracts';
import { CurrentCaller, RequireAccess } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { ZodPipe } from '../../core/errors/zod-body.pipe.js';
import { ApiContract } from '../../core/http/api-contract.decorator.js';
import { StaffImportService } from './staff-import.service.js';
import { UserAdministrationService, type LinkBase } from './user-administration.service.js';
import { UsersService } from './users.service.js';

@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly administration: UserAdministrationService,
    private readonly staffImport: StaffImportService,
  ) {}

  @Get()
  @RequireAccess('read', 'User')
  @ApiContract({ summary: 'Users the caller may see, with search and filters', query: userListQuerySchema, response: userListResponseSchema })
  list(@CurrentCaller() caller: Caller, @Query(new ZodPipe(userListQuerySchema)) query: UserListQuery): Promise<UserListResponse> {
    return this.administration.list(caller, query);
  }

  @Post()
  @RequireAccess('create', 'User')
  @ApiContract({ summary: 'Invite a person: the account and a one-time activation link, shown once', body: inviteUserRequestSchema, response: userWithLinkSchema, status: 201 })
  invite(@CurrentCaller() caller: Caller, @Req() request: Request, @Body(new ZodPipe(inviteUserRequestSchema)) body: InviteUserRequest): Promise<UserWithLink> {
    return this.administration.invite(caller, body, this.linkBase(request));
  }

  @Post('import')
  @HttpCode(200)
  @RequireAccess('create', 'User')
  @ApiContract({ summary: 'Invite staff from a CSV file: a dry run lists every row’s problems; the import is one transaction', body: bulkImportRequestSchema, response: bulkImportResponseSchema, status: 200 })
  import(@CurrentCaller() caller: Caller, @Req() request: Request, @Body(new ZodPipe(bulkImportRequestSchema)) body: BulkImportRequest): Promise<BulkImportResponse> {
    return this.staffImport.import(caller, body, this.linkBase(request));
  }

  @Patch(':id')
  @RequireAccess('update', 'User')
  @ApiContract({ summary: 'Change a user’s display name, role or team', body: updateUserRequestSchema, response: userSummarySchema })
  update(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string, @Body(new ZodPipe(updateUserRequestSchema)) body: UpdateUserRequest): Promise<UserSummary> {
    return this.administration.update(caller, id, body);
  }

  @Post(':id/deactivate')
  @HttpCode(204)
  @RequireAccess('update', 'User')
  deactivate(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.administration.deactivate(caller, id);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @RequireAccess('update', 'User')
  @ApiContract({ summary: 'Let a deactivated user sign in again', response: userSummarySchema, status: 200 })
  reactivate(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string): Promise<UserSummary> {
    return this.administration.reactivate(caller, id);
  }

  @Post(':id/password-reset')
  @HttpCode(200)
  @RequireAccess('update', 'User')
  @ApiContract({ summary: 'A new one-time link to set a password; older links stop working', response: userWithLinkSchema, status: 200 })
  passwordReset(@CurrentCaller() caller: Caller, @Req() request: Request, @Param('id', new ParseUUIDPipe()) id: string): Promise<UserWithLink> {
    return this.administration.issuePasswordReset(caller, id, this.linkBase(request));
  }

  @Post(':id/two-factor/reset')
  @HttpCode(204)
  @RequireAccess('manage', 'User')
  resetTwoFactor(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.users.resetTwoFactor(caller, id);
  }

  /** The configured public address, else the one this request came to (the inviter's own browser). */
  private linkBase(request: Request): LinkBase {
    return this.administration.configuredLinkBase() ?? `${request.protocol}://${request.get('host') ?? 'localhost'}`;
  }
}
