import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Scope } from '@haven/access';
import {
  DISPLAY_NAME_MAX_LENGTH,
  EMAIL_MAX_LENGTH,
  type KeysetQuery,
  type Role,
  type UserSort,
  type UserState,
} from '@haven/contracts';
import { UserEntity } from './user.entity.js';
import { keysetPlan, readKeysetPage, type KeysetEntityPage, type KeysetList } from '../database/keyset.js';
import { TransactionHost } from '../database/transaction-host.js';

export interface UserListFilter {
  role?: Role;
  organisationId?: string;
  state?: UserState;
  /** Part of a name or e-mail address. */
  q?: string;
}

/**
 * The staff list's sorts (USER_SORTS), each read in the order of an index on
 * (organisation, key, id) for a supervisor and (key, id) for an administrator, who sees every
 * organisation's staff (migration 1764495000000).
 */
const USER_LIST: KeysetList<UserSort> = {
  sorts: {
    displayName: { column: 'u.display_name', type: 'text', maxLength: DISPLAY_NAME_MAX_LENGTH },
    email: { column: 'u.email', type: 'text', maxLength: EMAIL_MAX_LENGTH },
  },
  id: { column: 'u.id', type: 'uuid' },
};

export type AccountLinkPurpose = 'invitation' | 'password-reset';

/** Why a link cannot be used: already used or replaced by a newer one, expired, or unknown. */
export type UnusableLink = 'used' | 'expired' | 'invalid';

/** Serialises every change that could leave Haven without an active administrator. */
const ADMINISTRATORS_LOCK = 'haven.administrators';

