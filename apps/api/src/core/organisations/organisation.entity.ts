import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Gender, OrganisationKind, ServiceType } from '@haven/contracts';

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

  /** Months after closure before a case is anonymised (docs/architecture.md, rule 10); null keeps closed cases. */
  @Column({ name: 'retention_months', type: 'integer', nullable: true })
  retentionMonths!: number | null;

  /** A deactivated organisation receives no referrals or transfers and leaves the directory; its records stay. */
  @Column('boolean')
  active!: boolean;

  /** Directory: languages its staff speak (ISO 639). */
  @Column({ type: 'text', array: true })
  languages!: string[];

  /** Directory: who it serves; empty means everyone. */
  @Column({ name: 'eligible_sexes', type: 'text', array: true })
  eligibleSexes!: Gender[];

  @Column({ name: 'eligible_age_min', type: 'integer', nullable: true })
  eligibleAgeMin!: number | null;

  @Column({ name: 'eligible_age_max', type: 'integer', nullable: true })
  eligibleAgeMax!: number | null;

  @Column({ name: 'opening_hours', type: 'text', nullable: true })
  openingHours!: string | null;

  /** The teams caseworkers may belong to (team mode). */
  @Column({ type: 'text', array: true })
  teams!: string[];

  /** Whether lists show survivors' names to those allowed to read them. */
  @Column({ name: 'lists_show_names', type: 'boolean' })
  listsShowNames!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
