import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchDocuments, type DocumentFilters } from '../api/documents-api';

export const DOCUMENTS_PAGE_SIZE = 20;

export const documentKeys = {
  forCase: (caseId: string) => ['documents', caseId] as const,
  page: (caseId: string, page: number, filters: DocumentFilters) => ['documents', caseId, page, filters] as const,
};

export function useDocuments(caseId: string, page: number, filters: DocumentFilters) {
  return useQuery({
    queryKey: documentKeys.page(caseId, page, filters),
    queryFn: ({ signal }) => fetchDocuments(caseId, page, DOCUMENTS_PAGE_SIZE, filters, signal),
    placeholderData: keepPreviousData,
  });
}
