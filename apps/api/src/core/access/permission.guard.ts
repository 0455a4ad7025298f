import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Caller } from '../auth/caller.js';
import { ForbiddenError, NotFoundError } from '../errors/problem.js';
import { PUBLIC_ROUTE, REQUIRED_ACCESS, type RequiredAccess } from './access.decorators.js';

/**
 * Default deny: a route passes only if it is public or declares a permission the
 * caller's role has. Record-level scope is then applied by the service's query.
 */
@Injectable()
export class PermissionGuard implements CanActivate {
  private readonly logger = new Logger(PermissionGuard.name);

  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const required = this.reflector.getAllAndOverride<RequiredAccess | undefined>(REQUIRED_ACCESS, targets);
    const request = context.switchToHttp().getRequest<Request & { caller?: Caller }>();
    if (!required) {
      this.logger.error(`Route without a declared permission refused: ${request.method} ${request.route?.path ?? ''}`);
      throw new ForbiddenError('This route declares no permission.');
    }
    const caller = request.caller;
    if (caller && caller.ability.can(required.action, required.subject)) return true;
    // A route that addresses one record answers as if the record did not exist (docs/architecture.md, rule 1).
    if (Object.keys(request.params ?? {}).length > 0) throw new NotFoundError();
    throw new ForbiddenError();
  }
}
