import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import { clientAddress } from '../access/access.decorators.js';
import { AuthService } from './auth.service.js';
import type { SignedInUser } from './caller.js';

/** Passport's e-mail + password strategy; the rules live in AuthService.verifyCredentials. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true, session: false });
  }

  validate(request: Request, email: string, password: string): Promise<SignedInUser> {
    return this.auth.verifyCredentials(email, password, clientAddress(request));
  }
}
