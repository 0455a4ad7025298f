import { type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { loginRequestSchema } from '@haven/contracts';
import { ZodPipe } from '../errors/zod-body.pipe.js';

const loginBody = new ZodPipe(loginRequestSchema);

/**
 * Guards run before pipes, so the body is validated (and normalised) here, before
 * Passport reads it: bad input answers 400 with field errors, not 401.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override canActivate(context: ExecutionContext) {
    const request = context.switchToHttp().getRequest<Request>();
    request.body = loginBody.transform(request.body);
    return super.canActivate(context);
  }
}
