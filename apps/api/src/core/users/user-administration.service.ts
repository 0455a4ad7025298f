import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { recordOf, scopeOf } from '@haven/access';
import {
  ACTIVATION_PATH,
  ACTIVATION_TOKEN_PARAMETER,
  ROLES_BY_ORGANISATION_KIND,
  type ActivationLink,
  type InviteUserRequest,
  type Role,
  type UpdateUserRequest,
  type UserListQuery,
  type UserListResponse,
  type UserSummary,
  type UserWithLink,
} from '@haven/contracts';
import { keysetResponse } from '../database/keyset.js';
import { HAVEN_CONFIG, type HavenConfig } from '../../config/config.js';
import { AuditService } from '../audit/audit.service.js';
import { hashToken } from '../auth/auth.service.js';
import type { Caller } from '../auth/caller.js';
import { SessionsRepository } from '../auth/sessions.repository.js';
import { TwoFactorRepository } from '../auth/two-factor.repository.js';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../errors/problem.js';
import type { OrganisationEntity } from '../organisations/organisation.entity.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { ACCOUNT_LINK_MAIL, type AccountLinkMail } from './account-link-mail.js';
import type { UserEntity } from './user.entity.js';
import { toUserSummary } from './user.mapper.js';
import { UsersRepository, type AccountLinkPurpose } from './users.repository.js';
import { TransactionHost } from '../database/transaction-host.js';

/** An invitation waits three days (the first administrator's too); a reset one day. */
export const INVITATION_LINK_HOURS = 72;
export const PASSWORD_RESET_LINK_HOURS = 24;

/** Where one-time links point: the configured public address, else the address the request came to. */
export type LinkBase = string;

/** PostgreSQL's unique_violation: two invitations to one e-mail at the same moment. */
const UNIQUE_VIOLATION = '23505';

/**
 * Staff administration: invitations with one-time links, edits, deactivation and reactivation,
 * new sign-in links. Administrators manage everyone; supervisors manage the caseworkers of their
 * own organisation (the policy's `User` scope for `create` and `update`). Nobody changes their own
 * role or active state, and Haven is never left without an active administrator.
 */
@Injectable()
export class UserAdministrationService {
  constructor(
    @Inject(HAVEN_CONFIG) private readonly config: HavenConfig,
    private readonly users: UsersRepository,
    private readonly organisations: OrganisationsService,
    private readonly sessions: SessionsRepository,
    private readonly twoFactor: TwoFactorRepository,
    private readonly audit: AuditService,
    @Inject(ACCOUNT_LINK_MAIL) private readonly mailer: AccountLinkMail,
    private readonly transactions: TransactionHost,
  ) {}

  configuredLinkBase(): LinkBase | undefined {
    return this.config.publicUrl;
  }

  /** The base of links made outside a request (the command line). */
  defaultLinkBase(): LinkBase {
    return this.config.publicUrl ?? `http://localhost:${this.config.port}`;
  }

  async list(caller: Caller, query: UserListQuery): Promise<UserListResponse> {
    const { role, state, organisationId, q } = query;
    const { rows, plan, count } = await this.users.list(
      scopeOf(caller.ability, 'read', 'User'),
      { role, state, organisationId, q },
      query,
    );
    const page = keysetResponse(rows, query, plan, count, ({ entity }) => entity);
    return { ...page, items: await this.summaries(page.items) };
  }

  /** Invites a person: an account without a password, and a one-time link (shown once) to set it. */
  async invite(caller: Caller, request: InviteUserRequest, linkBase: LinkBase): Promise<UserWithLink> {
    if (
      !caller.ability.can('create', recordOf('User', { organisationId: request.organisationId, role: request.role }))
    ) {
      throw new ForbiddenError('Supervisors invite caseworkers of their own organisation only.');
    }
    const organisation = await this.invitableOrganisation(request.organisationId);
    this.assertRoleFits(organisation, request.role);
    const team = this.checkedTeam(organisation, request.team ?? null);
    if (await this.users.findByEmail(request.email)) throw this.emailInUse();
    try {
      const { user, link } = await this.transactions.withTransaction(async () => {
        const user = await this.users.create({
          email: request.email,
          displayName: request.displayName,
          organisationId: organisation.id,
          role: request.role,
          team,
          passwordHash: null,
        });
        const link = await this.issueLink(user, 'invitation', caller.actor.id, linkBase);
        await this.audit.record(caller, {
          action: 'user.invited',
          category: 'system',
          subject: { type: 'User', id: user.id, organisationId: user.organisationId },
        });
        return { user, link };
      });
      this.mailLink(user.email, link, 'invitation');
      return { user: await this.summary(user.id), activationLink: link };
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw this.emailInUse();
      throw error;
    }
  }

