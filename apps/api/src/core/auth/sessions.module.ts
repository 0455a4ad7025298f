import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SessionCache } from './session-cache.js';
import { SessionChangeListener } from './session-change-listener.js';
import { SessionClock } from './session-clock.js';
import { SessionsRepository } from './sessions.repository.js';
import { SignInThrottle } from './sign-in-throttle.js';
import { TwoFactorRepository } from './two-factor.repository.js';
import { LoginFailureEntity } from './login-failure.entity.js';
import { PendingSignInEntity, RecoveryCodeEntity, UserTwoFactorEntity } from './two-factor.entities.js';
import { UserSessionEntity } from './user-session.entity.js';

/**
 * Session and second-factor storage and the sign-in throttle, shared by sign-in and by user
 * administration (revocation, reset, password change), and the cache of active sessions with the listener that keeps it true.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      LoginFailureEntity,
      PendingSignInEntity,
      RecoveryCodeEntity,
      UserTwoFactorEntity,
      UserSessionEntity,
    ]),
  ],
  providers: [
    SessionsRepository,
    TwoFactorRepository,
    SessionCache,
    SessionChangeListener,
    SignInThrottle,
    SessionClock,
  ],
  exports: [SessionsRepository, TwoFactorRepository, SessionCache, SignInThrottle, SessionClock],
})
export class SessionsModule {}
