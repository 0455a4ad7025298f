import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { UserEntity } from '../../core/users/user.entity.js';

/** A supervisor's decision on whether a return may proceed despite an open protection concern. */
@Entity({ schema: 'app', name: 'protection_review' })
export class ProtectionReviewEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column('text')
  decision!: 'returnMayProceed' | 'returnBlocked';

  @Column({ name: 'sealed_reason', type: 'bytea' })
  sealedReason!: Buffer;

  @Column({ name: 'decided_by', type: 'uuid' })
  decidedById!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'decided_by' })
  decidedBy?: Relation<UserEntity>;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;
}
