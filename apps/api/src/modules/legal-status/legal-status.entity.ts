import type { MigrationStatus, PermitDecision } from '@haven/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A case's legal status, one row per case once anything is recorded; its changes are in the case's history. */
@Entity({ schema: 'app', name: 'legal_status' })
export class LegalStatusEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'migration_status', type: 'text', nullable: true })
  migrationStatus!: MigrationStatus | null;

  @Column({ name: 'reflection_starts_on', type: 'date', nullable: true })
  reflectionStartsOn!: string | null;

  @Column({ name: 'reflection_ends_on', type: 'date', nullable: true })
  reflectionEndsOn!: string | null;

  @Column({ name: 'permit_applied_on', type: 'date', nullable: true })
  permitAppliedOn!: string | null;

  @Column({ name: 'permit_decision', type: 'text', nullable: true })
  permitDecision!: PermitDecision | null;

  @Column({ name: 'permit_expires_on', type: 'date', nullable: true })
  permitExpiresOn!: string | null;

  @Column('integer')
  version!: number;

  @Column({ name: 'updated_by', type: 'uuid' })
  updatedById!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
