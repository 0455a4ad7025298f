import { Injectable } from '@nestjs/common';
import type { DirectoryEntry, DirectoryQuery, UpdateOrganisationRequest } from '@haven/contracts';
import { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { NotFoundError } from '../../core/errors/problem.js';
import type { OrganisationEntity } from './organisation.entity.js';
import { OrganisationsRepository, type NewOrganisation } from './organisations.repository.js';

export function toDirectoryEntry(organisation: OrganisationEntity): DirectoryEntry {
  return {
    id: organisation.id,
    name: organisation.name,
    kind: organisation.kind,
    services: organisation.services,
    country: organisation.country,
    area: organisation.area,
    contactPoint: organisation.contactPoint,
    acceptingReferrals: organisation.acceptingReferrals,
  };
}

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly organisations: OrganisationsRepository,
    private readonly audit: AuditService,
  ) {}

  async get(id: string): Promise<OrganisationEntity> {
    const organisation = await this.organisations.findById(id);
    if (!organisation) throw new NotFoundError();
    return organisation;
  }

  /** Idempotent, for demo data and set-up scripts. */
  async ensure(organisation: NewOrganisation): Promise<OrganisationEntity> {
    return (await this.organisations.findByName(organisation.name)) ?? this.organisations.create(organisation);
  }

  async directory(query: DirectoryQuery): Promise<{ items: DirectoryEntry[] }> {
    return { items: (await this.organisations.directory(query)).map(toDirectoryEntry) };
  }

  listAll(): Promise<OrganisationEntity[]> {
    return this.organisations.listAll();
  }

  withRetention(): Promise<OrganisationEntity[]> {
    return this.organisations.withRetention();
  }

  async update(caller: Caller, id: string, request: UpdateOrganisationRequest): Promise<DirectoryEntry> {
    await this.get(id);
    const changes: Partial<OrganisationEntity> = Object.fromEntries(Object.entries(request).filter(([, value]) => value !== undefined));
    await this.organisations.update(id, changes);
    await this.audit.record(caller, { action: 'organisation.updated', category: 'system', subject: { type: 'Organisation', id, organisationId: id } });
    // A retention change decides when survivors' data is destroyed: it gets an event of its own.
    if (request.retentionMonths !== undefined) {
      await this.audit.record(caller, { action: 'organisation.retention.updated', category: 'system', subject: { type: 'Organisation', id, organisationId: id } });
    }
    return toDirectoryEntry(await this.get(id));
  }
}
