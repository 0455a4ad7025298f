import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export interface OrganisationRetentionReport {
  organisationId: string;
  anonymised: number;
  failed: number;
}

/** What one run of the retention job did: counts per organisation, never case ids. */
@Entity({ schema: 'app', name: 'retention_run' })
export class RetentionRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  trigger!: 'schedule' | 'command';

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz' })
  finishedAt!: Date;

  @Column('integer')
  anonymised!: number;

  @Column('integer')
  failed!: number;

  @Column({ type: 'jsonb' })
  organisations!: OrganisationRetentionReport[];
}
