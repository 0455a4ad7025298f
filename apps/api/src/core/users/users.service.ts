import { Injectable } from '@nestjs/common';
import { scopeOf } from '@haven/access';
import type { Role } from '@haven/contracts';
import { AuditService } from '../audit/audit.service.js';
import type { Caller } from '../auth/caller.js';
import { hashPassword, verifyPassword } from '../auth/password-hasher.js';
import { requireAcceptablePassword } from '../auth/password-policy.js';
import { SessionsRepository } from '../auth/sessions.repository.js';
import { SignInThrottle } from '../auth/sign-in-throttle.js';
import { TwoFactorRepository } from '../auth/two-factor.repository.js';
import { BadRequestError, NotFoundError, UnauthenticatedError } from '../errors/problem.js';
import type { UserEntity } from './user.entity.js';
import { UsersRepository } from './users.repository.js';
import { TransactionHost } from '../database/transaction-host.js';

export interface NewUser {
  email: string;
  displayName: string;
  organisationId: string;
  role: Role;
  password: string;
  team?: string | null;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly twoFactor: TwoFactorRepository,
    private readonly audit: AuditService,
    private readonly throttle: SignInThrottle,
    private readonly transactions: TransactionHost,
  ) {}

  findForSignIn(email: string): Promise<UserEntity | null> {
    return this.users.findByEmailWithPassword(email.trim().toLowerCase());
  }

  /** For the second sign-in step: the user behind a pending sign-in, if still active. */
  async findActiveById(id: string): Promise<UserEntity | null> {
    const user = await this.users.findById(id);
    return user?.active ? user : null;
  }

  /** An active caseworker or supervisor of the organisation can hold cases; answers their team, or undefined if not assignable. */
  async findAssignable(
    userId: string,
    organisationId: string,
  ): Promise<{ id: string; displayName: string; team: string | null } | undefined> {
    const user = await this.users.findInScope(userId, [{ organisationId }]);
    if (!user || !user.active || (user.role !== 'caseworker' && user.role !== 'supervisor')) return undefined;
    return { id: user.id, displayName: user.displayName, team: user.team };
  }

  async create(user: NewUser): Promise<UserEntity> {
    await requireAcceptablePassword(user.password, user, 'password');
    return this.users.create({
      email: user.email.trim().toLowerCase(),
      displayName: user.displayName,
      organisationId: user.organisationId,
      role: user.role,
      team: user.team ?? null,
      passwordHash: await hashPassword(user.password),
    });
  }

  /**
   * For a user who lost their authenticator and recovery codes: removes the second factor and
   * ends every session of theirs. Their next sign-in (password only) can do nothing but enrol again
   * when their role requires a second factor.
   */
  async resetTwoFactor(caller: Caller, userId: string): Promise<void> {
    const user = await this.users.findInScope(userId, scopeOf(caller.ability, 'manage', 'User'));
    if (!user) throw new NotFoundError();
    await this.transactions.withTransaction(async () => {
      await this.twoFactor.clear(user.id);
      await this.sessions.revokeAllForUser(user.id, undefined);
      await this.audit.record(caller, {
        action: 'auth.two-factor.reset',
        category: 'system',
        subject: { type: 'User', id: user.id, organisationId: user.organisationId },
      });
    });
  }

  /**
   * Changing the password ends every other session of the user (a stolen session dies with it).
   * The current password is a secret a stolen session could guess: each check is reserved with the
   * sign-in throttle and each wrong one counts with the account's sign-in failures; the wrong one that
   * reaches the limit ends this session too. The new password is judged first, so a refused one costs
   * no attempt.
   */
  async changeOwnPassword(caller: Caller, currentPassword: string, newPassword: string): Promise<void> {
    const { actor } = caller;
    await requireAcceptablePassword(newPassword, { email: actor.email, displayName: actor.displayName }, 'newPassword');
    const attempt = await this.throttle.reserve(actor.email, caller.address);
    const user = await this.users.findByIdWithPassword(actor.id);
    if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) {
      if (await this.throttle.failed(attempt, 'auth.password.failed', actor.id)) {
        await this.sessions.revoke(actor.sessionId, actor.id);
        throw new UnauthenticatedError('Too many wrong passwords: you have been signed out. Sign in again later.');
      }
      throw new BadRequestError('The current password is not correct.', [
        { field: 'currentPassword', message: 'Not correct' },
      ]);
    }
    await this.throttle.succeeded(attempt);
    const passwordHash = await hashPassword(newPassword);
    await this.transactions.withTransaction(async () => {
      await this.users.setPasswordHash(user.id, passwordHash);
      await this.sessions.revokeAllForUser(user.id, actor.sessionId);
      await this.audit.record(caller, {
        action: 'auth.password.changed',
        category: 'system',
        subject: { type: 'User', id: user.id, organisationId: user.organisationId },
      });
    });
  }
}
