import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from '../cases/cases.module.js';
import { NotesController } from './notes.controller.js';
import { NotesRepository } from './notes.repository.js';
import { NotesService } from './notes.service.js';
import { NotesCaseData } from './notes.case-data.js';
import { NoteEntity } from './note.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([NoteEntity]), CasesModule],
  controllers: [NotesController],
  providers: [NotesRepository, NotesService, NotesCaseData],
  exports: [NotesService],
})
export class NotesModule {}
