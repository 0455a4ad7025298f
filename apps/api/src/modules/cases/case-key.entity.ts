import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The case's data key, wrapped by the master key. Deleting it shreds the case's encrypted data. */
@Entity({ schema: 'app', name: 'case_key' })
export class CaseKeyEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'wrapped_key', type: 'bytea' })
  wrappedKey!: Buffer;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
