import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, Not } from 'typeorm';
import { REFERRAL_RECIPIENT_KINDS, TRANSFER_RECIPIENT_KINDS, type DirectoryQuery } from '@haven/contracts';
import { SessionCache } from '../auth/session-cache.js';
import { OrganisationEntity } from './organisation.entity.js';

export type NewOrganisation = Pick<OrganisationEntity, 'name' | 'kind' | 'country'> &
  Partial<
    Pick<
      OrganisationEntity,
      | 'teamMode'
      | 'services'
      | 'area'
      | 'contactPoint'
      | 'acceptingReferrals'
      | 'languages'
      | 'eligibleSexes'
      | 'eligibleAgeMin'
      | 'eligibleAgeMax'
      | 'openingHours'
      | 'teams'
    >
  >;

@Injectable()
export class OrganisationsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    // A session carries its user's team only while the organisation works in team mode.
    private readonly sessionCache: SessionCache,
  ) {}

  findById(id: string): Promise<OrganisationEntity | null> {
    return this.dataSource.getRepository(OrganisationEntity).findOneBy({ id });
  }

  findByName(name: string): Promise<OrganisationEntity | null> {
    return this.dataSource.getRepository(OrganisationEntity).findOneBy({ name });
  }

  async create(organisation: NewOrganisation): Promise<OrganisationEntity> {
    const repository = this.dataSource.getRepository(OrganisationEntity);
    return repository.save(
      repository.create({
        services: [],
        languages: [],
        eligibleSexes: [],
        teams: [],
        active: true,
        teamMode: false,
        acceptingReferrals: true,
        listsShowNames: false,
        ...organisation,
      }),
    );
  }

  /**
   * Active organisations one can refer to or transfer to, never the caller's own, searchable by
   * service, country, language and name.
   */
  directory(query: DirectoryQuery, excludeOrganisationId: string): Promise<OrganisationEntity[]> {
    const kinds =
      query.purpose === 'referral'
        ? REFERRAL_RECIPIENT_KINDS
        : query.purpose === 'transfer'
          ? TRANSFER_RECIPIENT_KINDS
          : [...new Set([...REFERRAL_RECIPIENT_KINDS, ...TRANSFER_RECIPIENT_KINDS])];
    const builder = this.dataSource
      .getRepository(OrganisationEntity)
      .createQueryBuilder('o')
      .where('o.kind IN (:...kinds)', { kinds })
      .andWhere('o.active')
      .andWhere('o.id <> :excluded', { excluded: excludeOrganisationId })
      .orderBy('o.name', 'ASC')
      .take(200);
    if (query.service) builder.andWhere(':service = ANY(o.services)', { service: query.service });
    if (query.country) builder.andWhere('o.country = :country', { country: query.country });
    if (query.language) builder.andWhere(':language = ANY(o.languages)', { language: query.language });
    if (query.acceptingOnly) builder.andWhere('o.accepting_referrals');
    if (query.q)
      builder.andWhere("o.name ILIKE :q ESCAPE '\\'", { q: `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    return builder.getMany();
  }

  /** Every organisation, for the administrators' lists and retention settings. */
  listAll(): Promise<OrganisationEntity[]> {
    return this.dataSource.getRepository(OrganisationEntity).find({ order: { name: 'ASC' } });
  }

  /** Active accounts per organisation, for the administrators' list. */
  async activeUserCounts(): Promise<Map<string, number>> {
    const rows: { organisationId: string; count: number }[] = await this.dataSource.query(
      `SELECT organisation_id AS "organisationId", count(*)::int AS count FROM app."user" WHERE active GROUP BY organisation_id`,
    );
    return new Map(rows.map((row) => [row.organisationId, row.count]));
  }

  /** Organisations with a retention period, for the retention job. */
  withRetention(): Promise<OrganisationEntity[]> {
    return this.dataSource
      .getRepository(OrganisationEntity)
      .find({ where: { retentionMonths: Not(IsNull()) }, order: { name: 'ASC' } });
  }

  async update(id: string, changes: Partial<OrganisationEntity>): Promise<void> {
    await this.dataSource.getRepository(OrganisationEntity).update({ id }, changes);
    if (changes.teamMode !== undefined) this.sessionCache.forgetAll();
  }
}
