import { Module } from '@nestjs/common';
import { StatisticsController } from './statistics.controller.js';
import { StatisticsProjector } from './statistics-projector.service.js';
import { StatisticsReleaseRepository } from './statistics-release.repository.js';
import { StatisticsReleases } from './statistics-releases.service.js';
import { StatisticsRepository } from './statistics.repository.js';
import { StatisticsService } from './statistics.service.js';

/** Anonymised statistics: the projection (kept current and rebuildable), the scheduled releases, and serving them. */
@Module({
  controllers: [StatisticsController],
  providers: [StatisticsRepository, StatisticsReleaseRepository, StatisticsProjector, StatisticsReleases, StatisticsService],
  exports: [StatisticsService, StatisticsProjector, StatisticsReleases],
})
export class StatisticsModule {}
