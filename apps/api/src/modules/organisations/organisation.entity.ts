import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OrganisationKind } from '@haven/contracts';

@Entity({ schema: 'app', name: 'organisation' })
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text')
  kind!: OrganisationKind;

  @Column({ type: 'char', length: 2, nullable: true })
  country!: string | null;

  /** In team mode, caseworkers also see their team's non-sensitive cases. */
  @Column({ name: 'team_mode', type: 'boolean' })
  teamMode!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
