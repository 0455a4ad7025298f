import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, Not } from 'typeorm';
import type { DirectoryQuery } from '@haven/contracts';
import { SessionCache } from '../../core/auth/session-cache.js';
import { OrganisationEntity } from './organisation.entity.js';

export type NewOrganisation = Pick<OrganisationEntity, 'name' | 'kind' | 'country'> &
  Partial<Pick<OrganisationEntity, 'teamMode' | 'services' | 'area' | 'contactPoint' | 'acceptingReferrals'>>;

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
    return repository.save(repository.create({ services: [], ...organisation }));
  }

  /** Organisations that can receive referrals (partners and shelters), searchable by service, country and name. */
  directory(query: DirectoryQuery): Promise<OrganisationEntity[]> {
    const builder = this.dataSource
      .getRepository(OrganisationEntity)
      .createQueryBuilder('o')
      .where("o.kind IN ('partner', 'shelter')")
      .orderBy('o.name', 'ASC')
      .take(200);
    if (query.service) builder.andWhere(':service = ANY(o.services)', { service: query.service });
    if (query.country) builder.andWhere('o.country = :country', { country: query.country });
    if (query.acceptingOnly) builder.andWhere('o.accepting_referrals');
    if (query.q) builder.andWhere("o.name ILIKE :q ESCAPE '\\'", { q: `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    return builder.getMany();
  }

  /** Every organisation, for the administrators' retention settings. */
  listAll(): Promise<OrganisationEntity[]> {
    return this.dataSource.getRepository(OrganisationEntity).find({ order: { name: 'ASC' } });
  }

  /** Organisations with a retention period, for the retention job. */
  withRetention(): Promise<OrganisationEntity[]> {
    return this.dataSource.getRepository(OrganisationEntity).find({ where: { retentionMonths: Not(IsNull()) }, order: { name: 'ASC' } });
  }

  async update(id: string, changes: Partial<OrganisationEntity>): Promise<void> {
    await this.dataSource.getRepository(OrganisationEntity).update({ id }, changes);
    if (changes.teamMode !== undefined) this.sessionCache.forgetAll();
  }
}
