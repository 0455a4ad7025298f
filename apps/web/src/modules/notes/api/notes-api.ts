import type { AddNoteRequest, EditNoteRequest, Note, NoteList } from '@haven/contracts';
import { typedApi } from '../../../app/api/typed-api';

/** A page of notes by cursor, in the order they were written. */
export interface NotesPage {
  sort: 'createdAt';
  order: 'asc' | 'desc';
  cursor?: string;
}

export function fetchNotes(caseId: string, page: NotesPage, pageSize: number, signal?: AbortSignal): Promise<NoteList> {
  return typedApi('get', '/cases/{id}/notes', { params: { id: caseId }, query: { ...page, pageSize }, signal });
}

export function addNote(caseId: string, request: AddNoteRequest): Promise<Note> {
  return typedApi('post', '/cases/{id}/notes', { params: { id: caseId }, body: request });
}

export function editNote(caseId: string, noteId: string, request: EditNoteRequest): Promise<Note> {
  return typedApi('patch', '/cases/{id}/notes/{noteId}', { params: { id: caseId, noteId }, body: request });
}
