import type { AddNoteRequest, EditNoteRequest } from '@haven/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { refreshAfterCaseChange } from '../../cases';
import { addNote, editNote, fetchNotes, type NotesPage } from '../api/notes-api';

export const NOTES_PAGE_SIZE = 10;

export const noteKeys = {
  forCase: (caseId: string) => ['notes', caseId] as const,
  page: (caseId: string, page: NotesPage) => ['notes', caseId, page] as const,
};

export function useNotes(caseId: string, page: NotesPage) {
  return useQuery({
    queryKey: noteKeys.page(caseId, page),
    queryFn: ({ signal }) => fetchNotes(caseId, page, NOTES_PAGE_SIZE, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAddNote(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: AddNoteRequest) => addNote(caseId, request),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: noteKeys.forCase(caseId) }),
        refreshAfterCaseChange(queryClient, caseId),
      ]),
  });
}

export function useEditNote(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ noteId, request }: { noteId: string; request: EditNoteRequest }) =>
      editNote(caseId, noteId, request),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: noteKeys.forCase(caseId) }),
        refreshAfterCaseChange(queryClient, caseId),
      ]),
  });
}
