import { Module } from '@nestjs/common';
import { SessionCache } from './session-cache.js';
import { SessionChangeListener } from './session-change-listener.js';
import { SessionsRepository } from './sessions.repository.js';
import { TwoFactorRepository } from './two-factor.repository.js';

/**
 * Session and second-factor storage, shared by sign-in and by user administration
 * (revocation, reset), and the cache of active sessions with the listener that keeps it true.
 */
@Module({
  providers: [SessionsRepository, TwoFactorRepository, SessionCache, SessionChangeListener],
  exports: [SessionsRepository, TwoFactorRepository, SessionCache],
})
export class SessionsModule {}
