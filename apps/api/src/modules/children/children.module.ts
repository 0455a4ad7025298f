import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { ChildrenCaseData } from './children.case-data.js';
import { ChildrenController } from './children.controller.js';
import { ChildrenRepository } from './children.repository.js';
import { ChildrenService } from './children.service.js';

/**
 * Children: guardians, age assessments, the child's views and best-interests records. Exports
 * the service for the consents (the child's assent) and the return gate (the best-interests safeguard).
 */
@Module({
  imports: [CasesModule],
  controllers: [ChildrenController],
  providers: [ChildrenRepository, ChildrenService, ChildrenCaseData],
  exports: [ChildrenService, ChildrenRepository],
})
export class ChildrenModule {}
