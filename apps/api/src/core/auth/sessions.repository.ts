import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThan, type EntityManager } from 'typeorm';
import type { Role } from '@haven/contracts';
import { LoginFailureEntity } from './login-failure.entity.js';
import { SessionCache } from './session-cache.js';
import { UserSessionEntity } from './user-session.entity.js';

export interface ActiveSessionRow {
  sessionId: string;
  csrfToken: string;
  lastSeenAt: Date;
  expiresAt: Date;
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  organisationId: string;
  team: string | null;
  twoFactorEnrolled: boolean;
}

@Injectable()
export class SessionsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cache: SessionCache,
  ) {}

  async create(session: Omit<UserSessionEntity, 'id' | 'revokedAt'>, manager?: EntityManager): Promise<string> {
    const result = await (manager ?? this.dataSource.manager).getRepository(UserSessionEntity).insert(session);
    return result.identifiers[0]!.id as string;
  }

  /** A session is alive while not revoked, not past its absolute expiry and not idle too long; its user must be active. */
  async findActive(tokenHash: Buffer, idleMinutes: number): Promise<ActiveSessionRow | undefined> {
    const rows: ActiveSessionRow[] = await this.dataSource.query(
      `SELECT s.id AS "sessionId", s.csrf_token AS "csrfToken", s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt",
              u.id AS "userId", u.email, u.display_name AS "displayName", u.role, u.organisation_id AS "organisationId",
              CASE WHEN o.team_mode THEN u.team END AS team,
              (tf.confirmed_at IS NOT NULL) AS "twoFactorEnrolled"
         FROM app.user_session s
         JOIN app."user" u ON u.id = s.user_id AND u.active
         JOIN app.organisation o ON o.id = u.organisation_id
         LEFT JOIN app.user_two_factor tf ON tf.user_id = u.id
        WHERE s.token_hash = $1
          AND s.revoked_at IS NULL
          AND s.expires_at > now()
          AND s.last_seen_at > now() - make_interval(mins => $2)`,
      [tokenHash, idleMinutes],
    );
    return rows[0];
  }

  async touch(sessionId: string): Promise<void> {
    await this.dataSource.getRepository(UserSessionEntity).update({ id: sessionId }, { lastSeenAt: new Date() });
  }

  async revoke(sessionId: string, userId: string): Promise<void> {
    await this.dataSource.getRepository(UserSessionEntity).update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
    this.cache.forgetUser(userId);
  }

  /** Revokes every live session of a user, optionally sparing one (the caller's own). */
  async revokeAllForUser(userId: string, exceptSessionId?: string, manager?: EntityManager): Promise<number> {
    const query = (manager ?? this.dataSource.manager)
      .createQueryBuilder()
      .update(UserSessionEntity)
      .set({ revokedAt: () => 'now()' })
      .where('user_id = :userId AND revoked_at IS NULL', { userId });
    if (exceptSessionId) query.andWhere('id <> :exceptSessionId', { exceptSessionId });
    const result = await query.execute();
    this.cache.forgetUser(userId);
    return result.affected ?? 0;
  }

  async recordLoginFailure(accountKey: Buffer, address: string): Promise<void> {
    await this.dataSource.getRepository(LoginFailureEntity).insert({ accountKey, address, occurredAt: new Date() });
  }

  async countFailuresForAccount(accountKey: Buffer, since: Date): Promise<{ count: number; latest: Date | null }> {
    const row = await this.dataSource
      .getRepository(LoginFailureEntity)
      .createQueryBuilder('f')
      .select('count(*)::int', 'count')
      .addSelect('max(f.occurred_at)', 'latest')
      .where('f.account_key = :accountKey AND f.occurred_at > :since', { accountKey, since })
      .getRawOne<{ count: number; latest: Date | null }>();
    return { count: row?.count ?? 0, latest: row?.latest ?? null };
  }

  countFailuresForAddress(address: string, since: Date): Promise<number> {
    return this.dataSource.getRepository(LoginFailureEntity).countBy({ address, occurredAt: MoreThan(since) });
  }

  /** A successful sign-in clears the account's failure streak. */
  async clearFailuresForAccount(accountKey: Buffer): Promise<void> {
    await this.dataSource.getRepository(LoginFailureEntity).delete({ accountKey });
  }
}
