import { type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { validInput } from '../errors/input-validation.js';
import { contractOf } from '../http/route.decorator.js';

/**
 * Guards run before the handler's parameters are read, so the body is validated (and
 * normalised) here against the route's declared body schema, before Passport reads it:
 * bad input answers 400 with field errors, not 401.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override canActivate(context: ExecutionContext) {
    const body = contractOf(context.getHandler())?.body;
    if (!body) throw new Error('The sign-in route declares no body schema');
    const request = context.switchToHttp().getRequest<Request>();
    request.body = validInput(body, request.body);
    return super.canActivate(context);
  }
}
