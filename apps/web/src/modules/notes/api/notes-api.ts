import type { AddNoteRequest, EditNoteRequest, Note, Page } from '@haven/contracts';
import { typedApi } from '../../../app/api/typed-api';

export function fetchNotes(caseId: string, page: number, pageSize: number, signal?: AbortSignal): Promise<Page<Note>> {
  return typedApi('get', '/cases/{id}/notes', { params: { id: caseId }, query: { page, pageSize }, signal });
}

export function addNote(caseId: string, request: AddNoteRequest): Promise<Note> {
  return typedApi('post', '/cases/{id}/notes', { params: { id: caseId }, body: request });
}

export function editNote(caseId: string, noteId: string, request: EditNoteRequest): Promise<Note> {
  return typedApi('patch', '/cases/{id}/notes/{noteId}', { params: { id: caseId, noteId }, body: request });
}