  /**
   * The first administrator of an empty Haven (or, with `additional`, one more), for the command
   * line. Refused while an active administrator exists unless `additional` is set.
   */
  async createAdministrator(request: {
    email: string;
    displayName: string;
    organisationName: string;
    additional: boolean;
  }): Promise<{ user: UserSummary; activationLink: ActivationLink }> {
    const organisation = await this.organisations.ensure({
      name: request.organisationName,
      kind: 'system',
      country: null,
    });
    if (organisation.kind !== 'system' || !organisation.active)
      throw new BadRequestError(`"${request.organisationName}" is not an active operations organisation.`, [
        { field: 'organisation', message: 'Not an operations organisation' },
      ]);
    const email = request.email.trim().toLowerCase();
    try {
      const created = await this.transactions.withTransaction(async () => {
        const others = await this.users.activeAdministratorsOtherThan(null);
        if (others > 0 && !request.additional)
          throw new ConflictError('Haven already has an active administrator. Use --additional to add another one.');
        if (await this.users.findByEmail(email)) throw this.emailInUse();
        const user = await this.users.create({
          email,
          displayName: request.displayName,
          organisationId: organisation.id,
          role: 'admin',
          team: null,
          passwordHash: null,
        });
        const link = await this.issueLink(user, 'invitation', null, this.defaultLinkBase());
        await this.audit.record(
          { address: 'command-line' },
          {
            action: 'user.invited',
            category: 'system',
            subject: { type: 'User', id: user.id, organisationId: user.organisationId },
          },
        );
        return { user, link };
      });
      return { user: await this.summary(created.user.id), activationLink: created.link };
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw this.emailInUse();
      throw error;
    }
  }

  async update(caller: Caller, userId: string, request: UpdateUserRequest): Promise<UserSummary> {
    const found = await this.inScope(caller, userId);
    const roleChanges = request.role !== undefined && request.role !== found.role;
    if (roleChanges && found.id === caller.actor.id)
      throw new ForbiddenError('Nobody can change their own role; ask another administrator.');
    if (
      roleChanges &&
      !caller.ability.can('update', recordOf('User', { organisationId: found.organisationId, role: request.role! }))
    ) {
      throw new ForbiddenError('Supervisors manage caseworkers only; they cannot give another role.');
    }
    const organisation = await this.organisations.get(found.organisationId);
    if (roleChanges) this.assertRoleFits(organisation, request.role!);
    const team = request.team === undefined ? undefined : this.checkedTeam(organisation, request.team);
    await this.transactions.withTransaction(async () => {
      const current = await this.users.findByIdForUpdate(found.id);
      if (
        roleChanges &&
        current!.role === 'admin' &&
        current!.active &&
        (await this.users.activeAdministratorsOtherThan(found.id)) === 0
      ) {
        throw this.lastAdministrator();
      }
      await this.users.update(found.id, {
        ...(request.displayName !== undefined ? { displayName: request.displayName } : {}),
        ...(roleChanges ? { role: request.role } : {}),
        ...(team !== undefined ? { team } : {}),
      });
      const subject = { type: 'User', id: found.id, organisationId: found.organisationId };
      await this.audit.record(caller, { action: 'user.updated', category: 'system', subject });
      if (roleChanges) await this.audit.record(caller, { action: 'user.role.changed', category: 'system', subject });
    });
    return this.summary(found.id);
  }

