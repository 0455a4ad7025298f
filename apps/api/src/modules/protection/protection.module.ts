import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { ProtectionController } from './protection.controller.js';
import { ProtectionRepository } from './protection.repository.js';
import { ProtectionService } from './protection.service.js';

@Module({ imports: [CasesModule, AssessmentsModule], controllers: [ProtectionController], providers: [ProtectionRepository, ProtectionService], exports: [ProtectionService] })
export class ProtectionModule {}
