import { Module } from '@nestjs/common';
import { CasesModule } from '../modules/cases/cases.module.js';
import { OrganisationsModule } from '../modules/organisations/organisations.module.js';
import { UsersModule } from '../modules/users/users.module.js';
import { DemoDataService } from './demo-data.service.js';
import { DemoRepository } from './demo.repository.js';

@Module({ imports: [OrganisationsModule, UsersModule, CasesModule], providers: [DemoRepository, DemoDataService], exports: [DemoDataService] })
export class DemoModule {}
