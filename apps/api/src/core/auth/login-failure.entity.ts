import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ schema: 'app', name: 'login_failure' })
export class LoginFailureEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  /** Keyed hash of the normalised e-mail, so unknown e-mails lock out exactly like known ones. */
  @Column({ name: 'account_key', type: 'bytea' })
  accountKey!: Buffer;

  @Column('text')
  address!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;
}
