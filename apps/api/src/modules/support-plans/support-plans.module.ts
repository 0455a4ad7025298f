import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { SupportPlansController } from './support-plans.controller.js';
import { SupportPlansRepository } from './support-plans.repository.js';
import { SupportPlansService } from './support-plans.service.js';

@Module({ imports: [CasesModule], controllers: [SupportPlansController], providers: [SupportPlansRepository, SupportPlansService], exports: [SupportPlansService] })
export class SupportPlansModule {}
