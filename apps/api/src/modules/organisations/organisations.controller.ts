import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  createOrganisationRequestSchema,
  directoryQuerySchema,
  directoryResponseSchema,
  organisationListSchema,
  organisationSchema,
  organisationSettingsSchema,
  updateOrganisationRequestSchema,
  updateOrganisationSettingsRequestSchema,
  type CreateOrganisationRequest,
  type DirectoryEntry,
  type DirectoryQuery,
  type Organisation,
  type OrganisationList,
  type OrganisationSettings,
  type UpdateOrganisationRequest,
  type UpdateOrganisationSettingsRequest,
} from '@haven/contracts';
import { CurrentCaller, RequireAccess } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { ZodPipe } from '../../core/errors/zod-body.pipe.js';
import { ApiContract } from '../../core/http/api-contract.decorator.js';
import { OrganisationsService } from './organisations.service.js';

@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @RequireAccess('read', 'Organisation')
  @ApiContract({ summary: 'Directory of other organisations to refer or transfer to, by service, country and language', query: directoryQuerySchema, response: directoryResponseSchema })
  directory(@CurrentCaller() caller: Caller, @Query(new ZodPipe(directoryQuerySchema)) query: DirectoryQuery): Promise<{ items: DirectoryEntry[] }> {
    return this.organisations.directory(caller, query);
  }

  @Get('registry')
  @RequireAccess('manage', 'Organisation')
  @ApiContract({ summary: 'Every organisation with its settings and active accounts (administrators)', response: organisationListSchema })
  registry(): Promise<OrganisationList> {
    return this.organisations.registry();
  }

  @Post()
  @RequireAccess('manage', 'Organisation')
  @ApiContract({ summary: 'Create an organisation (administrators)', body: createOrganisationRequestSchema, response: organisationSchema, status: 201 })
  create(@CurrentCaller() caller: Caller, @Body(new ZodPipe(createOrganisationRequestSchema)) body: CreateOrganisationRequest): Promise<Organisation> {
    return this.organisations.create(caller, body);
  }

  @Patch(':id')
  @RequireAccess('manage', 'Organisation')
  @ApiContract({ summary: 'Update an organisation’s entry (administrators)', body: updateOrganisationRequestSchema, response: organisationSchema })
  update(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string, @Body(new ZodPipe(updateOrganisationRequestSchema)) body: UpdateOrganisationRequest): Promise<Organisation> {
    return this.organisations.update(caller, id, body);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @RequireAccess('manage', 'Organisation')
  @ApiContract({ summary: 'Deactivate an organisation: no more referrals, transfers or new staff (administrators)', response: organisationSchema, status: 200 })
  deactivate(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string): Promise<Organisation> {
    return this.organisations.setActive(caller, id, false);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @RequireAccess('manage', 'Organisation')
  @ApiContract({ summary: 'Reactivate an organisation (administrators)', response: organisationSchema, status: 200 })
  reactivate(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string): Promise<Organisation> {
    return this.organisations.setActive(caller, id, true);
  }

  @Get(':id/settings')
  @RequireAccess('update', 'Organisation')
  @ApiContract({ summary: 'An organisation’s settings: team mode and teams, retention, names in lists', response: organisationSettingsSchema })
  settings(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string): Promise<OrganisationSettings> {
    return this.organisations.settings(caller, id);
  }

  @Patch(':id/settings')
  @RequireAccess('update', 'Organisation')
  @ApiContract({ summary: 'Change an organisation’s settings (its supervisors, administrators)', body: updateOrganisationSettingsRequestSchema, response: organisationSettingsSchema })
  updateSettings(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodPipe(updateOrganisationSettingsRequestSchema)) body: UpdateOrganisationSettingsRequest,
  ): Promise<OrganisationSettings> {
    return this.organisations.updateSettings(caller, id, body);
  }
}
