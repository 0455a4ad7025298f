import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { NotesController } from './notes.controller.js';
import { NotesRepository } from './notes.repository.js';
import { NotesService } from './notes.service.js';

@Module({ imports: [CasesModule], controllers: [NotesController], providers: [NotesRepository, NotesService], exports: [NotesService] })
export class NotesModule {}
