import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager, type EntitySubscriberInterface, type QueryRunner } from 'typeorm';
import type { Role } from '@haven/contracts';
import { NotificationEntity } from './notification.entity.js';

@Injectable()
export class NotificationsRepository {
  /** Work to run once a transaction commits (dropped if it rolls back), per query runner. */
  private readonly afterCommitWork = new WeakMap<QueryRunner, (() => void)[]>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    const subscriber: EntitySubscriberInterface = {
      afterTransactionCommit: (event) => {
        const work = this.afterCommitWork.get(event.queryRunner) ?? [];
        this.afterCommitWork.delete(event.queryRunner);
        for (const run of work) run();
      },
      afterTransactionRollback: (event) => {
        this.afterCommitWork.delete(event.queryRunner);
      },
    };
    dataSource.subscribers.push(subscriber);
  }

  /** Runs `work` after the manager's transaction commits; at once when there is none. */
  afterCommit(manager: EntityManager, work: () => void): void {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) {
      work();
      return;
    }
    this.afterCommitWork.set(runner, [...(this.afterCommitWork.get(runner) ?? []), work]);
  }

  /** Fans a notification out to the active users of an organisation who hold one of the roles. */
  /** Fans out to the active users of an organisation with one of the roles; answers their e-mail addresses. */
  async insertForOrganisation(manager: EntityManager, organisationId: string, roles: Role[], values: Pick<NotificationEntity, 'kind' | 'subjectType' | 'subjectId'>): Promise<string[]> {
    const rows: { email: string }[] = await manager.query(
      `WITH recipients AS (SELECT id, email FROM app."user" WHERE organisation_id = $1 AND role = ANY($2) AND active),
            inserted AS (INSERT INTO app.notification (user_id, kind, subject_type, subject_id) SELECT id, $3, $4, $5 FROM recipients RETURNING user_id)
       SELECT r.email FROM recipients r JOIN inserted i ON i.user_id = r.id`,
      [organisationId, roles, values.kind, values.subjectType, values.subjectId],
    );
    return rows.map((row) => row.email);
  }

  /** Answers the user's e-mail address when the user is active (inactive users are not notified). */
  async insertForUser(manager: EntityManager, userId: string, values: Pick<NotificationEntity, 'kind' | 'subjectType' | 'subjectId'>): Promise<string[]> {
    const rows: { email: string }[] = await manager.query(
      `WITH recipient AS (SELECT id, email FROM app."user" WHERE id = $1 AND active),
            inserted AS (INSERT INTO app.notification (user_id, kind, subject_type, subject_id) SELECT id, $2, $3, $4 FROM recipient RETURNING user_id)
       SELECT r.email FROM recipient r JOIN inserted i ON i.user_id = r.id`,
      [userId, values.kind, values.subjectType, values.subjectId],
    );
    return rows.map((row) => row.email);
  }

  async listForUser(userId: string, limit: number): Promise<{ items: NotificationEntity[]; unread: number }> {
    const repository = this.dataSource.getRepository(NotificationEntity);
    const [items, unread] = await Promise.all([
      repository.find({ where: { userId }, order: { createdAt: 'DESC' }, take: limit }),
      repository.countBy({ userId, readAt: IsNull() }),
    ]);
    return { items, unread };
  }

  async markRead(userId: string, id?: string): Promise<number> {
    const result = await this.dataSource
      .getRepository(NotificationEntity)
      .update({ userId, readAt: IsNull(), ...(id ? { id } : {}) }, { readAt: new Date() });
    return result.affected ?? 0;
  }

  async existsForUser(userId: string, id: string): Promise<boolean> {
    return this.dataSource.getRepository(NotificationEntity).existsBy({ userId, id });
  }
}
