import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One in-app notification for one user: a kind and the id of what to open, never case content. */
@Entity({ schema: 'app', name: 'notification' })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column('text')
  kind!: string;

  @Column({ name: 'subject_type', type: 'text' })
  subjectType!: 'Referral' | 'Case' | 'Transfer';

  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId!: string;

  /** The member of staff whose action raised it, when the recipient should know who (e.g. an identity view). */
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}
