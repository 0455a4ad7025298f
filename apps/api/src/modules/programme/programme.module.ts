import { Module } from '@nestjs/common';
import { StatisticsModule } from '../statistics/statistics.module.js';
import { ProgrammeResultsController } from './programme-results.controller.js';
import { ProgrammeResultsService } from './programme-results.service.js';
import { ProgrammeController } from './programme.controller.js';
import { ProgrammeRepository } from './programme.repository.js';
import { ProgrammeService } from './programme.service.js';

/**
 * The programme registers (campaigns, institutions and capacity building, diaspora projects) and
 * the results report that counts them beside the case indicators, against the programme's targets.
 */
@Module({
  imports: [StatisticsModule],
  controllers: [ProgrammeController, ProgrammeResultsController],
  providers: [ProgrammeRepository, ProgrammeService, ProgrammeResultsService],
  exports: [ProgrammeService, ProgrammeResultsService],
})
export class ProgrammeModule {}
