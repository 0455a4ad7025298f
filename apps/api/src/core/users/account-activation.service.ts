import { Injectable } from '@nestjs/common';
import type { ActivateAccountRequest, ActivateAccountResponse } from '@haven/contracts';
import { AuditService } from '../audit/audit.service.js';
import { hashToken } from '../auth/auth.service.js';
import { hashPassword } from '../auth/password-hasher.js';
import { requireAcceptablePassword } from '../auth/password-policy.js';
import { SessionsRepository } from '../auth/sessions.repository.js';
import { HavenError } from '../errors/problem.js';
import { UsersRepository, type UnusableLink } from './users.repository.js';
import { TransactionHost } from '../database/transaction-host.js';

const UNUSABLE_LINK: Record<UnusableLink, { code: string; detail: string }> = {
  used: {
    code: 'activation-link-used',
    detail: 'This link has already been used or was replaced by a newer one. Ask whoever sent it for a new link.',
  },
  expired: { code: 'activation-link-expired', detail: 'This link has expired. Ask whoever sent it for a new link.' },
  invalid: {
    code: 'activation-link-invalid',
    detail: 'This link is not valid. Check that you opened the whole link, or ask for a new one.',
  },
};

/**
 * Setting a password through a one-time link (invitation or reset). The answer for a link that
 * cannot be used says why — used, expired or not valid — and nothing about any account: the
 * token is the only thing the caller shows, and a deactivated account's links are already spent.
 */
@Injectable()
export class AccountActivationService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly audit: AuditService,
    private readonly transactions: TransactionHost,
  ) {}

  async activate(request: ActivateAccountRequest, address: string): Promise<ActivateAccountResponse> {
    const tokenHash = hashToken(request.token);
    // A cheap look first, so a spent or unknown link costs no password judging or hashing.
    const state = await this.users.linkState(tokenHash);
    if (typeof state === 'string') throw unusable(state);
    // The same rules as a change of password (POST /api/auth/password), judged against whose account it is.
    await requireAcceptablePassword(
      request.password,
      { email: state.email, displayName: state.displayName },
      'password',
    );
    const passwordHash = await hashPassword(request.password);
    return this.transactions.withTransaction(async () => {
      const outcome = await this.users.spendLink(tokenHash);
      if (typeof outcome === 'string') throw unusable(outcome);
      const user = await this.users.findByIdForUpdate(outcome.userId);
      if (!user?.active) throw unusable('used');
      await this.users.setPasswordHash(user.id, passwordHash);
      // Whoever held a session under the old password (a reset) is signed out.
      await this.sessions.revokeAllForUser(user.id, undefined);
      await this.audit.record(
        { address },
        {
          action: outcome.purpose === 'invitation' ? 'auth.account.activated' : 'auth.password.reset',
          category: 'system',
          actorUserId: user.id,
          subject: { type: 'User', id: user.id, organisationId: user.organisationId },
        },
      );
      return { email: user.email };
    });
  }
}

function unusable(reason: UnusableLink): HavenError {
  const { code, detail } = UNUSABLE_LINK[reason];
  return new HavenError(410, 'Link not usable', detail, undefined, { code });
}
