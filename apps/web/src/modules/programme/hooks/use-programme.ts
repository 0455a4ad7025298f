import type { ProgrammeRegister } from '@haven/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { deleteRecord, fetchRegister, importRegister, type RegisterPageQuery } from '../api/programme-api';

export const programmeKeys = {
  register: (register: ProgrammeRegister) => ['programme', register] as const,
  page: (register: ProgrammeRegister, query: RegisterPageQuery) => ['programme', register, query] as const,
};

export function useRegister(register: ProgrammeRegister, query: RegisterPageQuery) {
  return useQuery({
    queryKey: programmeKeys.page(register, query),
    queryFn: ({ signal }) => fetchRegister(register, query, signal),
    placeholderData: keepPreviousData,
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
