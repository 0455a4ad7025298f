import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ShelterKind } from '@haven/contracts';

/**
 * A shelter of one organisation. The exact address is sealed under the shelter's own
 * data key (wrapped by the master key): only the organisation's staff ever see it opened.
 */
@Entity({ schema: 'app', name: 'shelter' })
export class ShelterEntity {
  /** Chosen before insert: the data key is bound to it. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @Column('text')
  name!: string;

  @Column('text')
  kind!: ShelterKind;

  /** Coarse area only (district, town). */
  @Column('text')
  area!: string;

  /** Beds. */
  @Column('integer')
  capacity!: number;

  @Column({ name: 'wrapped_key', type: 'bytea' })
  wrappedKey!: Buffer;

  @Column({ name: 'sealed_address', type: 'bytea' })
  sealedAddress!: Buffer;

  @Column('boolean')
  active!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column('integer')
  version!: number;
}
