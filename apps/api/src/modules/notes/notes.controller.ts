import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  addNoteRequestSchema,
  editNoteRequestSchema,
  noteListSchema,
  noteSchema,
  pageQuerySchema,
  type AddNoteRequest,
  type EditNoteRequest,
  type Note,
  type Page,
  type PageQuery,
} from '@haven/contracts';
import { CurrentCaller, RequireAccess } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { ZodPipe } from '../../core/errors/zod-body.pipe.js';
import { ApiContract } from '../../core/http/api-contract.decorator.js';
import { NotesService } from './notes.service.js';

const uuid = new ParseUUIDPipe();

@Controller('cases/:id/notes')
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  @Get()
  @RequireAccess('read', 'Case')
  @ApiContract({ summary: 'Case notes, newest first', query: pageQuerySchema, response: noteListSchema })
  list(@CurrentCaller() caller: Caller, @Param('id', uuid) caseId: string, @Query(new ZodPipe(pageQuerySchema.strict())) page: PageQuery): Promise<Page<Note>> {
    return this.notes.list(caller, caseId, page);
  }

  @Post()
  @RequireAccess('update', 'Case')
  @ApiContract({ summary: 'Add a note (encrypted at rest)', body: addNoteRequestSchema, response: noteSchema, status: 201 })
  add(@CurrentCaller() caller: Caller, @Param('id', uuid) caseId: string, @Body(new ZodPipe(addNoteRequestSchema)) body: AddNoteRequest): Promise<Note> {
    return this.notes.add(caller, caseId, body);
  }

  @Patch(':noteId')
  @RequireAccess('update', 'Case')
  @ApiContract({ summary: 'Correct your own note within 15 minutes of writing it (409 if the window has closed or the version is stale)', body: editNoteRequestSchema, response: noteSchema })
  edit(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) caseId: string,
    @Param('noteId', uuid) noteId: string,
    @Body(new ZodPipe(editNoteRequestSchema)) body: EditNoteRequest,
  ): Promise<Note> {
    return this.notes.edit(caller, caseId, noteId, body);
  }
}
