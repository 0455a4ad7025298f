import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { defineAbilityFor, permissionRulesFor } from '@haven/access';
import { twoFactorRequiredFor, type MeResponse, type SecondFactorRequest } from '@haven/contracts';
import { HAVEN_CONFIG, type HavenConfig } from '../../config/config.js';
import { isDemoAccount } from '../../demo/demo-accounts.js';
import { OrganisationsService } from '../../modules/organisations/organisations.service.js';
import { UsersService } from '../../modules/users/users.service.js';
import { AuditService } from '../audit/audit.service.js';
import { EnvelopeEncryption } from '../crypto/envelope-encryption.js';
import { TooManyRequestsError, UnauthenticatedError } from '../errors/problem.js';
import type { Caller, SignedInUser } from './caller.js';
import { decoyPasswordHash, verifyPassword } from './password-hasher.js';
import { SessionCache } from './session-cache.js';
import { SessionsRepository } from './sessions.repository.js';
import { TwoFactorRepository } from './two-factor.repository.js';
import { TwoFactorService } from './two-factor.service.js';

/** Only sliding-window bookkeeping: the idle clock is moved at most once a minute per session. */
const TOUCH_INTERVAL_MS = 60_000;

export interface StartedSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Between the password and the second factor: the browser keeps `token` in an httpOnly cookie. */
export interface PendingSignIn {
  token: string;
  expiresAt: Date;
  demoCode?: string;
}

/** Long enough to open an authenticator app, short enough that a forgotten tab is harmless. */
const PENDING_SIGN_IN_MINUTES = 5;

@Injectable()
export class AuthService {
  constructor(
    @Inject(HAVEN_CONFIG) private readonly config: HavenConfig,
    private readonly sessions: SessionsRepository,
    private readonly users: UsersService,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
    private readonly encryption: EnvelopeEncryption,
    private readonly twoFactor: TwoFactorService,
    private readonly twoFactorStore: TwoFactorRepository,
    private readonly sessionCache: SessionCache,
  ) {}

