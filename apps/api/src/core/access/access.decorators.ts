import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Action, SubjectName } from '@haven/access';
import type { Request } from 'express';
import type { Caller } from '../auth/caller.js';

/**
 * Where `@Route` (core/http/route.decorator.ts) records a route's permission: every route is
 * public or names the permission it needs; the permission guard refuses any other, and a test
 * walks the route table.
 */
export const PUBLIC_ROUTE = 'haven:public';
export const REQUIRED_ACCESS = 'haven:required-access';

export interface RequiredAccess {
  action: Action;
  subject: SubjectName;
}

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
