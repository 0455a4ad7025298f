import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The `stats` schema: the anonymised projection (one row per case, and per service,
 * referral, placement, enrolment and follow-up visit of it) and the privacy-budget
 * ledger. Coarse codes and months only; rows are keyed by keyed hashes, never by the
 * ids of the case tables. See statistics-projection.ts for what each column holds.
 */
@Entity({ schema: 'stats', name: 'case_row' })
export class StatsCaseRowEntity {
  @PrimaryColumn({ name: 'row_key', type: 'bytea' })
  rowKey!: Buffer;

  @Column({ name: 'person_key', type: 'bytea' })
  personKey!: Buffer;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @Column('boolean')
  consented!: boolean;

  @Column({ name: 'new_case', type: 'boolean' })
  newCase!: boolean;

  @Column({ name: 'registered_month', type: 'text' })
  registeredMonth!: string;

  @Column({ name: 'age_band', type: 'text' })
  ageBand!: string;

  @Column('text')
  sex!: string;

  @Column('text')
  nationality!: string;

  @Column('text')
  region!: string;

  @Column({ name: 'exploitation_types', type: 'text', array: true })
  exploitationTypes!: string[];

  @Column('text')
  status!: string;

  @Column('boolean')
  victim!: boolean;

  @Column('boolean')
  returned!: boolean;
}

@Entity({ schema: 'stats', name: 'service_row' })
export class StatsServiceRowEntity {
  @PrimaryColumn({ name: 'row_key', type: 'bytea' })
  rowKey!: Buffer;

  @PrimaryColumn('integer')
  seq!: number;

  @Column('text')
  month!: string;

  @Column({ name: 'assistance_type', type: 'text' })
  assistanceType!: string;
}

@Entity({ schema: 'stats', name: 'referral_row' })
export class StatsReferralRowEntity {
  @PrimaryColumn({ name: 'row_key', type: 'bytea' })
  rowKey!: Buffer;

  @PrimaryColumn('integer')
  seq!: number;

  @Column({ name: 'sent_month', type: 'text' })
  sentMonth!: string;

  @Column('text')
  outcome!: string;

  @Column({ name: 'response_band', type: 'text' })
  responseBand!: string;

  @Column({ name: 'completed_month', type: 'text', nullable: true })
  completedMonth!: string | null;
}

@Entity({ schema: 'stats', name: 'placement_row' })
export class StatsPlacementRowEntity {
  @PrimaryColumn({ name: 'row_key', type: 'bytea' })
  rowKey!: Buffer;

  @PrimaryColumn('integer')
  seq!: number;

  /** The shelter's organisation. */
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @Column({ name: 'started_month', type: 'text' })
  startedMonth!: string;

  @Column({ name: 'first_census_month', type: 'text', nullable: true })
  firstCensusMonth!: string | null;

  @Column({ name: 'last_census_month', type: 'text', nullable: true })
  lastCensusMonth!: string | null;

  @Column('boolean')
  ongoing!: boolean;

  @Column({ name: 'ended_month', type: 'text', nullable: true })
  endedMonth!: string | null;

  @Column({ name: 'length_band', type: 'text', nullable: true })
  lengthBand!: string | null;
}

@Entity({ schema: 'stats', name: 'enrolment_row' })
export class StatsEnrolmentRowEntity {
  @PrimaryColumn({ name: 'row_key', type: 'bytea' })
  rowKey!: Buffer;

  @PrimaryColumn('integer')
  seq!: number;

  @Column({ name: 'started_month', type: 'text' })
  startedMonth!: string;

  @Column('text')
  completion!: string;

  @Column({ name: 'completed_month', type: 'text', nullable: true })
  completedMonth!: string | null;

  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  @Column({ name: 'outcome_month', type: 'text', nullable: true })
  outcomeMonth!: string | null;
}

@Entity({ schema: 'stats', name: 'follow_up_row' })
export class StatsFollowUpRowEntity {
  @PrimaryColumn({ name: 'row_key', type: 'bytea' })
  rowKey!: Buffer;

  @PrimaryColumn('integer')
  seq!: number;

  @Column({ name: 'visited_month', type: 'text' })
  visitedMonth!: string;

  @Column({ name: 'score_band', type: 'text', nullable: true })
  scoreBand!: string | null;
}

/** Epsilon spent per calendar year of data, when differential privacy is on. */
@Entity({ schema: 'stats', name: 'epsilon_ledger' })
export class StatsEpsilonLedgerEntity {
  @PrimaryColumn('text')
  period!: string;

  @Column('double precision')
  spent!: number;

  @Column('integer')
  releases!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

export const STATISTICS_ENTITIES = [
  StatsCaseRowEntity,
  StatsServiceRowEntity,
  StatsReferralRowEntity,
  StatsPlacementRowEntity,
  StatsEnrolmentRowEntity,
  StatsFollowUpRowEntity,
  StatsEpsilonLedgerEntity,
];
