import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import {
  createShelterRequestSchema,
  occupancyBoardSchema,
  shelterDetailSchema,
  shelterListSchema,
  updateShelterRequestSchema,
  type CreateShelterRequest,
  type OccupancyBoard,
  type ShelterDetail,
  type ShelterList,
  type UpdateShelterRequest,
} from '@haven/contracts';
import { CurrentCaller, RequireAccess } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { ZodPipe } from '../../core/errors/zod-body.pipe.js';
import { ApiContract } from '../../core/http/api-contract.decorator.js';
import { SheltersService } from './shelters.service.js';

const uuid = new ParseUUIDPipe();

@Controller('shelters')
export class SheltersController {
  constructor(private readonly shelters: SheltersService) {}

  @Get()
  @RequireAccess('read', 'Shelter')
  @ApiContract({ summary: 'Shelters of your organisation, with beds taken (never the address)', response: shelterListSchema })
  list(@CurrentCaller() caller: Caller): Promise<ShelterList> {
    return this.shelters.list(caller);
  }

  @Post()
  @RequireAccess('create', 'Shelter')
  @ApiContract({ summary: 'Add a shelter to your organisation (supervisors); the address is sealed', body: createShelterRequestSchema, response: shelterDetailSchema, status: 201 })
  create(@CurrentCaller() caller: Caller, @Body(new ZodPipe(createShelterRequestSchema)) body: CreateShelterRequest): Promise<ShelterDetail> {
    return this.shelters.create(caller, body);
  }

  // Declared before ':id' so that "occupancy" is not taken for a shelter id.
  @Get('occupancy')
  @RequireAccess('read', 'Shelter')
  @ApiContract({ summary: 'Occupancy board: beds, occupants by case reference, this week’s arrivals and departures, planned discharges', response: occupancyBoardSchema })
  occupancy(@CurrentCaller() caller: Caller): Promise<OccupancyBoard> {
    return this.shelters.occupancy(caller);
  }

  @Get(':id')
  @RequireAccess('read', 'Shelter')
  @ApiContract({ summary: 'One shelter with its confidential address (own organisation’s staff; every read is audited)', response: shelterDetailSchema })
  get(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string): Promise<ShelterDetail> {
    return this.shelters.get(caller, id);
  }

  @Patch(':id')
  @RequireAccess('update', 'Shelter')
  @ApiContract({ summary: 'Change a shelter (supervisors; 409 if the version is stale)', body: updateShelterRequestSchema, response: shelterDetailSchema })
  update(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body(new ZodPipe(updateShelterRequestSchema)) body: UpdateShelterRequest): Promise<ShelterDetail> {
    return this.shelters.update(caller, id, body);
  }
}