  /** Deactivation ends every session and every open link of the user at once. */
  async deactivate(caller: Caller, userId: string): Promise<void> {
    const found = await this.inScope(caller, userId);
    if (found.id === caller.actor.id)
      throw new ForbiddenError('Nobody can deactivate their own account; ask another administrator.');
    await this.transactions.withTransaction(async () => {
      const current = await this.users.findByIdForUpdate(found.id);
      if (!current!.active) return;
      if (current!.role === 'admin' && (await this.users.activeAdministratorsOtherThan(found.id)) === 0)
        throw this.lastAdministrator();
      await this.users.setActive(found.id, false);
      await this.users.supersedeLinks(found.id);
      await this.sessions.revokeAllForUser(found.id, undefined);
      await this.audit.record(caller, {
        action: 'user.deactivated',
        category: 'system',
        subject: { type: 'User', id: found.id, organisationId: found.organisationId },
      });
    });
  }

  async reactivate(caller: Caller, userId: string): Promise<UserSummary> {
    const found = await this.inScope(caller, userId);
    if (found.id === caller.actor.id) throw new ForbiddenError('Nobody can change their own active state.');
    if (!found.active) {
      await this.transactions.withTransaction(async () => {
        await this.users.setActive(found.id, true);
        await this.audit.record(caller, {
          action: 'user.reactivated',
          category: 'system',
          subject: { type: 'User', id: found.id, organisationId: found.organisationId },
        });
      });
    }
    return this.summary(found.id);
  }

  /**
   * A new one-time link for someone who forgot their password (or lost their invitation): it
   * supersedes every older link. The current password keeps working until the link is used.
   */
  async issuePasswordReset(caller: Caller, userId: string, linkBase: LinkBase): Promise<UserWithLink> {
    const found = await this.inScope(caller, userId);
    // A stolen session must not be able to take the account over without the current password.
    if (found.id === caller.actor.id) throw new ForbiddenError('Change your own password on the Security page.');
    if (!found.active) throw new ConflictError('The account is deactivated: reactivate it first.');
    const purpose = found.activatedAt ? 'password-reset' : 'invitation';
    const link = await this.transactions.withTransaction(async () => {
      const link = await this.issueLink(found, purpose, caller.actor.id, linkBase);
      await this.audit.record(caller, {
        action: 'user.password-reset.issued',
        category: 'system',
        subject: { type: 'User', id: found.id, organisationId: found.organisationId },
      });
      return link;
    });
    this.mailLink(found.email, link, purpose);
    return { user: await this.summary(found.id), activationLink: link };
  }

  /** Many invitations at once, all or none (bulk import): the caller's checks, then one transaction. */
  async inviteAll(caller: Caller, invitations: InviteUserRequest[], linkBase: LinkBase): Promise<ActivationLink[]> {
    const links: ActivationLink[] = [];
    for (const request of invitations) {
      const user = await this.users.create({
        email: request.email,
        displayName: request.displayName,
        organisationId: request.organisationId,
        role: request.role,
        team: request.team ?? null,
        passwordHash: null,
      });
      links.push(await this.issueLink(user, 'invitation', caller.actor.id, linkBase));
      await this.audit.record(caller, {
        action: 'user.invited',
        category: 'system',
        subject: { type: 'User', id: user.id, organisationId: user.organisationId },
      });
    }
    return links;
  }

  /** What an invitation would be refused for, without writing anything (the import's dry run uses it per row). */
  async invitationProblems(
    caller: Caller,
    request: InviteUserRequest,
    organisation: OrganisationEntity | null,
  ): Promise<{ field: string; message: string }[]> {
    if (!organisation) return [{ field: 'organisation', message: 'No organisation of that name' }];
    if (!caller.ability.can('create', recordOf('User', { organisationId: organisation.id, role: request.role }))) {
      return [{ field: 'role', message: 'You may invite caseworkers of your own organisation only' }];
    }
    const problems: { field: string; message: string }[] = [];
    if (!organisation.active) problems.push({ field: 'organisation', message: 'The organisation is deactivated' });
    if (!ROLES_BY_ORGANISATION_KIND[organisation.kind].includes(request.role))
      problems.push({ field: 'role', message: `Not a role of a ${organisation.kind} organisation` });
    if (request.team && !organisation.teams.includes(request.team))
      problems.push({ field: 'team', message: 'Not one of the organisation’s teams' });
    return problems;
  }

