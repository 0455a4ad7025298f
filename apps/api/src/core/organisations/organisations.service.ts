import { Inject, Injectable } from '@nestjs/common';
import { recordOf } from '@haven/access';
import {
  HTCDS_ORGANISATION_TYPE,
  type CreateOrganisationCommand,
  type DirectoryEntry,
  type DirectoryQuery,
  type Organisation,
  type OrganisationSettings,
  type UpdateOrganisationRequest,
  type UpdateOrganisationSettingsRequest,
} from '@haven/contracts';
import { HAVEN_CONFIG, type HavenConfig } from '../../config/config.js';
import { AuditService } from '../audit/audit.service.js';
import type { Caller } from '../auth/caller.js';
import { SessionsRepository } from '../auth/sessions.repository.js';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../errors/problem.js';
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
    languages: organisation.languages,
    eligibleSexes: organisation.eligibleSexes,
    eligibleAgeMin: organisation.eligibleAgeMin,
    eligibleAgeMax: organisation.eligibleAgeMax,
    openingHours: organisation.openingHours,
  };
}

export function toSettings(organisation: OrganisationEntity): OrganisationSettings {
  return {
    teamMode: organisation.teamMode,
    teams: organisation.teams,
    retentionMonths: organisation.retentionMonths,
    listsShowNames: organisation.listsShowNames,
  };
}

export function toOrganisation(organisation: OrganisationEntity, activeUsers: number): Organisation {
  return {
    ...toDirectoryEntry(organisation),
    htcdsOrgType: HTCDS_ORGANISATION_TYPE[organisation.kind],
    active: organisation.active,
    settings: toSettings(organisation),
    activeUsers,
  };
}