@Injectable()
export class UsersRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionHost,
  ) {}

  private repository() {
    return this.transactions.manager.getRepository(UserEntity);
  }

  /** Includes the password hash, which is otherwise never selected. */
  findByEmailWithPassword(email: string): Promise<UserEntity | null> {
    return this.repository()
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email })
      .getOne();
  }

  findByIdWithPassword(id: string): Promise<UserEntity | null> {
    return this.repository().createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id }).getOne();
  }

  findByIdWithOrganisation(id: string): Promise<UserEntity | null> {
    return this.repository().findOne({ where: { id }, relations: { organisation: true } });
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.repository().findOneBy({ id });
  }

  findInScope(id: string, scope: Scope): Promise<UserEntity | null> {
    if (scope.length === 0) return Promise.resolve(null);
    return this.repository().findOne({ where: scope.map((filter) => ({ ...filter, id })) });
  }

  /** One page of the staff list by cursor, in an index's order (USER_LIST). */
  async list(
    scope: Scope,
    filter: UserListFilter,
    query: KeysetQuery<UserSort>,
  ): Promise<KeysetEntityPage<UserEntity>> {
    if (scope.length === 0) return { rows: [], plan: keysetPlan(query, USER_LIST.sorts[query.sort]), count: 0 };
    const builder = this.repository().createQueryBuilder('u').leftJoinAndSelect('u.organisation', 'o');
    // The caller's scope: equalities OR-ed together, each a set of columns of the user row.
    const scopeClauses = scope.map((allowed, index) => {
      const parts = Object.entries(allowed).map(([field, value]) => {
        builder.setParameter(`scope${index}_${field}`, value);
        return `u.${field} = :scope${index}_${field}`;
      });
      return parts.length ? `(${parts.join(' AND ')})` : 'TRUE';
    });
    builder.where(`(${scopeClauses.join(' OR ')})`);
    if (filter.role) builder.andWhere('u.role = :role', { role: filter.role });
    if (filter.organisationId)
      builder.andWhere('u.organisationId = :organisationId', { organisationId: filter.organisationId });
    if (filter.state === 'deactivated') builder.andWhere('NOT u.active');
    if (filter.state === 'invited') builder.andWhere('u.active AND u.activatedAt IS NULL');
    if (filter.state === 'active') builder.andWhere('u.active AND u.activatedAt IS NOT NULL');
    if (filter.q) {
      const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      builder.andWhere("(u.displayName ILIKE :pattern ESCAPE '\\' OR u.email ILIKE :pattern ESCAPE '\\')", { pattern });
    }
    return readKeysetPage(this.dataSource, builder, USER_LIST, query);
  }

  async create(
    user: Pick<UserEntity, 'email' | 'displayName' | 'organisationId' | 'role' | 'passwordHash' | 'team'>,
  ): Promise<UserEntity> {
    const repository = this.repository();
    const now = new Date();
    return repository.save(
      repository.create({ ...user, active: true, passwordChangedAt: now, activatedAt: user.passwordHash ? now : null }),
    );
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.repository().findOneBy({ email });
  }

  async emailsInUse(emails: string[]): Promise<Set<string>> {
    if (emails.length === 0) return new Set();
    const rows: { email: string }[] = await this.transactions.manager.query(
      `SELECT email FROM app."user" WHERE email = ANY($1)`,
      [emails],
    );
    return new Set(rows.map((row) => row.email));
  }

  async update(id: string, changes: Partial<Pick<UserEntity, 'displayName' | 'role' | 'team'>>): Promise<void> {
    await this.repository().update({ id }, changes);
  }

  /** A first password (activation) or a new one: the account counts as activated from now on. */
  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.transactions.manager.query(
      `UPDATE app."user" SET password_hash = $2, password_changed_at = now(), activated_at = coalesce(activated_at, now()), updated_at = now() WHERE id = $1`,
      [id, passwordHash],
    );
  }

  /**
   * Takes the administrators' lock for the rest of the transaction, then counts the active
   * administrators other than `exceptUserId`. Two administrators deactivating each other at
   * the same moment are serialised here, so the second sees that the first is gone.
   */
  async activeAdministratorsOtherThan(exceptUserId: string | null): Promise<number> {
    await this.transactions.manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [ADMINISTRATORS_LOCK]);
    const [row] = (await this.transactions.manager.query(
      `SELECT count(*)::int AS count FROM app."user" WHERE role = 'admin' AND active AND id IS DISTINCT FROM $1`,
      [exceptUserId],
    )) as { count: number }[];
    return row!.count;
  }

  /** Re-reads a user inside the transaction (after the lock), to decide on its current state. */
  findByIdForUpdate(id: string): Promise<UserEntity | null> {
    return this.repository().createQueryBuilder('u').setLock('pessimistic_write').where('u.id = :id', { id }).getOne();
  }

  /** Issues a one-time link: every older open link of the user is superseded in the same transaction. */
  async issueLink(link: {
    userId: string;
    purpose: AccountLinkPurpose;
    tokenHash: Buffer;
    issuedBy: string | null;
    expiresAt: Date;
  }): Promise<void> {
    await this.transactions.manager.query(
      `UPDATE app.account_link SET superseded_at = now() WHERE user_id = $1 AND used_at IS NULL AND superseded_at IS NULL`,
      [link.userId],
    );
    await this.transactions.manager.query(
      `INSERT INTO app.account_link (user_id, purpose, token_hash, issued_by, expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [link.userId, link.purpose, link.tokenHash, link.issuedBy, link.expiresAt],
    );
  }

  /** Spends a link in one conditional UPDATE: of two simultaneous uses, exactly one gets the user. */
  async spendLink(tokenHash: Buffer): Promise<{ userId: string; purpose: AccountLinkPurpose } | UnusableLink> {
    const spent = (await this.transactions.manager.query(
      `UPDATE app.account_link SET used_at = now()
        WHERE token_hash = $1 AND used_at IS NULL AND superseded_at IS NULL AND expires_at > now()
        RETURNING user_id AS "userId", purpose`,
      [tokenHash],
    )) as [{ userId: string; purpose: AccountLinkPurpose }[], number];
    const row = spent[0][0];
    if (row) return row;
    const state = await this.linkState(tokenHash);
    return typeof state === 'string' ? state : 'used';
  }

  /** Whether a link could be spent now (and whose account it opens), or why not. */
  async linkState(tokenHash: Buffer): Promise<{ email: string; displayName: string } | UnusableLink> {
    const [known] = (await this.transactions.manager.query(
      `SELECT l.used_at IS NOT NULL OR l.superseded_at IS NOT NULL AS used, l.expires_at <= now() AS expired, u.email, u.display_name AS "displayName"
         FROM app.account_link l JOIN app."user" u ON u.id = l.user_id WHERE l.token_hash = $1`,
      [tokenHash],
    )) as { used: boolean; expired: boolean; email: string; displayName: string }[];
    return !known
      ? 'invalid'
      : known.used
        ? 'used'
        : known.expired
          ? 'expired'
          : { email: known.email, displayName: known.displayName };
  }

  /** Ends a user's open links (deactivation): a link must not bring a deactivated account back. */
  async supersedeLinks(userId: string): Promise<void> {
    await this.transactions.manager.query(
      `UPDATE app.account_link SET superseded_at = now() WHERE user_id = $1 AND used_at IS NULL AND superseded_at IS NULL`,
      [userId],
    );
  }

  async setActive(id: string, active: boolean): Promise<void> {
    await this.repository().update({ id }, { active });
  }
}
