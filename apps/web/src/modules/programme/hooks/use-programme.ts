import type { ProgrammeRegister } from '@haven/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createRecord,
  deleteRecord,
  fetchAllInstitutions,
  fetchRecord,
  fetchRegister,
  importRegister,
  updateRecord,
  type RegisterPageQuery,
} from '../api/programme-api';

export const programmeKeys = {
  register: (register: ProgrammeRegister) => ['programme', register] as const,
  page: (register: ProgrammeRegister, query: RegisterPageQuery) => ['programme', register, query] as const,
  record: (register: ProgrammeRegister, id: string) => ['programme', register, 'record', id] as const,
  // Under the institutions register's key, so that adding or removing an institution refreshes the choices.
  institutionChoices: () => ['programme', 'institutions', 'choices'] as const,
};

export function useRegister(register: ProgrammeRegister, query: RegisterPageQuery) {
  return useQuery({
    queryKey: programmeKeys.page(register, query),
    queryFn: ({ signal }) => fetchRegister(register, query, signal),
    placeholderData: keepPreviousData,
  });
}

/** The institutions of the register, for an event's participants. */
export function useInstitutionChoices(enabled: boolean) {
  return useQuery({
    queryKey: programmeKeys.institutionChoices(),
    queryFn: ({ signal }) => fetchAllInstitutions(signal),
    enabled,
  });
}

/** The record as the API holds it now (after a conflict, to reload from). */
export function fetchRecordQuery(register: ProgrammeRegister, id: string) {
  return {
    queryKey: programmeKeys.record(register, id),
    queryFn: ({ signal }: { signal?: AbortSignal }) => fetchRecord(register, id, signal),
    staleTime: 0,
  };
}

export function useCreateRecord(register: ProgrammeRegister) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (fields: object) => createRecord(register, fields),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: programmeKeys.register(register) }),
  });
}

export function useUpdateRecord(register: ProgrammeRegister, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: { version: number; fields: object }) => updateRecord(register, id, change),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: programmeKeys.register(register) }),
  });
}

export function useDeleteRecord(register: ProgrammeRegister) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteRecord(register, id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: programmeKeys.register(register) }),
  });
}

/** A dry run changes nothing; an import that wrote records refreshes the register's lists. */
export function useImportRegister(register: ProgrammeRegister) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { csv: string; dryRun: boolean }) => importRegister(register, body),
    onSuccess: async (result) => {
      if (result.written > 0) await queryClient.invalidateQueries({ queryKey: programmeKeys.register(register) });
    },
  });
}