  /**
   * Checks an e-mail and password. The answer is the same whether or not the e-mail
   * exists; failures are counted per account (by keyed hash, so unknown e-mails lock
   * too) and per address, and too many lock sign-in for a while.
   */
  async verifyCredentials(email: string, password: string, address: string): Promise<SignedInUser> {
    const accountKey = this.accountKey(email);
    const failuresSoFar = await this.refuseIfThrottled(accountKey, address);

    // Demo accounts have a published password: in production they never sign in.
    const refusedDemoAccount = this.config.environment === 'production' && isDemoAccount(email);
    const user = refusedDemoAccount ? null : await this.users.findForSignIn(email);
    const passwordMatches = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
    if (!user || !user.active || !passwordMatches) {
      await this.recordFailure(accountKey, address, failuresSoFar, 'auth.login.failed', user?.id ?? null);
      throw new UnauthenticatedError('The e-mail or password is not correct.');
    }
    // The failure streak is cleared only when sign-in completes (after the second factor, if any):
    // otherwise a known password would reset the counter that guards the second factor.
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      organisationId: user.organisationId,
      sessionId: '',
      csrfToken: '',
    };
  }

  /**
   * After a correct password: a session at once when the user has no second factor (a role that
   * requires one then gets a session that can only enrol), otherwise a pending sign-in that only
   * the second step can turn into a session.
   */
  async afterPassword(user: SignedInUser, address: string): Promise<{ session: StartedSession } | { pending: PendingSignIn }> {
    if (!(await this.twoFactor.isEnrolled(user.id))) {
      await this.sessions.clearFailuresForAccount(this.accountKey(user.email));
      return { session: await this.startSession(user, address) };
    }
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + PENDING_SIGN_IN_MINUTES * 60_000);
    await this.twoFactorStore.deleteExpiredPending(user.id);
    await this.twoFactorStore.createPending({ tokenHash: hashToken(token), userId: user.id, address, createdAt: now, expiresAt });
    // Demo accounts have a published password and, in demo mode only, a published code.
    const showDemoCode = this.config.demo && this.config.environment !== 'production' && isDemoAccount(user.email);
    const demoCode = showDemoCode ? await this.twoFactor.demoCode(user.id) : undefined;
    return { pending: { token, expiresAt, ...(demoCode ? { demoCode } : {}) } };
  }

  /**
   * The second sign-in step. Wrong codes count towards the same per-account and per-address
   * limits as wrong passwords; a pending sign-in yields at most one session.
   */
  async completeSecondFactor(pendingToken: string | undefined, answer: SecondFactorRequest, address: string): Promise<{ user: SignedInUser; session: StartedSession }> {
    const pending = pendingToken ? await this.twoFactorStore.findPending(hashToken(pendingToken)) : null;
    const user = pending ? await this.users.findActiveById(pending.userId) : null;
    if (!pending || !user) throw new UnauthenticatedError('The sign-in has expired. Enter your e-mail and password again.');
    const accountKey = this.accountKey(user.email);
    const failuresSoFar = await this.refuseIfThrottled(accountKey, address);
    const outcome = await this.twoFactor.verifySecondFactor(user.id, answer);
    if (outcome === 'failed') {
      await this.recordFailure(accountKey, address, failuresSoFar, 'auth.two-factor.failed', user.id);
      throw new UnauthenticatedError('The code is not correct, or has already been used.');
    }
    if (!(await this.twoFactorStore.deletePending(pending.id))) throw new UnauthenticatedError('The sign-in has expired. Enter your e-mail and password again.');
    await this.sessions.clearFailuresForAccount(accountKey);
    const signedIn: SignedInUser = { id: user.id, email: user.email, displayName: user.displayName, role: user.role, organisationId: user.organisationId, sessionId: '', csrfToken: '' };
    if (outcome === 'recovery-code') {
      await this.audit.record({ address }, { action: 'auth.recovery-code.used', category: 'system', actorUserId: user.id, subject: { type: 'User', id: user.id, organisationId: user.organisationId } });
    }
    return { user: signedIn, session: await this.startSession(signedIn, address) };
  }

  /** Starts a server-side session; the browser only gets an opaque random token. */
  async startSession(user: SignedInUser, address: string): Promise<StartedSession> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.config.session.absoluteHours * 3_600_000);
    const sessionId = await this.sessions.create({ tokenHash: hashToken(token), csrfToken, userId: user.id, address, createdAt: now, lastSeenAt: now, expiresAt });
    await this.audit.record(
      { actor: { ...user, sessionId, csrfToken }, ability: defineAbilityFor(user), address },
      { action: 'auth.login', category: 'system', subject: { type: 'User', id: user.id, organisationId: user.organisationId } },
    );
    return { token, csrfToken, expiresAt };
  }

  /** Resolves a session cookie to the signed-in user, or undefined when it is unknown, expired, idle or revoked. */
  async authenticate(token: string): Promise<SignedInUser | undefined> {
    const tokenHash = hashToken(token);
    const now = Date.now();
    let session = this.sessionCache.find(tokenHash, now);
    // The idle timeout, on the cached clock (never later than the database's: only this check can end it early).
    if (session && now - session.lastSeenAt.getTime() >= this.config.session.idleMinutes * 60_000) session = undefined;
    if (!session) {
      const generation = this.sessionCache.generation;
      session = await this.sessions.findActive(tokenHash, this.config.session.idleMinutes);
      if (!session) return undefined;
      this.sessionCache.store(tokenHash, session, generation);
    }
    if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await this.sessions.touch(session.sessionId);
      this.sessionCache.touched(tokenHash, new Date(now));
    }
    return {
      // Decided on every request, so enrolling (or an admin reset) takes effect at once.
      twoFactorEnrolmentRequired: twoFactorRequiredFor(session.role) && !session.twoFactorEnrolled,
      id: session.userId,
      email: session.email,
      displayName: session.displayName,
      role: session.role,
      organisationId: session.organisationId,
      team: session.team,
      sessionId: session.sessionId,
      csrfToken: session.csrfToken,
    };
  }

  async signOut(caller: Caller): Promise<void> {
    await this.sessions.revoke(caller.actor.sessionId, caller.actor.id);
    await this.audit.record(caller, { action: 'auth.logout', category: 'system', subject: { type: 'User', id: caller.actor.id, organisationId: caller.actor.organisationId } });
  }

  async me(user: SignedInUser): Promise<MeResponse> {
    const organisation = await this.organisations.get(user.organisationId);
    return {
      user: { id: user.id, email: user.email, displayName: user.displayName, role: user.role },
      organisation: { id: organisation.id, name: organisation.name, kind: organisation.kind },
      rules: permissionRulesFor(user) as MeResponse['rules'],
      csrfToken: user.csrfToken,
      twoFactor: await this.twoFactor.status(user.id, user.role),
    };
  }

  private accountKey(email: string): Buffer {
    return this.encryption.keyedHash('login-account', email.trim().toLowerCase());
  }

  /** Refuses (429) while the account or the address has too many recent failures; answers the account's count. */
  private async refuseIfThrottled(accountKey: Buffer, address: string): Promise<number> {
    const { lockoutMinutes, maxFailuresPerAccount, maxFailuresPerAddress } = this.config.login;
    const windowStart = new Date(Date.now() - lockoutMinutes * 60_000);
    const [account, addressFailures] = await Promise.all([
      this.sessions.countFailuresForAccount(accountKey, windowStart),
      this.sessions.countFailuresForAddress(address, windowStart),
    ]);
    if (account.count >= maxFailuresPerAccount || addressFailures >= maxFailuresPerAddress) {
      const since = account.latest ?? new Date();
      const retryAfter = Math.max(1, Math.ceil((since.getTime() + lockoutMinutes * 60_000 - Date.now()) / 1000));
      throw new TooManyRequestsError('Too many failed sign-in attempts. Try again later.', retryAfter);
    }
    return account.count;
  }

  private async recordFailure(accountKey: Buffer, address: string, failuresSoFar: number, action: 'auth.login.failed' | 'auth.two-factor.failed', userId: string | null): Promise<void> {
    await this.sessions.recordLoginFailure(accountKey, address);
    const subject = userId ? { subject: { type: 'User', id: userId } } : {};
    await this.audit.record({ address }, { action, category: 'system', outcome: 'failure', actorUserId: userId, ...(action === 'auth.two-factor.failed' ? subject : {}) });
    if (failuresSoFar + 1 >= this.config.login.maxFailuresPerAccount) {
      await this.audit.record({ address }, { action: 'auth.lockout', category: 'system', outcome: 'denied', actorUserId: userId });
    }
  }
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
