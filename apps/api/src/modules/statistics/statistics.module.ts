import { Module } from '@nestjs/common';
import { StatisticsController } from './statistics.controller.js';
import { StatisticsProjector } from './statistics-projector.service.js';
import { StatisticsRepository } from './statistics.repository.js';
import { StatisticsService } from './statistics.service.js';

/** Anonymised statistics: the projection (kept current and rebuildable) and the published tables. */
@Module({ controllers: [StatisticsController], providers: [StatisticsRepository, StatisticsProjector, StatisticsService], exports: [StatisticsService, StatisticsProjector] })
export class StatisticsModule {}
