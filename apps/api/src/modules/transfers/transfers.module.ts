import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from '../cases/cases.module.js';
import { ConsentsModule } from '../consents/consents.module.js';
import { IdentificationModule } from '../identification/identification.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrganisationsModule } from '../../core/organisations/organisations.module.js';
import { ProtectionModule } from '../protection/protection.module.js';
import { CaseTransfersController, IncomingTransfersController } from './transfers.controller.js';
import { TransfersRepository } from './transfers.repository.js';
import { TransfersService } from './transfers.service.js';
import { TransfersCaseData } from './transfers.case-data.js';
import { TransferEntity } from './transfer.entity.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([TransferEntity]),
    CasesModule,
    ConsentsModule,
    IdentificationModule,
    OrganisationsModule,
    ProtectionModule,
    NotificationsModule,
  ],
  controllers: [CaseTransfersController, IncomingTransfersController],
  providers: [TransfersRepository, TransfersService, TransfersCaseData],
  exports: [TransfersService],
})
export class TransfersModule {}
