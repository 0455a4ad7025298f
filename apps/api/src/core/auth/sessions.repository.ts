import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { LoginFailureEntity } from './login-failure.entity.js';
import { SessionCache, type ActiveSessionRow } from './session-cache.js';
import { UserSessionEntity } from './user-session.entity.js';
import { TransactionHost } from '../database/transaction-host.js';

/** Either a reserved attempt (its failure row and how many failures came before it) or a refusal. */
export type AttemptReservation =
  | { reserved: true; id: string; failuresBefore: number }
  | { reserved: false; latestFailure: Date };

@Injectable()
export class SessionsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cache: SessionCache,
    private readonly transactions: TransactionHost,
  ) {}

  async create(session: Omit<UserSessionEntity, 'id' | 'revokedAt'>): Promise<string> {
    const result = await this.transactions.manager.getRepository(UserSessionEntity).insert(session);
    return result.identifiers[0]!.id as string;
  }

  /**
   * A session is alive while not revoked, not past its absolute expiry and not idle too long, judged at
   * `now` (the session clock, which also wrote its times); its user and the user's organisation must be active.
   */
  async findActive(tokenHash: Buffer, idleMinutes: number, now: Date): Promise<ActiveSessionRow | undefined> {
    const rows: ActiveSessionRow[] = await this.dataSource.query(
      `SELECT s.id AS "sessionId", s.csrf_token AS "csrfToken", s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt",
              u.id AS "userId", u.email, u.display_name AS "displayName", u.role, u.organisation_id AS "organisationId",
              CASE WHEN o.team_mode THEN u.team END AS team,
              (tf.confirmed_at IS NOT NULL) AS "twoFactorEnrolled"
         FROM app.user_session s
         JOIN app."user" u ON u.id = s.user_id AND u.active
         JOIN app.organisation o ON o.id = u.organisation_id AND o.active
         LEFT JOIN app.user_two_factor tf ON tf.user_id = u.id
        WHERE s.token_hash = $1
          AND s.revoked_at IS NULL
          AND s.expires_at > $3
          AND s.last_seen_at > $3::timestamptz - make_interval(mins => $2)`,
      [tokenHash, idleMinutes, now],
    );
    return rows[0];
  }

  /** Moves the idle clock; `at` is the session clock's time, the one `findActive` judges by. */
  async touch(sessionId: string, at: Date): Promise<void> {
    await this.dataSource.getRepository(UserSessionEntity).update({ id: sessionId }, { lastSeenAt: at });
  }

  async revoke(sessionId: string, userId: string): Promise<void> {
    await this.dataSource
      .getRepository(UserSessionEntity)
      .update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
    this.cache.forgetUser(userId);
  }

  /** Revokes every live session of a user, optionally sparing one (the caller's own). */
  async revokeAllForUser(userId: string, exceptSessionId?: string): Promise<number> {
    const query = this.transactions.manager
      .createQueryBuilder()
      .update(UserSessionEntity)
      .set({ revokedAt: () => 'now()' })
      .where('user_id = :userId AND revoked_at IS NULL', { userId });
    if (exceptSessionId) query.andWhere('id <> :exceptSessionId', { exceptSessionId });
    const result = await query.execute();
    this.cache.forgetUser(userId);
    return result.affected ?? 0;
  }

  /**
   * Revokes every live session of an organisation's staff (its deactivation). Each revocation is
   * announced to every API process (migration 1764459500000); this process forgets them at once.
   */
  async revokeAllForOrganisation(organisationId: string): Promise<number> {
    const result = await this.transactions.manager
      .createQueryBuilder()
      .update(UserSessionEntity)
      .set({ revokedAt: () => 'now()' })
      .where('revoked_at IS NULL AND user_id IN (SELECT id FROM app."user" WHERE organisation_id = :organisationId)', {
        organisationId,
      })
      .execute();
    this.cache.forgetAll();
    return result.affected ?? 0;
  }

  /**
   * Reserves one sign-in attempt, or answers why not: the account's and the address's failures in the
   * window are counted and, when both are under their limits, a failure row is written before anything is
   * verified. Transaction-level advisory locks on the account and the address serialise the count and the
   * insert across every API replica, so of any number of simultaneous attempts at most the limit get a
   * row, and only an attempt with a row is verified. The row stays as the failure unless the attempt
   * succeeds (`releaseAttempt`). The account lock is always taken first, so two attempts cannot deadlock.
   */
  reserveAttempt(
    accountKey: Buffer,
    address: string,
    since: Date,
    limits: { perAccount: number; perAddress: number },
  ): Promise<AttemptReservation> {
    return this.transactions.withTransaction(async () => {
      await this.transactions.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `login-account:${accountKey.toString('hex')}`,
      ]);
      await this.transactions.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `login-address:${address}`,
      ]);
      const [counts] = (await this.transactions.manager.query(
        `SELECT (SELECT count(*)::int FROM app.login_failure WHERE account_key = $1 AND occurred_at > $3) AS "account",
                (SELECT max(occurred_at) FROM app.login_failure WHERE account_key = $1 AND occurred_at > $3) AS "latest",
                (SELECT count(*)::int FROM app.login_failure WHERE address = $2 AND occurred_at > $3) AS "address"`,
        [accountKey, address, since],
      )) as { account: number; latest: Date | null; address: number }[];
      if (counts!.account >= limits.perAccount || counts!.address >= limits.perAddress) {
        return { reserved: false, latestFailure: counts!.latest ? new Date(counts!.latest) : new Date() };
      }
      const [row] = (await this.transactions.manager.query(
        `INSERT INTO app.login_failure (account_key, address, occurred_at) VALUES ($1, $2, now()) RETURNING id`,
        [accountKey, address],
      )) as { id: string }[];
      return { reserved: true, id: row!.id, failuresBefore: counts!.account };
    });
  }

  /** When each of these users last signed in (started a session), for the administrators' list. */
  async lastSignInAmong(userIds: string[]): Promise<Map<string, Date>> {
    if (userIds.length === 0) return new Map();
    const rows: { userId: string; at: Date }[] = await this.dataSource.query(
      `SELECT user_id AS "userId", max(created_at) AS at FROM app.user_session WHERE user_id = ANY($1) GROUP BY user_id`,
      [userIds],
    );
    return new Map(rows.map((row) => [row.userId, row.at]));
  }

  /** The reserved attempt succeeded: it is not a failure. */
  async releaseAttempt(id: string): Promise<void> {
    await this.dataSource.getRepository(LoginFailureEntity).delete({ id });
  }

  /** A successful sign-in clears the account's failure streak. */
  async clearFailuresForAccount(accountKey: Buffer): Promise<void> {
    await this.dataSource.getRepository(LoginFailureEntity).delete({ accountKey });
  }
}
