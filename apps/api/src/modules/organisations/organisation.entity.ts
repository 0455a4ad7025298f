import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OrganisationKind, ServiceType } from '@haven/contracts';

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

  /** Directory: the services offered, where, who to contact, and whether referrals are accepted now. */
  @Column({ type: 'text', array: true })
  services!: ServiceType[];

  @Column({ type: 'text', nullable: true })
  area!: string | null;

  @Column({ name: 'contact_point', type: 'text', nullable: true })
  contactPoint!: string | null;

  @Column({ name: 'accepting_referrals', type: 'boolean' })
  acceptingReferrals!: boolean;

  /** Months after closure before a case is anonymised (DESIGN.md §5.10); null keeps closed cases. */
  @Column({ name: 'retention_months', type: 'integer', nullable: true })
  retentionMonths!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
