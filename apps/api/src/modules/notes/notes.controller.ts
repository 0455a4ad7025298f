import { Controller } from '@nestjs/common';
import {
  addNoteRequestSchema,
  editNoteRequestSchema,
  noteListSchema,
  noteSchema,
  noteListQuerySchema,
  type AddNoteRequest,
  type EditNoteRequest,
  type Note,
  type NoteList,
  type NoteListQuery,
} from '@haven/contracts';
import { CurrentCaller } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { Body, Query, Route, UuidParam } from '../../core/http/route.decorator.js';
import { NotesService } from './notes.service.js';

@Controller('cases/:id/notes')
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  @Route({
    method: 'GET',
    permission: ['read', 'Case'],
    summary: 'Case notes, newest first',
    query: noteListQuerySchema,
    response: noteListSchema,
  })
  list(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @Query() query: NoteListQuery,
  ): Promise<NoteList> {
    return this.notes.list(caller, caseId, query);
  }

  @Route({
    method: 'POST',
    permission: ['update', 'Case'],
    summary: 'Add a note (encrypted at rest)',
    body: addNoteRequestSchema,
    response: noteSchema,
  })
  add(@CurrentCaller() caller: Caller, @UuidParam('id') caseId: string, @Body() body: AddNoteRequest): Promise<Note> {
    return this.notes.add(caller, caseId, body);
  }

  @Route({
    method: 'PATCH',
    path: ':noteId',
    permission: ['update', 'Case'],
    summary:
      'Correct your own note within 15 minutes of writing it (409 if the window has closed or the version is stale)',
    body: editNoteRequestSchema,
    response: noteSchema,
  })
  edit(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @UuidParam('noteId') noteId: string,
    @Body() body: EditNoteRequest,
  ): Promise<Note> {
    return this.notes.edit(caller, caseId, noteId, body);
  }
}
