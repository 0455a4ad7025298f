import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { BACKGROUND_HEADER, CSRF_HEADER, SESSION_COOKIE, TWO_FACTOR_ENROLMENT_REQUIRED } from '@haven/contracts';
import { clientAddress, PUBLIC_ROUTE } from '../access/access.decorators.js';
import { constantTimeEqual } from '../crypto/envelope-encryption.js';
import { HavenError, UnauthenticatedError } from '../errors/problem.js';
import { enterCallerScope } from '../request-context/database-scope.js';
import { AbilityCache } from './ability-cache.js';
import { AuthService } from './auth.service.js';
import type { Caller } from './caller.js';
import { AVAILABLE_BEFORE_TWO_FACTOR } from './two-factor.decorators.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * First global guard: resolves the session cookie to a caller and, on state-changing
 * requests, checks the anti-forgery token (synchroniser token: the header must equal
 * the token stored with the session). A session whose role requires a second factor that
 * is not set up yet reaches only the routes marked `@AvailableBeforeTwoFactor()`.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  private readonly abilities = new AbilityCache();

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]))
      return true;
    const request = context.switchToHttp().getRequest<Request & { caller?: Caller }>();
    const token = (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    // A background request (the bell's minute check) is not use: it leaves the idle clock where it is.
    const user = token ? await this.auth.authenticate(token, request.header(BACKGROUND_HEADER) !== 'true') : undefined;
    if (!user) throw new UnauthenticatedError();
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.header(CSRF_HEADER);
      if (!sent || !constantTimeEqual(sent, user.csrfToken)) {
        throw new HavenError(403, 'Forbidden', `Missing or wrong ${CSRF_HEADER} header (see README: CSRF).`);
      }
    }
    if (
      user.twoFactorEnrolmentRequired &&
      !this.reflector.getAllAndOverride<boolean>(AVAILABLE_BEFORE_TWO_FACTOR, [
        context.getHandler(),
        context.getClass(),
      ])
    ) {
      throw new HavenError(
        403,
        'Two-factor enrolment required',
        'Set up two-factor sign-in before anything else: your role sees case data.',
        undefined,
        {
          code: TWO_FACTOR_ENROLMENT_REQUIRED,
        },
      );
    }
    request.caller = { actor: user, ability: this.abilities.abilityFor(user), address: clientAddress(request) };
    // From here on, the request's queries see the caller's organisation (row-level security).
    enterCallerScope(user);
    return true;
  }
}
