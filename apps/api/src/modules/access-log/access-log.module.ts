import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { AccessLogController } from './access-log.controller.js';
import { AccessLogRepository } from './access-log.repository.js';
import { AccessLogService } from './access-log.service.js';

/** The audit log as people read it: case access logs (supervisors), sign-in and system events (administrators). */
@Module({
  imports: [CasesModule],
  controllers: [AccessLogController],
  providers: [AccessLogRepository, AccessLogService],
})
export class AccessLogModule {}
