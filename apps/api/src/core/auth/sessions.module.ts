import { Module } from '@nestjs/common';
import { SessionsRepository } from './sessions.repository.js';

/** Session storage, shared by sign-in and by user administration (revocation). */
@Module({ providers: [SessionsRepository], exports: [SessionsRepository] })
export class SessionsModule {}
