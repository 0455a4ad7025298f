import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import type { KeysetQuery, NotificationSort, Role } from '@haven/contracts';
import { NotificationEntity } from './notification.entity.js';
import { boundedCountSql, keysetSql, type KeysetList, type KeysetPlan } from '../../core/database/keyset.js';
import { SqlParameters } from '../../core/database/scope-sql.js';
import { TransactionHost } from '../../core/database/transaction-host.js';

interface NotificationRow {
  id: string;
  user_id: string;
  kind: string;
  subject_type: NotificationEntity['subjectType'];
  subject_id: string;
  actor_user_id: string | null;
  created_at: Date | string;
  read_at: Date | string | null;
  case_reference: string | null;
  actor_name: string | null;
  sort_key: string;
  key_id: string;
}

/**
 * A user's notifications, read in the order of the index on (user, created, id) (migration
 * 1764499400001): the scope is the user herself, so the page costs the same however many she has.
 */
const NOTIFICATION_LIST: KeysetList<NotificationSort> = {
  sorts: { createdAt: { column: 'n.created_at', type: 'timestamptz' } },
  id: { column: 'n.id', type: 'uuid' },
};

export type NotificationWithNames = NotificationEntity & { caseReference: string | null; actorName: string | null };

@Injectable()
export class NotificationsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionHost,
  ) {}

  /** Runs `work` after the current transaction commits (never if it rolls back); at once when there is none. */
  afterCommit(work: () => void): void {
    this.transactions.afterCommit(work);
  }

  /**
   * Fans out to the active users of an organisation with one of the roles (but `exceptUserId`); answers their e-mail addresses.
   * With `notRepeatedWithinMinutes`, a recipient who already has the same notification (kind, subject and actor) that recent gets no other.
   */
  async insertForOrganisation(
    organisationId: string,
    roles: Role[],
    values: Pick<NotificationEntity, 'kind' | 'subjectType' | 'subjectId'> & { actorUserId?: string | null },
    exceptUserId: string | null = null,
    notRepeatedWithinMinutes: number | null = null,
  ): Promise<string[]> {
    const rows: { email: string }[] = await this.transactions.manager.query(
      `WITH recipients AS (
              SELECT u.id, u.email FROM app."user" u
               WHERE u.organisation_id = $1 AND u.role = ANY($2) AND u.active AND u.id IS DISTINCT FROM $7::uuid
                 AND ($8::int IS NULL OR NOT EXISTS (
                       SELECT 1 FROM app.notification n
                        WHERE n.user_id = u.id AND n.kind = $3 AND n.subject_id = $5 AND n.actor_user_id IS NOT DISTINCT FROM $6::uuid
                          AND n.created_at > now() - make_interval(mins => $8::int)))),
            inserted AS (INSERT INTO app.notification (user_id, kind, subject_type, subject_id, actor_user_id) SELECT id, $3, $4, $5, $6::uuid FROM recipients RETURNING user_id)
       SELECT r.email FROM recipients r JOIN inserted i ON i.user_id = r.id`,
      [
        organisationId,
        roles,
        values.kind,
        values.subjectType,
        values.subjectId,
        values.actorUserId ?? null,
        exceptUserId,
        notRepeatedWithinMinutes,
      ],
    );
    return rows.map((row) => row.email);
  }

  /** Answers the user's e-mail address when the user is active (inactive users are not notified). */
  async insertForUser(
    userId: string,
    values: Pick<NotificationEntity, 'kind' | 'subjectType' | 'subjectId'>,
  ): Promise<string[]> {
    const rows: { email: string }[] = await this.transactions.manager.query(
      `WITH recipient AS (SELECT id, email FROM app."user" WHERE id = $1 AND active),
            inserted AS (INSERT INTO app.notification (user_id, kind, subject_type, subject_id) SELECT id, $2, $3, $4 FROM recipient RETURNING user_id)
       SELECT r.email FROM recipient r JOIN inserted i ON i.user_id = r.id`,
      [userId, values.kind, values.subjectType, values.subjectId],
    );
    return rows.map((row) => row.email);
  }

  /**
   * One page of the user's notifications by cursor (NOTIFICATION_LIST), with the case reference
   * and the actor's name looked up now (rows hold ids only), the page's notifications counted up
   * to LIST_COUNT_LIMIT and her unread ones.
   */
  async listForUser(
    userId: string,
    query: KeysetQuery<NotificationSort>,
  ): Promise<{
    rows: (NotificationWithNames & { sort_key: string; key_id: string })[];
    plan: KeysetPlan;
    count: number;
    unread: number;
  }> {
    const parameters = new SqlParameters(userId);
    const page = keysetSql(NOTIFICATION_LIST, query, (value) => parameters.add(value));
    const [rows, count, unread] = await Promise.all([
      this.dataSource.query(
        `SELECT n.id, n.user_id, n.kind, n.subject_type, n.subject_id, n.actor_user_id, n.created_at, n.read_at,
                c.reference AS case_reference, u.display_name AS actor_name, ${page.keySelect}
           FROM app.notification n
           LEFT JOIN app."case" c ON n.subject_type = 'Case' AND c.id = n.subject_id
           LEFT JOIN app."user" u ON u.id = n.actor_user_id
          WHERE n.user_id = $1 ${page.condition ? `AND ${page.condition}` : ''}
          ORDER BY ${page.orderBy} ${page.limitOffset}`,
        parameters.values,
      ) as Promise<NotificationRow[]>,
      this.dataSource
        .query(boundedCountSql(`SELECT 1 FROM app.notification n WHERE n.user_id = $1`), [userId])
        .then((result: { count: number }[]) => result[0]?.count ?? 0),
      this.dataSource.getRepository(NotificationEntity).countBy({ userId, readAt: IsNull() }),
    ]);
    const items = rows.map((row) =>
      Object.assign(new NotificationEntity(), {
        id: row.id,
        userId: row.user_id,
        kind: row.kind,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        actorUserId: row.actor_user_id,
        createdAt: new Date(row.created_at),
        readAt: row.read_at ? new Date(row.read_at) : null,
        caseReference: row.case_reference,
        actorName: row.actor_name,
        sort_key: row.sort_key,
        key_id: row.key_id,
      }),
    );
    return { rows: items, plan: page.plan, count, unread };
  }

  async markRead(userId: string, id?: string): Promise<number> {
    const result = await this.transactions.manager
      .getRepository(NotificationEntity)
      .update({ userId, readAt: IsNull(), ...(id ? { id } : {}) }, { readAt: new Date() });
    return result.affected ?? 0;
  }

  /**
   * The user's unread notifications of `kinds`, newest first, with the case reference, and the time up to
   * which she last looked at them (null before the first time).
   */
  async unreadOfKinds(
    userId: string,
    kinds: readonly string[],
    limit: number,
  ): Promise<{
    seenUpTo: Date | null;
    items: { id: string; kind: string; caseId: string; caseReference: string; createdAt: Date }[];
  }> {
    const [rows, marker] = await Promise.all([
      this.dataSource.query(
        `SELECT n.id, n.kind, n.subject_id AS "caseId", coalesce(c.reference, '') AS "caseReference",
                n.created_at AS "createdAt"
           FROM app.notification n
           LEFT JOIN app."case" c ON c.id = n.subject_id
          WHERE n.user_id = $1 AND n.kind = ANY($2) AND n.read_at IS NULL AND n.subject_type = 'Case'
          ORDER BY n.created_at DESC, n.id
          LIMIT $3`,
        [userId, kinds, limit],
      ) as Promise<{ id: string; kind: string; caseId: string; caseReference: string; createdAt: Date | string }[]>,
      this.dataSource.query(`SELECT seen_up_to AS "seenUpTo" FROM app.referral_answers_seen WHERE user_id = $1`, [
        userId,
      ]) as Promise<{ seenUpTo: Date | string }[]>,
    ]);
    return {
      seenUpTo: marker[0] ? new Date(marker[0].seenUpTo) : null,
      items: rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt) })),
    };
  }

  /**
   * Moves the user's "looked up to" time forward (never back) and reads her unread notifications of `kinds`
   * created up to then, in the caller's transaction. A notification committed after this step stays unread,
   * even if its time is earlier: what she has not seen is never marked seen. Times are compared to the
   * millisecond, the precision the screen was shown them in.
   */
  async markKindsSeen(userId: string, kinds: readonly string[], upTo: Date): Promise<void> {
    await this.transactions.manager.query(
      `INSERT INTO app.referral_answers_seen (user_id, seen_up_to) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET seen_up_to = greatest(app.referral_answers_seen.seen_up_to, excluded.seen_up_to)`,
      [userId, upTo],
    );
    await this.transactions.manager.query(
      `UPDATE app.notification SET read_at = now()
        WHERE user_id = $1 AND kind = ANY($2) AND read_at IS NULL AND date_trunc('milliseconds', created_at) <= $3`,
      [userId, kinds, upTo],
    );
  }

  async existsForUser(userId: string, id: string): Promise<boolean> {
    return this.dataSource.getRepository(NotificationEntity).existsBy({ userId, id });
  }
}
