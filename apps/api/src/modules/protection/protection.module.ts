import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssessmentsModule } from '../assessments/assessments.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { ChildrenModule } from '../children/children.module.js';
import { ProtectionController } from './protection.controller.js';
import { ProtectionRepository } from './protection.repository.js';
import { ProtectionService } from './protection.service.js';
import { ReturnGate } from './return-gate.service.js';
import { ReturnMovements } from './return-movements.js';
import { ProtectionCaseData } from './protection.case-data.js';
import { ProtectionReviewEntity } from './protection-review.entity.js';

/** Protection reviews and the return gate, which referrals, transfers and service records pass on every step toward return. */
@Module({
  imports: [TypeOrmModule.forFeature([ProtectionReviewEntity]), CasesModule, AssessmentsModule, ChildrenModule],
  controllers: [ProtectionController],
  providers: [ProtectionRepository, ProtectionService, ReturnGate, ReturnMovements, ProtectionCaseData],
  exports: [ProtectionService, ReturnGate, ReturnMovements],
})
export class ProtectionModule {}
