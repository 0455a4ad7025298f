import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module.js';
import { CasesController } from './cases.controller.js';
import { CasesRepository } from './cases.repository.js';
import { CasesService } from './cases.service.js';

@Module({ imports: [UsersModule], controllers: [CasesController], providers: [CasesRepository, CasesService], exports: [CasesService] })
export class CasesModule {}
