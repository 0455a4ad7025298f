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

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
