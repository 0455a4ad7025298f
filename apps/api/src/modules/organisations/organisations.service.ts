import { Inject, Injectable } from '@nestjs/common';
import type { DirectoryEntry, DirectoryQuery, UpdateOrganisationRequest } from '@haven/contracts';
import { HAVEN_CONFIG, type HavenConfig } from '../../config/config.js';
import { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { BadRequestError, NotFoundError } from '../../core/errors/problem.js';
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
    @Inject(HAVEN_CONFIG) private readonly config: Pick<HavenConfig, 'retention'>,
  ) {}

  /** The shortest retention period an organisation may set (RETENTION_MINIMUM_MONTHS). */
  get retentionMinimumMonths(): number {
    return this.config.retention.minimumMonths;
  }

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

  /**
   * Audited with the organisation as the subject (`organisationId` = the organisation), so the
   * change also shows in that organisation's supervisors' audit view.
   */
  async update(caller: Caller, id: string, request: UpdateOrganisationRequest): Promise<DirectoryEntry> {
    await this.get(id);
    const floor = this.retentionMinimumMonths;
    // Destroying survivors' data sooner than the configured floor is refused; null (keep closed cases) stays allowed.
    if (request.retentionMonths !== undefined && request.retentionMonths !== null && request.retentionMonths < floor) {
      throw new BadRequestError(`Cases must be kept at least ${floor} months after closure.`, [{ field: 'retentionMonths', message: `At least ${floor} months` }]);
    }
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
