import type { AddNoteRequest, EditNoteRequest, Note, Page } from '@haven/contracts';
import { apiRequest } from '../../../app/api-client';

const path = (caseId: string) => `/cases/${encodeURIComponent(caseId)}/notes`;

export function fetchNotes(caseId: string, page: number, pageSize: number, signal?: AbortSignal): Promise<Page<Note>> {
  return apiRequest<Page<Note>>(path(caseId), { signal, query: { page, pageSize } });
}

export function addNote(caseId: string, request: AddNoteRequest): Promise<Note> {
  return apiRequest<Note>(path(caseId), { method: 'POST', body: request });
}

export function editNote(caseId: string, noteId: string, request: EditNoteRequest): Promise<Note> {
  return apiRequest<Note>(`${path(caseId)}/${encodeURIComponent(noteId)}`, { method: 'PATCH', body: request });
}
