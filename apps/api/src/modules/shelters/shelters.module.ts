import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from '../cases/cases.module.js';
import { PlacementsController } from './placements.controller.js';
import { PlacementsService } from './placements.service.js';
import { SheltersController } from './shelters.controller.js';
import { SheltersRepository } from './shelters.repository.js';
import { SheltersService } from './shelters.service.js';
import { PlacementsCaseData } from './placements.case-data.js';
import { PlacementEntity } from './placement.entity.js';
import { ShelterEntity } from './shelter.entity.js';
import { ShelterBedEntity } from './shelter-bed.entity.js';
import { ShelterRoomEntity } from './shelter-room.entity.js';

/** Shelters, placements and the occupancy board. Exports the services, for "my work" and statistics. */
@Module({
  imports: [
    TypeOrmModule.forFeature([PlacementEntity, ShelterEntity, ShelterRoomEntity, ShelterBedEntity]),
    CasesModule,
  ],
  controllers: [SheltersController, PlacementsController],
  providers: [SheltersRepository, SheltersService, PlacementsService, PlacementsCaseData],
  exports: [SheltersService, PlacementsService],
})
export class SheltersModule {}
