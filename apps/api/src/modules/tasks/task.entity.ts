import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { TaskStatus } from '@haven/contracts';
import { UserEntity } from '../../core/users/user.entity.js';

/** A task or follow-up on a case, with a due date and an assignee. The title is sealed under the case key. */
@Entity({ schema: 'app', name: 'task' })
export class TaskEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'sealed_title', type: 'bytea' })
  sealedTitle!: Buffer;

  /** YYYY-MM-DD. */
  @Column({ name: 'due_on', type: 'date' })
  dueOn!: string;

  @Column({ name: 'assignee_id', type: 'uuid' })
  assigneeId!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'assignee_id' })
  assignee?: Relation<UserEntity>;

  @Column('text')
  status!: TaskStatus;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  /** Optimistic concurrency (see TasksRepository.updateIfVersion). */
  @Column('integer')
  version!: number;
}
