import { Module } from '@nestjs/common';
import { ProgrammeController } from './programme.controller.js';
import { ProgrammeRepository } from './programme.repository.js';
import { ProgrammeService } from './programme.service.js';

/** The programme registers: campaigns, institutions and capacity building, diaspora projects. */
@Module({
  controllers: [ProgrammeController],
  providers: [ProgrammeRepository, ProgrammeService],
  exports: [ProgrammeService],
})
export class ProgrammeModule {}
