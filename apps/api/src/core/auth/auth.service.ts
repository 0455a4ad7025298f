import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { defineAbilityFor, permissionRulesFor } from '@haven/access';
import {
  twoFactorRequiredFor,
  type MeResponse,
  type SecondFactorRequest,
  type SessionExtended,
} from '@haven/contracts';
import { HAVEN_CONFIG, type HavenConfig } from '../../config/config.js';
import { isDemoAccount } from '../../demo/demo-accounts.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { UsersService } from '../users/users.service.js';
import { AuditService } from '../audit/audit.service.js';
import { UnauthenticatedError } from '../errors/problem.js';
import type { Caller, SignedInUser } from './caller.js';
import { decoyPasswordHash, verifyPassword } from './password-hasher.js';
import { SessionCache } from './session-cache.js';
import { idleRefreshStepMs, SessionClock } from './session-clock.js';
import { SessionsRepository } from './sessions.repository.js';
import { SignInThrottle } from './sign-in-throttle.js';
import { TwoFactorRepository } from './two-factor.repository.js';
import { TwoFactorService } from './two-factor.service.js';

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
    private readonly twoFactor: TwoFactorService,
    private readonly twoFactorStore: TwoFactorRepository,
    private readonly sessionCache: SessionCache,
    private readonly throttle: SignInThrottle,
    private readonly clock: SessionClock,
  ) {}

  /**
   * Checks an e-mail and password. The answer is the same whether or not the e-mail
   * exists, and for an account that is deactivated or whose organisation is; an attempt is
   * reserved with the sign-in throttle before the password is verified, so too many failures
   * lock sign-in for a while, however many attempts arrive at once.
   */
  async verifyCredentials(email: string, password: string, address: string): Promise<SignedInUser> {
    const attempt = await this.throttle.reserve(email, address);

    // Demo accounts have a published password: in production they never sign in.
    const refusedDemoAccount = this.config.environment === 'production' && isDemoAccount(email);
    const user = refusedDemoAccount ? null : await this.users.findForSignIn(email);
    const passwordMatches = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
    if (!user || !user.active || !passwordMatches || !(await this.organisationActive(user.organisationId))) {
      await this.throttle.failed(attempt, 'auth.login.failed', user?.id ?? null);
      throw new UnauthenticatedError('The e-mail or password is not correct.');
    }
    await this.throttle.succeeded(attempt);
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
  async afterPassword(
    user: SignedInUser,
    address: string,
  ): Promise<{ session: StartedSession } | { pending: PendingSignIn }> {
    if (!(await this.twoFactor.isEnrolled(user.id))) {
      await this.throttle.clear(user.email);
      return { session: await this.startSession(user, address) };
    }
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + PENDING_SIGN_IN_MINUTES * 60_000);
    await this.twoFactorStore.deleteExpiredPending(user.id);
    await this.twoFactorStore.createPending({
      tokenHash: hashToken(token),
      userId: user.id,
      address,
      createdAt: now,
      expiresAt,
    });
    // Demo accounts have a published password and, in demo mode only, a published code.
    const showDemoCode = this.config.demo && this.config.environment !== 'production' && isDemoAccount(user.email);
    const demoCode = showDemoCode ? await this.twoFactor.demoCode(user.id) : undefined;
    return { pending: { token, expiresAt, ...(demoCode ? { demoCode } : {}) } };
  }

  /**
   * The second sign-in step. Wrong codes count towards the same per-account and per-address
   * limits as wrong passwords; a pending sign-in yields at most one session.
   */
  async completeSecondFactor(
    pendingToken: string | undefined,
    answer: SecondFactorRequest,
    address: string,
  ): Promise<{ user: SignedInUser; session: StartedSession }> {
    const pending = pendingToken ? await this.twoFactorStore.findPending(hashToken(pendingToken)) : null;
    const found = pending ? await this.users.findActiveById(pending.userId) : null;
    // Deactivated (the account or its organisation) since the password: the pending sign-in is worth nothing.
    const user = found && (await this.organisationActive(found.organisationId)) ? found : null;
    if (!pending || !user)
      throw new UnauthenticatedError('The sign-in has expired. Enter your e-mail and password again.');
    const attempt = await this.throttle.reserve(user.email, address);
    const outcome = await this.twoFactor.verifySecondFactor(user.id, answer);
    if (outcome === 'failed') {
      await this.throttle.failed(attempt, 'auth.two-factor.failed', user.id);
      throw new UnauthenticatedError('The code is not correct, or has already been used.');
    }
    await this.throttle.succeeded(attempt);
    if (!(await this.twoFactorStore.deletePending(pending.id)))
      throw new UnauthenticatedError('The sign-in has expired. Enter your e-mail and password again.');
    await this.throttle.clear(user.email);
    const signedIn: SignedInUser = {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      organisationId: user.organisationId,
      sessionId: '',
      csrfToken: '',
    };
    if (outcome === 'recovery-code') {
      await this.audit.record(
        { address },
        {
          action: 'auth.recovery-code.used',
          category: 'system',
          actorUserId: user.id,
          subject: { type: 'User', id: user.id, organisationId: user.organisationId },
        },
      );
    }
    return { user: signedIn, session: await this.startSession(signedIn, address) };
  }

  /** The staff of a deactivated organisation do not sign in (docs/architecture.md, "Deactivation"). */
  private async organisationActive(organisationId: string): Promise<boolean> {
    return (await this.organisations.get(organisationId).catch(() => null))?.active === true;
  }

  /** Starts a server-side session; the browser only gets an opaque random token. */
  async startSession(user: SignedInUser, address: string): Promise<StartedSession> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const now = new Date(this.clock.now());
    const expiresAt = new Date(now.getTime() + this.config.session.absoluteHours * 3_600_000);
    const sessionId = await this.sessions.create({
      tokenHash: hashToken(token),
      csrfToken,
      userId: user.id,
      address,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
    });
    await this.audit.record(
      { actor: { ...user, sessionId, csrfToken }, ability: defineAbilityFor(user), address },
      {
        action: 'auth.login',
        category: 'system',
        subject: { type: 'User', id: user.id, organisationId: user.organisationId },
      },
    );
    return { token, csrfToken, expiresAt };
  }

  /**
   * Resolves a session cookie to the signed-in user, or undefined when it is unknown, expired, idle or revoked.
   * A request made in the background (`asUse: false`) does not move the idle clock.
   */
  async authenticate(token: string, asUse = true): Promise<SignedInUser | undefined> {
    const tokenHash = hashToken(token);
    const now = this.clock.now();
    const { idleMinutes } = this.config.session;
    let session = this.sessionCache.find(tokenHash, now);
    // The idle timeout, on the cached clock (never later than the database's: only this check can end it early).
    if (session && now - session.lastSeenAt.getTime() >= idleMinutes * 60_000) session = undefined;
    if (!session) {
      const generation = this.sessionCache.generation;
      session = await this.sessions.findActive(tokenHash, idleMinutes, new Date(now));
      if (!session) return undefined;
      this.sessionCache.store(tokenHash, session, generation);
    }
    if (asUse && now - session.lastSeenAt.getTime() >= idleRefreshStepMs(idleMinutes)) {
      await this.sessions.touch(session.sessionId, new Date(now));
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
    await this.audit.record(caller, {
      action: 'auth.logout',
      category: 'system',
      subject: { type: 'User', id: caller.actor.id, organisationId: caller.actor.organisationId },
    });
  }

  /**
   * "Stay signed in": the idle clock of the caller's session starts again now, whatever its refresh step. The
   * session guard has just found it alive; one already idle or revoked never reaches here (401).
   */
  async extendSession(token: string): Promise<SessionExtended> {
    const now = this.clock.now();
    const tokenHash = hashToken(token);
    const session = await this.authenticate(token, false);
    if (!session) throw new UnauthenticatedError();
    await this.sessions.touch(session.sessionId, new Date(now));
    this.sessionCache.touched(tokenHash, new Date(now));
    return { idleExpiresAt: new Date(now + this.config.session.idleMinutes * 60_000).toISOString() };
  }

  async me(user: SignedInUser): Promise<MeResponse> {
    const organisation = await this.organisations.get(user.organisationId);
    return {
      user: { id: user.id, email: user.email, displayName: user.displayName, role: user.role },
      organisation: { id: organisation.id, name: organisation.name, kind: organisation.kind },
      rules: permissionRulesFor(user) as MeResponse['rules'],
      csrfToken: user.csrfToken,
      twoFactor: await this.twoFactor.status(user.id, user.role),
      idle: {
        timeoutSeconds: this.config.session.idleMinutes * 60,
        refreshStepSeconds: Math.ceil(idleRefreshStepMs(this.config.session.idleMinutes) / 1000),
      },
    };
  }
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
