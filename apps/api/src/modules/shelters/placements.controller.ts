import { Controller } from '@nestjs/common';
import {
  dischargeRequestSchema,
  moveRequestSchema,
  placeRequestSchema,
  placementListSchema,
  placementSchema,
  type DischargeCommand,
  type MoveCommand,
  type PlaceCommand,
  type Placement,
  type PlacementList,
} from '@haven/contracts';
import { CurrentCaller } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { Body, Route, UuidParam } from '../../core/http/route.decorator.js';
import { PlacementsService } from './placements.service.js';

@Controller('cases/:id/placements')
export class PlacementsController {
  constructor(private readonly placements: PlacementsService) {}

  @Route({
    method: 'GET',
    permission: ['read', 'Case'],
    summary: 'The case’s placements, newest first, with lengths of stay',
    response: placementListSchema,
  })
  list(@CurrentCaller() caller: Caller, @UuidParam('id') caseId: string): Promise<PlacementList> {
    return this.placements.list(caller, caseId);
  }

  @Route({
    method: 'POST',
    permission: ['update', 'Case'],
    summary: 'Place the survivor in a shelter (409 if full, or if already placed: use move)',
    body: placeRequestSchema,
    response: placementSchema,
  })
  place(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @Body() body: PlaceCommand,
  ): Promise<Placement> {
    return this.placements.place(caller, caseId, body);
  }

  @Route({
    method: 'POST',
    path: 'move',
    permission: ['update', 'Case'],
    summary: 'Move to another shelter: closes the current placement and opens the new one together',
    body: moveRequestSchema,
    response: placementSchema,
    status: 200,
  })
  move(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @Body() body: MoveCommand,
  ): Promise<Placement> {
    return this.placements.move(caller, caseId, body);
  }

  @Route({
    method: 'POST',
    path: 'discharge',
    permission: ['update', 'Case'],
    summary: 'Discharge with an exit reason, or plan the discharge date',
    body: dischargeRequestSchema,
    response: placementSchema,
    status: 200,
  })
  discharge(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @Body() body: DischargeCommand,
  ): Promise<Placement> {
    return this.placements.discharge(caller, caseId, body);
  }
}