  emailsInUse(emails: string[]): Promise<Set<string>> {
    return this.users.emailsInUse(emails);
  }

  /**
   * Also by e-mail, after the commit, when SMTP is configured — and only with HAVEN_PUBLIC_URL set: a
   * link built from the request's Host header must never be mailed (an attacker could point it elsewhere).
   */
  mailLink(email: string, link: ActivationLink, purpose: AccountLinkPurpose): void {
    if (!this.config.publicUrl) return;
    void this.mailer.sendAccountLink(email, link, purpose);
  }

  private async issueLink(
    user: UserEntity,
    purpose: AccountLinkPurpose,
    issuedBy: string | null,
    linkBase: LinkBase,
  ): Promise<ActivationLink> {
    const token = randomBytes(32).toString('base64url');
    const hours = purpose === 'invitation' ? INVITATION_LINK_HOURS : PASSWORD_RESET_LINK_HOURS;
    const expiresAt = new Date(Date.now() + hours * 3_600_000);
    await this.users.issueLink({ userId: user.id, purpose, tokenHash: hashToken(token), issuedBy, expiresAt });
    // In the fragment: browsers never send it to a server, so it stays out of access logs and Referer headers.
    return {
      url: `${linkBase}${ACTIVATION_PATH}#${ACTIVATION_TOKEN_PARAMETER}=${token}`,
      expiresAt: expiresAt.toISOString(),
    };
  }

  /** A user the caller may manage; anyone else answers 404, whether or not they exist. */
  private async inScope(caller: Caller, userId: string): Promise<UserEntity> {
    const found = await this.users.findInScope(userId, scopeOf(caller.ability, 'update', 'User'));
    if (!found) throw new NotFoundError();
    return found;
  }

  private async invitableOrganisation(organisationId: string): Promise<OrganisationEntity> {
    const organisation = await this.organisations.get(organisationId).catch(() => null);
    if (!organisation)
      throw new BadRequestError('Choose an organisation from the list.', [
        { field: 'organisationId', message: 'No such organisation' },
      ]);
    if (!organisation.active)
      throw new BadRequestError('The organisation is deactivated.', [
        { field: 'organisationId', message: 'Deactivated organisation' },
      ]);
    return organisation;
  }

  private assertRoleFits(organisation: OrganisationEntity, role: Role): void {
    if (!ROLES_BY_ORGANISATION_KIND[organisation.kind].includes(role)) {
      throw new BadRequestError(`A ${organisation.kind} organisation has no ${role} accounts.`, [
        { field: 'role', message: `Choose one of: ${ROLES_BY_ORGANISATION_KIND[organisation.kind].join(', ')}` },
      ]);
    }
  }

  /** A team must be one of the organisation's teams (organisation settings). */
  private checkedTeam(organisation: OrganisationEntity, team: string | null): string | null {
    if (team === null) return null;
    if (!organisation.teams.includes(team))
      throw new BadRequestError('Choose one of the organisation’s teams.', [
        { field: 'team', message: 'Not one of the organisation’s teams' },
      ]);
    return team;
  }

  private async summary(userId: string): Promise<UserSummary> {
    const user = await this.users.findByIdWithOrganisation(userId);
    return (await this.summaries([user!]))[0]!;
  }

  private async summaries(users: UserEntity[]): Promise<UserSummary[]> {
    const ids = users.map((user) => user.id);
    const [enrolled, lastSignIns] = await Promise.all([
      this.twoFactor.enrolledAmong(ids),
      this.sessions.lastSignInAmong(ids),
    ]);
    return users.map((user) => toUserSummary(user, enrolled.has(user.id), lastSignIns.get(user.id) ?? null));
  }

  private emailInUse(): ConflictError {
    return new ConflictError('An account with this e-mail address already exists.', {
      errors: [{ field: 'email', message: 'Already in use' }],
    });
  }

  private lastAdministrator(): ConflictError {
    return new ConflictError('Haven must keep at least one active administrator: add or reactivate another one first.');
  }
}
