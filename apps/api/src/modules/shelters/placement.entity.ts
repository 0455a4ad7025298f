import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { PlacementExitReason } from '@haven/contracts';
import { UserEntity } from '../../core/users/user.entity.js';
import { ShelterBedEntity } from './shelter-bed.entity.js';
import { ShelterEntity } from './shelter.entity.js';

/**
 * A stay of a case in a shelter, from a date until discharge or a move. A case has at
 * most one current placement (no `to_date`): a partial unique index enforces it.
 */
@Entity({ schema: 'app', name: 'placement' })
export class PlacementEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'shelter_id', type: 'uuid' })
  shelterId!: string;

  @ManyToOne(() => ShelterEntity)
  @JoinColumn({ name: 'shelter_id' })
  shelter?: Relation<ShelterEntity>;

  /** Null only for stays recorded before shelters had beds. */
  @Column({ name: 'bed_id', type: 'uuid', nullable: true })
  bedId!: string | null;

  @ManyToOne(() => ShelterBedEntity)
  @JoinColumn({ name: 'bed_id' })
  bed?: Relation<ShelterBedEntity> | null;

  /** YYYY-MM-DD. */
  @Column({ name: 'from_date', type: 'date' })
  fromDate!: string;

  @Column({ name: 'to_date', type: 'date', nullable: true })
  toDate!: string | null;

  @Column({ name: 'planned_discharge_on', type: 'date', nullable: true })
  plannedDischargeOn!: string | null;

  @Column({ name: 'exit_reason', type: 'text', nullable: true })
  exitReason!: PlacementExitReason | null;

  /** A supervisor's reason for placing outside the shelter's kind, sealed under the case key. */
  @Column({ name: 'sealed_override_reason', type: 'bytea', nullable: true })
  sealedOverrideReason!: Buffer | null;

  @Column({ name: 'placed_by', type: 'uuid' })
  placedById!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'placed_by' })
  placedBy?: Relation<UserEntity>;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column('integer')
  version!: number;
}
