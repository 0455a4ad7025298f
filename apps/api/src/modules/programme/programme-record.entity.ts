import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ProgrammeRegister } from '@haven/contracts';

/** One record of a programme register (migration 1764498000000): its fields as the contract checked them. */
@Entity({ schema: 'app', name: 'programme_record' })
export class ProgrammeRecordEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @Column('text')
  register!: ProgrammeRegister;

  /** The title, topic or name: what a search looks in. */
  @Column('text')
  label!: string;

  @Column({ name: 'starts_on', type: 'date', nullable: true })
  startsOn!: string | null;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn!: string | null;

  @Column('jsonb')
  fields!: Record<string, unknown>;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column('integer')
  version!: number;
}
