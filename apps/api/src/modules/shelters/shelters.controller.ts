import { Controller } from '@nestjs/common';
import {
  addBedRequestSchema,
  createRoomRequestSchema,
  roomListSchema,
  updateBedRequestSchema,
  type AddBedCommand,
  type CreateRoomCommand,
  type RoomList,
  type UpdateBedRequest,
  createShelterRequestSchema,
  occupancyBoardSchema,
  shelterDetailSchema,
  shelterListQuerySchema,
  shelterListSchema,
  updateShelterRequestSchema,
  type CreateShelterRequest,
  type OccupancyBoard,
  type ShelterDetail,
  type ShelterList,
  type ShelterListQuery,
  type UpdateShelterRequest,
} from '@haven/contracts';
import { CurrentCaller } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { Body, Query, Route, UuidParam } from '../../core/http/route.decorator.js';
import { SheltersService } from './shelters.service.js';

@Controller('shelters')
export class SheltersController {
  constructor(private readonly shelters: SheltersService) {}

  @Route({
    method: 'GET',
    permission: ['read', 'Shelter'],
    summary:
      'Shelters of your organisation, one page by cursor (by name by default), with beds taken (never the address)',
    query: shelterListQuerySchema,
    response: shelterListSchema,
  })
  list(@CurrentCaller() caller: Caller, @Query() query: ShelterListQuery): Promise<ShelterList> {
    return this.shelters.list(caller, query);
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

  @Route({
    method: 'GET',
    path: ':id/rooms',
    permission: ['read', 'Shelter'],
    summary: 'The shelter’s rooms and beds, each bed free or taken (never by whom)',
    response: roomListSchema,
  })
  rooms(@CurrentCaller() caller: Caller, @UuidParam('id') id: string): Promise<RoomList> {
    return this.shelters.rooms(caller, id);
  }

  @Route({
    method: 'POST',
    path: ':id/rooms',
    permission: ['update', 'Shelter'],
    summary: 'Add a room with its beds (supervisors; audited); the capacity grows by the beds',
    body: createRoomRequestSchema,
    response: roomListSchema,
  })
  createRoom(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: CreateRoomCommand,
  ): Promise<RoomList> {
    return this.shelters.createRoom(caller, id, body);
  }

  @Route({
    method: 'POST',
    path: ':id/rooms/:roomId/beds',
    permission: ['update', 'Shelter'],
    summary: 'Add a bed to a room (supervisors; audited)',
    body: addBedRequestSchema,
    response: roomListSchema,
  })
  addBed(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @UuidParam('roomId') roomId: string,
    @Body() body: AddBedCommand,
  ): Promise<RoomList> {
    return this.shelters.addBed(caller, id, roomId, body);
  }

  @Route({
    method: 'PATCH',
    path: ':id/beds/:bedId',
    permission: ['update', 'Shelter'],
    summary: 'Mark a bed accessible, or take a free bed out of use (supervisors; audited)',
    body: updateBedRequestSchema,
    response: roomListSchema,
  })
  updateBed(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @UuidParam('bedId') bedId: string,
    @Body() body: UpdateBedRequest,
  ): Promise<RoomList> {
    return this.shelters.updateBed(caller, id, bedId, body);
  }
}
