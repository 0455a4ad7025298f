import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The survivor's identity, sealed with the case's data key (see EnvelopeEncryption). */
@Entity({ schema: 'app', name: 'survivor_identity' })
export class SurvivorIdentityEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'sealed_payload', type: 'bytea' })
  sealedPayload!: Buffer;

  /** Keyed hash of normalised name + birth year, for the duplicate warning. */
  @Column({ name: 'duplicate_key', type: 'bytea', nullable: true })
  duplicateKey!: Buffer | null;

  /** The rules (NAME_INDEX_VERSION) by which the case's entries in the name index were made; 0 for none yet. */
  @Column({ name: 'name_index_version', type: 'smallint', default: 0 })
  nameIndexVersion!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
