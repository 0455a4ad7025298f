import { Module } from '@nestjs/common';
import { SessionsRepository } from './sessions.repository.js';
import { TwoFactorRepository } from './two-factor.repository.js';

/** Session and second-factor storage, shared by sign-in and by user administration (revocation, reset). */
@Module({ providers: [SessionsRepository, TwoFactorRepository], exports: [SessionsRepository, TwoFactorRepository] })
export class SessionsModule {}
