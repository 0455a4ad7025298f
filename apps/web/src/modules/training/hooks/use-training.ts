import type {
  AddFollowUpRequest,
  RecordAttendanceRequest,
  CreateProgrammeRequest,
  EnrolRequest,
  ProgrammeListQuery,
  UpdateEnrolmentRequest,
  UpdateProgrammeRequest,
} from '@haven/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { refreshAfterCaseChange } from '../../cases';
import {
  addFollowUp,
  createProgramme,
  enrol,
  fetchCaseEnrolments,
  fetchOrganisations,
  fetchAllProgrammes,
  fetchProgramme,
  fetchProgrammePage,
  recordAttendance,
  updateEnrolment,
  updateProgramme,
} from '../api/training-api';

export const trainingKeys = {
  all: ['training'] as const,
  list: ['training', 'list'] as const,
  page: (query: Partial<ProgrammeListQuery>) => ['training', 'page', query] as const,
  programme: (programmeId: string) => ['training', 'programme', programmeId] as const,
  forCase: (caseId: string) => ['training', 'case', caseId] as const,
  organisations: ['training', 'organisations'] as const,
};

/** Every programme in scope (the enrolment form's picker). */
export function useProgrammes(enabled = true) {
  return useQuery({ queryKey: trainingKeys.list, queryFn: ({ signal }) => fetchAllProgrammes(signal), enabled });
}

/** One page of the programmes (the programmes page). */
export function useProgrammePage(query: Partial<ProgrammeListQuery>) {
  return useQuery({
    queryKey: trainingKeys.page(query),
    queryFn: ({ signal }) => fetchProgrammePage(query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useProgramme(programmeId: string | undefined) {
  return useQuery({
    queryKey: trainingKeys.programme(programmeId ?? ''),
    queryFn: ({ signal }) => fetchProgramme(programmeId ?? '', signal),
    enabled: programmeId !== undefined,
  });
}

export function useCaseEnrolments(caseId: string) {
  return useQuery({
    queryKey: trainingKeys.forCase(caseId),
    queryFn: ({ signal }) => fetchCaseEnrolments(caseId, signal),
  });
}

export function useProviderOrganisations(enabled: boolean) {
  return useQuery({
    queryKey: trainingKeys.organisations,
    queryFn: ({ signal }) => fetchOrganisations(signal),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useCreateProgramme() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateProgrammeRequest) => createProgramme(request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trainingKeys.all }),
  });
}

export function useUpdateProgramme(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: UpdateProgrammeRequest) => updateProgramme(programmeId, request),
    onSuccess: (detail) => {
      queryClient.setQueryData(trainingKeys.programme(programmeId), detail);
      return queryClient.invalidateQueries({ queryKey: trainingKeys.all });
    },
  });
}

/** A status change can move someone up the waiting list, so the whole programme (and every case view) reloads. */
export function useUpdateEnrolment(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ enrolmentId, request }: { enrolmentId: string; request: UpdateEnrolmentRequest }) =>
      updateEnrolment(programmeId, enrolmentId, request),
    onSuccess: (enrolment) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trainingKeys.all }),
        enrolment.caseId ? refreshAfterCaseChange(queryClient, enrolment.caseId) : Promise.resolve(),
      ]),
  });
}

export function useEnrol(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: EnrolRequest) => enrol(caseId, request),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trainingKeys.all }),
        refreshAfterCaseChange(queryClient, caseId),
      ]),
  });
}

/** A session or a follow-up changes the enrolment's figures on the case and on the programme page. */
export function useRecordAttendance(programmeId: string, caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ enrolmentId, request }: { enrolmentId: string; request: RecordAttendanceRequest }) =>
      recordAttendance(programmeId, enrolmentId, request),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trainingKeys.all }),
        refreshAfterCaseChange(queryClient, caseId),
      ]),
  });
}

export function useAddFollowUp(programmeId: string, caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ enrolmentId, request }: { enrolmentId: string; request: AddFollowUpRequest }) =>
      addFollowUp(programmeId, enrolmentId, request),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trainingKeys.all }),
        refreshAfterCaseChange(queryClient, caseId),
      ]),
  });
}
