import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../core/errors/problem.js';
import type { OrganisationEntity } from './organisation.entity.js';
import { OrganisationsRepository } from './organisations.repository.js';

@Injectable()
export class OrganisationsService {
  constructor(private readonly organisations: OrganisationsRepository) {}

  async get(id: string): Promise<OrganisationEntity> {
    const organisation = await this.organisations.findById(id);
    if (!organisation) throw new NotFoundError();
    return organisation;
  }

  /** Idempotent, for demo data and set-up scripts. */
  async ensure(organisation: Pick<OrganisationEntity, 'name' | 'kind' | 'country'> & { teamMode?: boolean }): Promise<OrganisationEntity> {
    return (await this.organisations.findByName(organisation.name)) ?? this.organisations.create(organisation);
  }
}
