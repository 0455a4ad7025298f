import { Controller } from '@nestjs/common';
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
import { CurrentCaller } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { Body, Route, UuidParam } from '../../core/http/route.decorator.js';
import { SheltersService } from './shelters.service.js';

@Controller('shelters')
export class SheltersController {
  constructor(private readonly shelters: SheltersService) {}

  @Route({
    method: 'GET',
    permission: ['read', 'Shelter'],
    summary: 'Shelters of your organisation, with beds taken (never the address)',
    response: shelterListSchema,
  })
  list(@CurrentCaller() caller: Caller): Promise<ShelterList> {
    return this.shelters.list(caller);
  }

  @Route({
    method: 'POST',
    permission: ['create', 'Shelter'],
    summary: 'Add a shelter to your organisation (supervisors); the address is sealed',
    body: createShelterRequestSchema,
    response: shelterDetailSchema,
  })
  create(@CurrentCaller() caller: Caller, @Body() body: CreateShelterRequest): Promise<ShelterDetail> {
    return this.shelters.create(caller, body);
  }

  // Declared before ':id' so that "occupancy" is not taken for a shelter id.
  @Route({
    method: 'GET',
    path: 'occupancy',
    permission: ['read', 'Shelter'],
    summary:
      'Occupancy board: beds, occupants by case reference, this week’s arrivals and departures, planned discharges',
    response: occupancyBoardSchema,
  })
  occupancy(@CurrentCaller() caller: Caller): Promise<OccupancyBoard> {
    return this.shelters.occupancy(caller);
  }

  @Route({
    method: 'GET',
    path: ':id',
    permission: ['read', 'Shelter'],
    summary: 'One shelter with its confidential address (own organisation’s staff; every read is audited)',
    response: shelterDetailSchema,
  })
  get(@CurrentCaller() caller: Caller, @UuidParam('id') id: string): Promise<ShelterDetail> {
    return this.shelters.get(caller, id);
  }

  @Route({
    method: 'PATCH',
    path: ':id',
    permission: ['update', 'Shelter'],
    summary: 'Change a shelter (supervisors; 409 if the version is stale)',
    body: updateShelterRequestSchema,
    response: shelterDetailSchema,
  })
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: UpdateShelterRequest,
  ): Promise<ShelterDetail> {
    return this.shelters.update(caller, id, body);
  }
}
