import type {
  CreateProgrammeRequest,
  DirectoryEntry,
  EnrolRequest,
  Enrolment,
  EnrolmentList,
  ProgrammeDetail,
  ProgrammeEnrolment,
  ProgrammeList,
  UpdateEnrolmentRequest,
  UpdateProgrammeRequest,
} from '@haven/contracts';
import { apiRequest } from '../../../app/api-client';

const programmePath = (programmeId: string) => `/training-programmes/${encodeURIComponent(programmeId)}`;
const enrolmentsPath = (caseId: string) => `/cases/${encodeURIComponent(caseId)}/enrolments`;

export function fetchProgrammes(signal?: AbortSignal): Promise<ProgrammeList> {
  return apiRequest<ProgrammeList>('/training-programmes', { signal });
}

export function fetchProgramme(programmeId: string, signal?: AbortSignal): Promise<ProgrammeDetail> {
  return apiRequest<ProgrammeDetail>(programmePath(programmeId), { signal });
}

export function createProgramme(request: CreateProgrammeRequest): Promise<ProgrammeDetail> {
  return apiRequest<ProgrammeDetail>('/training-programmes', { method: 'POST', body: request });
}

export function updateProgramme(programmeId: string, request: UpdateProgrammeRequest): Promise<ProgrammeDetail> {
  return apiRequest<ProgrammeDetail>(programmePath(programmeId), { method: 'PATCH', body: request });
}

export function updateEnrolment(
  programmeId: string,
  enrolmentId: string,
  request: UpdateEnrolmentRequest,
): Promise<ProgrammeEnrolment> {
  return apiRequest<ProgrammeEnrolment>(`${programmePath(programmeId)}/enrolments/${encodeURIComponent(enrolmentId)}`, {
    method: 'PATCH',
    body: request,
  });
}

export function fetchCaseEnrolments(caseId: string, signal?: AbortSignal): Promise<EnrolmentList> {
  return apiRequest<EnrolmentList>(enrolmentsPath(caseId), { signal });
}

export function enrol(caseId: string, request: EnrolRequest): Promise<Enrolment> {
  return apiRequest<Enrolment>(enrolmentsPath(caseId), { method: 'POST', body: request });
}

/** The directory of organisations, to choose a programme's provider. */
export function fetchOrganisations(signal?: AbortSignal): Promise<{ items: DirectoryEntry[] }> {
  return apiRequest<{ items: DirectoryEntry[] }>('/organisations', { signal });
}
