import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import {
  directoryQuerySchema,
  directoryResponseSchema,
  directoryEntrySchema,
  updateOrganisationRequestSchema,
  type DirectoryEntry,
  type DirectoryQuery,
  type UpdateOrganisationRequest,
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
  @ApiContract({ summary: 'Directory of organisations to refer to, by service and country', query: directoryQuerySchema, response: directoryResponseSchema })
  directory(@Query(new ZodPipe(directoryQuerySchema)) query: DirectoryQuery): Promise<{ items: DirectoryEntry[] }> {
    return this.organisations.directory(query);
  }

  @Patch(':id')
  @RequireAccess('manage', 'Organisation')
  @ApiContract({ summary: 'Update an organisation’s directory entry (administrators)', body: updateOrganisationRequestSchema, response: directoryEntrySchema })
  update(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string, @Body(new ZodPipe(updateOrganisationRequestSchema)) body: UpdateOrganisationRequest): Promise<DirectoryEntry> {
    return this.organisations.update(caller, id, body);
  }
}
