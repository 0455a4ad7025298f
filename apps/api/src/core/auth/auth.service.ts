import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { defineAbilityFor, permissionRulesFor } from '@haven/access';
import type { MeResponse } from '@haven/contracts';
import { HAVEN_CONFIG, type HavenConfig } from '../../config/config.js';
import { isDemoAccount } from '../../demo/demo-accounts.js';
import { OrganisationsService } from '../../modules/organisations/organisations.service.js';
import { UsersService } from '../../modules/users/users.service.js';
import { AuditService } from '../audit/audit.service.js';
import { EnvelopeEncryption } from '../crypto/envelope-encryption.js';
import { TooManyRequestsError, UnauthenticatedError } from '../errors/problem.js';
import type { Caller, SignedInUser } from './caller.js';
import { decoyPasswordHash, verifyPassword } from './password-hasher.js';
import { SessionsRepository } from './sessions.repository.js';

/** Only sliding-window bookkeeping: the idle clock is moved at most once a minute per session. */
const TOUCH_INTERVAL_MS = 60_000;

export interface StartedSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

@Injectable()
export class AuthService {
  constructor(
    @Inject(HAVEN_CONFIG) private readonly config: HavenConfig,
    private readonly sessions: SessionsRepository,
    private readonly users: UsersService,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
    private readonly encryption: EnvelopeEncryption,
  ) {}

  /**
   * Checks an e-mail and password. The answer is the same whether or not the e-mail
   * exists; failures are counted per account (by keyed hash, so unknown e-mails lock
   * too) and per address, and too many lock sign-in for a while.
   */
  async verifyCredentials(email: string, password: string, address: string): Promise<SignedInUser> {
    const accountKey = this.encryption.keyedHash('login-account', email);
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

    // Demo accounts have a published password: in production they never sign in.
    const refusedDemoAccount = this.config.environment === 'production' && isDemoAccount(email);
    const user = refusedDemoAccount ? null : await this.users.findForSignIn(email);
    const passwordMatches = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
    if (!user || !user.active || !passwordMatches) {
      await this.sessions.recordLoginFailure(accountKey, address);
      await this.audit.record({ address }, { action: 'auth.login.failed', category: 'system', outcome: 'failure', actorUserId: user?.id ?? null });
      if (account.count + 1 >= maxFailuresPerAccount) {
        await this.audit.record({ address }, { action: 'auth.lockout', category: 'system', outcome: 'denied', actorUserId: user?.id ?? null });
      }
      throw new UnauthenticatedError('The e-mail or password is not correct.');
    }
    await this.sessions.clearFailuresForAccount(accountKey);
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
    const session = await this.sessions.findActive(hashToken(token), this.config.session.idleMinutes);
    if (!session) return undefined;
    if (Date.now() - new Date(session.lastSeenAt).getTime() > TOUCH_INTERVAL_MS) await this.sessions.touch(session.sessionId);
    return {
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
    await this.sessions.revoke(caller.actor.sessionId);
    await this.audit.record(caller, { action: 'auth.logout', category: 'system', subject: { type: 'User', id: caller.actor.id, organisationId: caller.actor.organisationId } });
  }

  async me(user: SignedInUser): Promise<MeResponse> {
    const organisation = await this.organisations.get(user.organisationId);
    return {
      user: { id: user.id, email: user.email, displayName: user.displayName, role: user.role },
      organisation: { id: organisation.id, name: organisation.name, kind: organisation.kind },
      rules: permissionRulesFor(user) as MeResponse['rules'],
      csrfToken: user.csrfToken,
    };
  }
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
