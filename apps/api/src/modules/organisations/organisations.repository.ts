import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OrganisationEntity } from './organisation.entity.js';

@Injectable()
export class OrganisationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string): Promise<OrganisationEntity | null> {
    return this.dataSource.getRepository(OrganisationEntity).findOneBy({ id });
  }

  findByName(name: string): Promise<OrganisationEntity | null> {
    return this.dataSource.getRepository(OrganisationEntity).findOneBy({ name });
  }

  async create(organisation: Pick<OrganisationEntity, 'name' | 'kind' | 'country'> & { teamMode?: boolean }): Promise<OrganisationEntity> {
    return this.dataSource.getRepository(OrganisationEntity).save(this.dataSource.getRepository(OrganisationEntity).create(organisation));
  }
}
