import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from '../cases/cases.module.js';
import { UsersModule } from '../../core/users/users.module.js';
import { TasksController } from './tasks.controller.js';
import { TasksRepository } from './tasks.repository.js';
import { TasksService } from './tasks.service.js';
import { TasksCaseData } from './tasks.case-data.js';
import { TaskEntity } from './task.entity.js';

/** Exports the task service, for "my work" (the caller's overdue and upcoming tasks). */
@Module({
  imports: [TypeOrmModule.forFeature([TaskEntity]), CasesModule, UsersModule],
  controllers: [TasksController],
  providers: [TasksRepository, TasksService, TasksCaseData],
  exports: [TasksService],
})
export class TasksModule {}
