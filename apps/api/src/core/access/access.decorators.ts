import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Action, SubjectName } from '@haven/access';
import type { Request } from 'express';
import type { Caller } from '../auth/caller.js';

export const PUBLIC_ROUTE = 'haven:public';
export const REQUIRED_ACCESS = 'haven:required-access';

export interface RequiredAccess {
  action: Action;
  subject: SubjectName;
}

/** Opts a route out of sign-in and permission checks. Only sign-in and health use it. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * Declares the permission a route needs. Every non-public route must have one: the
 * permission guard refuses routes without it, and a test walks the route table.
 */
export const RequireAccess = (action: Action, subject: SubjectName) =>
  SetMetadata(REQUIRED_ACCESS, { action, subject } satisfies RequiredAccess);

/** The signed-in caller, set by the session guard. */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const request = context.switchToHttp().getRequest<Request & { caller?: Caller }>();
  if (!request.caller) throw new Error('CurrentCaller used on a route without a signed-in caller');
  return request.caller;
});

/** Where the request came from, for audit rows of unauthenticated routes. */
export const RequestAddress = createParamDecorator((_data: unknown, context: ExecutionContext): string =>
  clientAddress(context.switchToHttp().getRequest<Request>()),
);

export function clientAddress(request: Request): string {
  return request.ip ?? request.socket.remoteAddress ?? 'unknown';
}
