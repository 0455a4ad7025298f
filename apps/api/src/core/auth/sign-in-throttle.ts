import { Inject, Injectable } from '@nestjs/common';
import { HAVEN_CONFIG, type HavenConfig } from '../../config/config.js';
import { AuditService } from '../audit/audit.service.js';
import { EnvelopeEncryption } from '../crypto/envelope-encryption.js';
import { TooManyRequestsError } from '../errors/problem.js';
import { SessionsRepository } from './sessions.repository.js';

/** One reserved guess at an account's secret: verify it only after `reserve` answered one. */
export interface SignInAttempt {
  id: string;
  accountKey: Buffer;
  address: string;
  /** The account's failures in the window before this attempt. */
  failuresBefore: number;
}

/** Every place where a secret of the account is checked: each failure counts towards the same lockout. */
export type FailedSecretAction = 'auth.login.failed' | 'auth.two-factor.failed' | 'auth.password.failed';

/**
 * Limits guessing of an account's secrets: the password at sign-in, the second factor, and the
 * current password or a code asked of a signed-in session. Failures are counted per account (by
 * keyed hash of the e-mail, so unknown e-mails lock exactly like known ones) and per address, in
 * PostgreSQL so that every API replica counts the same. An attempt is reserved before its secret is
 * verified (see `SessionsRepository.reserveAttempt`), so however many arrive at once, at most the
 * limit are ever verified; at the limit even the right secret is refused until the window passes.
 */
@Injectable()
export class SignInThrottle {
  constructor(
    @Inject(HAVEN_CONFIG) private readonly config: HavenConfig,
    private readonly sessions: SessionsRepository,
    private readonly encryption: EnvelopeEncryption,
    private readonly audit: AuditService,
  ) {}

  /** Reserves an attempt for the account and address, or refuses (429) while either is locked. */
  async reserve(email: string, address: string): Promise<SignInAttempt> {
    const { lockoutMinutes, maxFailuresPerAccount, maxFailuresPerAddress } = this.config.login;
    const accountKey = this.accountKey(email);
    const windowStart = new Date(Date.now() - lockoutMinutes * 60_000);
    const reservation = await this.sessions.reserveAttempt(accountKey, address, windowStart, {
      perAccount: maxFailuresPerAccount,
      perAddress: maxFailuresPerAddress,
    });
    if (!reservation.reserved) {
      const retryAfter = Math.max(
        1,
        Math.ceil((reservation.latestFailure.getTime() + lockoutMinutes * 60_000 - Date.now()) / 1000),
      );
      throw new TooManyRequestsError('Too many failed sign-in attempts. Try again later.', retryAfter);
    }
    return { id: reservation.id, accountKey, address, failuresBefore: reservation.failuresBefore };
  }

  /**
   * The secret was wrong: the reserved row stays as the failure, which is audited. Answers whether
   * this failure locked the account.
   */
  async failed(attempt: SignInAttempt, action: FailedSecretAction, userId: string | null): Promise<boolean> {
    const subject = userId && action !== 'auth.login.failed' ? { subject: { type: 'User', id: userId } } : {};
    await this.audit.record(
      { address: attempt.address },
      { action, category: 'system', outcome: 'failure', actorUserId: userId, ...subject },
    );
    const locked = attempt.failuresBefore + 1 >= this.config.login.maxFailuresPerAccount;
    if (locked)
      await this.audit.record(
        { address: attempt.address },
        { action: 'auth.lockout', category: 'system', outcome: 'denied', actorUserId: userId },
      );
    return locked;
  }

  /** The secret was right: the attempt is not a failure (the streak before it stays). */
  async succeeded(attempt: SignInAttempt): Promise<void> {
    await this.sessions.releaseAttempt(attempt.id);
  }

  /** Sign-in completed: the account's failure streak is cleared. */
  async clear(email: string): Promise<void> {
    await this.sessions.clearFailuresForAccount(this.accountKey(email));
  }

  private accountKey(email: string): Buffer {
    return this.encryption.keyedHash('login-account', email.trim().toLowerCase());
  }
}
