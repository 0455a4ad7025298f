import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { UserEntity } from '../../core/users/user.entity.js';

/**
 * One line of a case's history: who changed what and when. Values are kept only for
 * coded, non-identifying fields; for anything else only the field name is recorded.
 */
@Entity({ schema: 'app', name: 'case_change' })
export class CaseChangeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @ManyToOne(() => UserEntity, { nullable: true })
  @JoinColumn({ name: 'actor_user_id' })
  actor?: Relation<UserEntity> | null;

  /** case, identity, consent, assessment, plan, service, note, task */
  @Column('text')
  section!: string;

  @Column('text')
  action!: string;

  @Column({ type: 'text', nullable: true })
  field!: string | null;

  @Column({ name: 'old_value', type: 'text', nullable: true })
  oldValue!: string | null;

  @Column({ name: 'new_value', type: 'text', nullable: true })
  newValue!: string | null;

  /** A reason or comment given with the change (closure, decision, reopening), sealed under the case key. */
  @Column({ name: 'sealed_comment', type: 'bytea', nullable: true })
  sealedComment!: Buffer | null;
}
