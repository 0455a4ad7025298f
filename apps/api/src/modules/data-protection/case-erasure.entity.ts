import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { ErasureChannel, ErasureReason } from '@haven/contracts';
import { UserEntity } from '../../core/users/user.entity.js';

/**
 * The tombstone of a survivor's erasure request: which case, why (a code), how it was
 * asked (a code), who recorded it and when. Nothing that could identify the survivor.
 */
@Entity({ schema: 'app', name: 'case_erasure' })
export class CaseErasureEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column('text')
  reason!: ErasureReason;

  @Column('text')
  channel!: ErasureChannel;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'recorded_by' })
  recorder?: Relation<UserEntity>;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
