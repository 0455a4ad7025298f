import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  dischargeRequestSchema,
  moveRequestSchema,
  placeRequestSchema,
  placementListSchema,
  placementSchema,
  type DischargeCommand,
  type MoveRequest,
  type PlaceRequest,
  type Placement,
  type PlacementList,
} from '@haven/contracts';
import { CurrentCaller, RequireAccess } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { ZodPipe } from '../../core/errors/zod-body.pipe.js';
import { ApiContract } from '../../core/http/api-contract.decorator.js';
import { PlacementsService } from './placements.service.js';

const uuid = new ParseUUIDPipe();

@Controller('cases/:id/placements')
export class PlacementsController {
  constructor(private readonly placements: PlacementsService) {}

  @Get()
  @RequireAccess('read', 'Case')
  @ApiContract({ summary: 'The case’s placements, newest first, with lengths of stay', response: placementListSchema })
  list(@CurrentCaller() caller: Caller, @Param('id', uuid) caseId: string): Promise<PlacementList> {
    return this.placements.list(caller, caseId);
  }

  @Post()
  @RequireAccess('update', 'Case')
  @ApiContract({ summary: 'Place the survivor in a shelter (409 if full, or if already placed: use move)', body: placeRequestSchema, response: placementSchema, status: 201 })
  place(@CurrentCaller() caller: Caller, @Param('id', uuid) caseId: string, @Body(new ZodPipe(placeRequestSchema)) body: PlaceRequest): Promise<Placement> {
    return this.placements.place(caller, caseId, body);
  }

  @Post('move')
  @RequireAccess('update', 'Case')
  @HttpCode(200)
  @ApiContract({ summary: 'Move to another shelter: closes the current placement and opens the new one together', body: moveRequestSchema, response: placementSchema, status: 200 })
  move(@CurrentCaller() caller: Caller, @Param('id', uuid) caseId: string, @Body(new ZodPipe(moveRequestSchema)) body: MoveRequest): Promise<Placement> {
    return this.placements.move(caller, caseId, body);
  }

  @Post('discharge')
  @RequireAccess('update', 'Case')
  @HttpCode(200)
  @ApiContract({ summary: 'Discharge with an exit reason, or plan the discharge date', body: dischargeRequestSchema, response: placementSchema, status: 200 })
  discharge(@CurrentCaller() caller: Caller, @Param('id', uuid) caseId: string, @Body(new ZodPipe(dischargeRequestSchema)) body: DischargeCommand): Promise<Placement> {
    return this.placements.discharge(caller, caseId, body);
  }
}