/** PostgreSQL's unique_violation: organisation names are unique. */
const UNIQUE_VIOLATION = '23505';

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly organisations: OrganisationsRepository,
    private readonly audit: AuditService,
    private readonly sessions: SessionsRepository,
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

  findByName(name: string): Promise<OrganisationEntity | null> {
    return this.organisations.findByName(name);
  }

  /** Idempotent, for demo data and set-up scripts. */
  async ensure(organisation: NewOrganisation): Promise<OrganisationEntity> {
    return (await this.organisations.findByName(organisation.name)) ?? this.organisations.create(organisation);
  }

  /** Where the caller can refer or transfer to: active organisations of the right kind, never their own. */
  async directory(caller: Caller, query: DirectoryQuery): Promise<{ items: DirectoryEntry[] }> {
    return { items: (await this.organisations.directory(query, caller.actor.organisationId)).map(toDirectoryEntry) };
  }

  listAll(): Promise<OrganisationEntity[]> {
    return this.organisations.listAll();
  }

  /** Every organisation with its settings and number of active accounts (administrators). */
  async registry(): Promise<{ items: Organisation[] }> {
    const [organisations, counts] = await Promise.all([
      this.organisations.listAll(),
      this.organisations.activeUserCounts(),
    ]);
    return {
      items: organisations.map((organisation) => toOrganisation(organisation, counts.get(organisation.id) ?? 0)),
    };
  }

  withRetention(): Promise<OrganisationEntity[]> {
    return this.organisations.withRetention();
  }

  async create(caller: Caller, values: CreateOrganisationCommand): Promise<Organisation> {
    if (await this.organisations.findByName(values.name)) throw nameInUse();
    let created: OrganisationEntity;
    try {
      created = await this.organisations.create(values);
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw nameInUse();
      throw error;
    }
    await this.audit.record(caller, {
      action: 'organisation.created',
      category: 'system',
      subject: { type: 'Organisation', id: created.id, organisationId: created.id },
    });
    return toOrganisation(created, 0);
  }

  async update(caller: Caller, id: string, request: UpdateOrganisationRequest): Promise<Organisation> {
    const current = await this.get(id);
    this.assertRetentionAllowed(request.retentionMonths);
    const changes: Partial<OrganisationEntity> = Object.fromEntries(
      Object.entries(request).filter(([, value]) => value !== undefined),
    );
    const ageMin = changes.eligibleAgeMin !== undefined ? changes.eligibleAgeMin : current.eligibleAgeMin;
    const ageMax = changes.eligibleAgeMax !== undefined ? changes.eligibleAgeMax : current.eligibleAgeMax;
    if (ageMin !== null && ageMax !== null && ageMin > ageMax)
      throw new ConflictError('The youngest age must not be above the oldest.', {
        errors: [{ field: 'eligibleAgeMax', message: 'Below the youngest age' }],
      });
    if (changes.name && changes.name !== current.name && (await this.organisations.findByName(changes.name)))
      throw nameInUse();
    try {
      await this.organisations.update(id, changes);
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw nameInUse();
      throw error;
    }
    await this.audit.record(caller, {
      action: 'organisation.updated',
      category: 'system',
      subject: { type: 'Organisation', id, organisationId: id },
    });
    // A retention change decides when survivors' data is destroyed: it gets an event of its own.
    if (request.retentionMonths !== undefined) {
      await this.audit.record(caller, {
        action: 'organisation.retention.updated',
        category: 'system',
        subject: { type: 'Organisation', id, organisationId: id },
      });
    }
    return this.detail(id);
  }

  /**
   * A deactivated organisation leaves the directory and receives no referrals, transfers or new
   * staff, and its staff are signed out and cannot sign in until it is reactivated; its cases,
   * accounts and audit trail stay. Nobody deactivates their own organisation.
   */
  async setActive(caller: Caller, id: string, active: boolean): Promise<Organisation> {
    const current = await this.get(id);
    if (id === caller.actor.organisationId)
      throw new ForbiddenError('Nobody can deactivate or reactivate their own organisation.');
    if (current.active !== active) {
      await this.organisations.update(id, { active });
      // After the update: a session found from now on needs an active organisation, so none outlives it.
      if (!active) await this.sessions.revokeAllForOrganisation(id);
      await this.audit.record(caller, {
        action: active ? 'organisation.reactivated' : 'organisation.deactivated',
        category: 'system',
        subject: { type: 'Organisation', id, organisationId: id },
      });
    }
    return this.detail(id);
  }

  /** Settings of an organisation the caller may set (a supervisor's own; any for administrators); others answer 404. */
  async settings(caller: Caller, id: string): Promise<OrganisationSettings> {
    return toSettings(await this.settable(caller, id));
  }

  async updateSettings(
    caller: Caller,
    id: string,
    request: UpdateOrganisationSettingsRequest,
  ): Promise<OrganisationSettings> {
    await this.settable(caller, id);
    this.assertRetentionAllowed(request.retentionMonths);
    const changes: Partial<OrganisationEntity> = Object.fromEntries(
      Object.entries(request).filter(([, value]) => value !== undefined),
    );
    await this.organisations.update(id, changes);
    await this.audit.record(caller, {
      action: 'organisation.settings.updated',
      category: 'system',
      subject: { type: 'Organisation', id, organisationId: id },
    });
    if (request.retentionMonths !== undefined) {
      await this.audit.record(caller, {
        action: 'organisation.retention.updated',
        category: 'system',
        subject: { type: 'Organisation', id, organisationId: id },
      });
    }
    return toSettings(await this.get(id));
  }

  /** Destroying survivors' data sooner than the configured floor is refused; null (keep closed cases) stays allowed. */
  private assertRetentionAllowed(retentionMonths: number | null | undefined): void {
    const floor = this.retentionMinimumMonths;
    if (retentionMonths !== undefined && retentionMonths !== null && retentionMonths < floor) {
      throw new BadRequestError(`Cases must be kept at least ${floor} months after closure.`, [
        { field: 'retentionMonths', message: `At least ${floor} months` },
      ]);
    }
  }

  private async settable(caller: Caller, id: string): Promise<OrganisationEntity> {
    if (!caller.ability.can('update', recordOf('Organisation', { id }))) throw new NotFoundError();
    return this.get(id);
  }

  private async detail(id: string): Promise<Organisation> {
    const counts = await this.organisations.activeUserCounts();
    return toOrganisation(await this.get(id), counts.get(id) ?? 0);
  }
}

function nameInUse(): ConflictError {
  return new ConflictError('An organisation with this name already exists.', {
    errors: [{ field: 'name', message: 'Already in use' }],
  });
}
