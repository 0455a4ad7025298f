import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReleaseInForce } from './release-in-force.js';
import { StatisticsController } from './statistics.controller.js';
import { StatisticsProjector } from './statistics-projector.service.js';
import { StatisticsReleaseRepository } from './statistics-release.repository.js';
import { StatisticsReleases } from './statistics-releases.service.js';
import { StatisticsRepository } from './statistics.repository.js';
import { StatisticsService } from './statistics.service.js';
import { STATISTICS_ENTITIES } from './statistics-row.entities.js';
import { ExclusiveJobs } from '../../core/database/exclusive-jobs.js';

/** Anonymised statistics: the projection (kept current and rebuildable), the scheduled releases, and serving them. */
@Module({
  imports: [TypeOrmModule.forFeature(STATISTICS_ENTITIES)],
  controllers: [StatisticsController],
  providers: [
    StatisticsRepository,
    StatisticsReleaseRepository,
    StatisticsProjector,
    StatisticsReleases,
    StatisticsService,
    ExclusiveJobs,
    ReleaseInForce,
  ],
  exports: [StatisticsService, StatisticsProjector, StatisticsReleases],
})
export class StatisticsModule {}
