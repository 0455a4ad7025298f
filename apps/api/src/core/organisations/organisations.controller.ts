import { Controller } from '@nestjs/common';
import {
  createOrganisationRequestSchema,
  directoryQuerySchema,
  directoryResponseSchema,
  organisationListSchema,
  organisationSchema,
  organisationSettingsSchema,
  updateOrganisationRequestSchema,
  updateOrganisationSettingsRequestSchema,
  type CreateOrganisationCommand,
  type DirectoryEntry,
  type DirectoryQuery,
  type Organisation,
  type OrganisationList,
  type OrganisationSettings,
  type UpdateOrganisationRequest,
  type UpdateOrganisationSettingsRequest,
} from '@haven/contracts';
import { CurrentCaller } from '../access/access.decorators.js';
import type { Caller } from '../auth/caller.js';
import { Body, Query, Route, UuidParam } from '../http/route.decorator.js';
import { OrganisationsService } from './organisations.service.js';

@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Route({
    method: 'GET',
    permission: ['read', 'Organisation'],
    summary: 'Directory of other organisations to refer or transfer to, by service, country and language',
    query: directoryQuerySchema,
    response: directoryResponseSchema,
  })
  directory(@CurrentCaller() caller: Caller, @Query() query: DirectoryQuery): Promise<{ items: DirectoryEntry[] }> {
    return this.organisations.directory(caller, query);
  }

  @Route({
    method: 'GET',
    path: 'registry',
    permission: ['manage', 'Organisation'],
    summary: 'Every organisation with its settings and active accounts (administrators)',
    response: organisationListSchema,
  })
  registry(): Promise<OrganisationList> {
    return this.organisations.registry();
  }

  @Route({
    method: 'POST',
    permission: ['manage', 'Organisation'],
    summary: 'Create an organisation (administrators)',
    body: createOrganisationRequestSchema,
    response: organisationSchema,
  })
  create(@CurrentCaller() caller: Caller, @Body() body: CreateOrganisationCommand): Promise<Organisation> {
    return this.organisations.create(caller, body);
  }

  @Route({
    method: 'PATCH',
    path: ':id',
    permission: ['manage', 'Organisation'],
    summary: 'Update an organisation’s entry (administrators)',
    body: updateOrganisationRequestSchema,
    response: organisationSchema,
  })
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: UpdateOrganisationRequest,
  ): Promise<Organisation> {
    return this.organisations.update(caller, id, body);
  }

  @Route({
    method: 'POST',
    path: ':id/deactivate',
    permission: ['manage', 'Organisation'],
    summary: 'Deactivate an organisation: no more referrals, transfers or new staff (administrators)',
    response: organisationSchema,
    status: 200,
  })
  deactivate(@CurrentCaller() caller: Caller, @UuidParam('id') id: string): Promise<Organisation> {
    return this.organisations.setActive(caller, id, false);
  }

  @Route({
    method: 'POST',
    path: ':id/reactivate',
    permission: ['manage', 'Organisation'],
    summary: 'Reactivate an organisation (administrators)',
    response: organisationSchema,
    status: 200,
  })
  reactivate(@CurrentCaller() caller: Caller, @UuidParam('id') id: string): Promise<Organisation> {
    return this.organisations.setActive(caller, id, true);
  }

  @Route({
    method: 'GET',
    path: ':id/settings',
    permission: ['update', 'Organisation'],
    summary: 'An organisation’s settings: team mode and teams, retention, names in lists',
    response: organisationSettingsSchema,
  })
  settings(@CurrentCaller() caller: Caller, @UuidParam('id') id: string): Promise<OrganisationSettings> {
    return this.organisations.settings(caller, id);
  }

  @Route({
    method: 'PATCH',
    path: ':id/settings',
    permission: ['update', 'Organisation'],
    summary: 'Change an organisation’s settings (its supervisors, administrators)',
    body: updateOrganisationSettingsRequestSchema,
    response: organisationSettingsSchema,
  })
  updateSettings(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: UpdateOrganisationSettingsRequest,
  ): Promise<OrganisationSettings> {
    return this.organisations.updateSettings(caller, id, body);
  }
}
