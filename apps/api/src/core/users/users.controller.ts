import { Controller, Req } from '@nestjs/common';
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
import { CurrentCaller } from '../access/access.decorators.js';
import type { Caller } from '../auth/caller.js';
import { Body, Query, Route, UuidParam } from '../http/route.decorator.js';
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

  @Route({
    method: 'GET',
    permission: ['read', 'User'],
    summary: 'Users the caller may see, with search and filters',
    query: userListQuerySchema,
    response: userListResponseSchema,
  })
  list(@CurrentCaller() caller: Caller, @Query() query: UserListQuery): Promise<UserListResponse> {
    return this.administration.list(caller, query);
  }

  @Route({
    method: 'POST',
    permission: ['create', 'User'],
    summary: 'Invite a person: the account and a one-time activation link, shown once',
    body: inviteUserRequestSchema,
    response: userWithLinkSchema,
  })
  invite(
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
    @Body() body: InviteUserRequest,
  ): Promise<UserWithLink> {
    return this.administration.invite(caller, body, this.linkBase(request));
  }

  @Route({
    method: 'POST',
    path: 'import',
    permission: ['create', 'User'],
    summary: 'Invite staff from a CSV file: a dry run lists every row’s problems; the import is one transaction',
    body: bulkImportRequestSchema,
    response: bulkImportResponseSchema,
    status: 200,
  })
  import(
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
    @Body() body: BulkImportRequest,
  ): Promise<BulkImportResponse> {
    return this.staffImport.import(caller, body, this.linkBase(request));
  }

  @Route({
    method: 'PATCH',
    path: ':id',
    permission: ['update', 'User'],
    summary: 'Change a user’s display name, role or team',
    body: updateUserRequestSchema,
    response: userSummarySchema,
  })
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: UpdateUserRequest,
  ): Promise<UserSummary> {
    return this.administration.update(caller, id, body);
  }

  @Route({
    method: 'POST',
    path: ':id/deactivate',
    permission: ['update', 'User'],
    summary: 'Deactivate a user: their sessions end and they can no longer sign in',
    status: 204,
  })
  deactivate(@CurrentCaller() caller: Caller, @UuidParam('id') id: string): Promise<void> {
    return this.administration.deactivate(caller, id);
  }

  @Route({
    method: 'POST',
    path: ':id/reactivate',
    permission: ['update', 'User'],
    summary: 'Let a deactivated user sign in again',
    response: userSummarySchema,
    status: 200,
  })
  reactivate(@CurrentCaller() caller: Caller, @UuidParam('id') id: string): Promise<UserSummary> {
    return this.administration.reactivate(caller, id);
  }

  @Route({
    method: 'POST',
    path: ':id/password-reset',
    permission: ['update', 'User'],
    summary: 'A new one-time link to set a password; older links stop working',
    response: userWithLinkSchema,
    status: 200,
  })
  passwordReset(
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
    @UuidParam('id') id: string,
  ): Promise<UserWithLink> {
    return this.administration.issuePasswordReset(caller, id, this.linkBase(request));
  }

  @Route({
    method: 'POST',
    path: ':id/two-factor/reset',
    permission: ['manage', 'User'],
    summary: 'Remove a user’s second factor and end their sessions, so they enrol again (administrators)',
    status: 204,
  })
  resetTwoFactor(@CurrentCaller() caller: Caller, @UuidParam('id') id: string): Promise<void> {
    return this.users.resetTwoFactor(caller, id);
  }

  /** The configured public address, else the one this request came to (the inviter's own browser). */
  private linkBase(request: Request): LinkBase {
    return this.administration.configuredLinkBase() ?? `${request.protocol}://${request.get('host') ?? 'localhost'}`;
  }
}
