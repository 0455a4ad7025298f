import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { Role } from '@haven/contracts';
import { NotificationEntity } from './notification.entity.js';

@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Fans a notification out to the active users of an organisation who hold one of the roles. */
  async insertForOrganisation(manager: EntityManager, organisationId: string, roles: Role[], values: Pick<NotificationEntity, 'kind' | 'subjectType' | 'subjectId'>): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO app.notification (user_id, kind, subject_type, subject_id)
       SELECT u.id, $3, $4, $5 FROM app."user" u WHERE u.organisation_id = $1 AND u.role = ANY($2) AND u.active
       RETURNING user_id AS id`,
      [organisationId, roles, values.kind, values.subjectType, values.subjectId],
    );
    return rows.map((row) => row.id);
  }

  async insertForUser(manager: EntityManager, userId: string, values: Pick<NotificationEntity, 'kind' | 'subjectType' | 'subjectId'>): Promise<void> {
    await manager.getRepository(NotificationEntity).insert({ ...values, userId, createdAt: new Date(), readAt: null });
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
