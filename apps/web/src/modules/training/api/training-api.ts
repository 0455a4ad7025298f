import type {
  AddFollowUpRequest,
  RecordAttendanceRequest,
  CreateProgrammeRequest,
  DirectoryEntry,
  EnrolRequest,
  Enrolment,
  EnrolmentList,
  ProgrammeDetail,
  ProgrammeEnrolment,
  ProgrammeList,
  ProgrammeListQuery,
  ProgrammeSummary,
  UpdateEnrolmentRequest,
  UpdateProgrammeRequest,
} from '@haven/contracts';
import { typedApi } from '../../../app/api/typed-api';

export function fetchProgrammePage(query: Partial<ProgrammeListQuery>, signal?: AbortSignal): Promise<ProgrammeList> {
  return typedApi('get', '/training-programmes', { signal, query });
}

/**
 * Every programme in scope, for the enrolment form's picker (an organisation runs a handful):
 * the pages are read one after the other by their cursors, each bounded by the API.
 */
export async function fetchAllProgrammes(signal?: AbortSignal): Promise<{ items: ProgrammeSummary[] }> {
  const items: ProgrammeSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchProgrammePage({ sort: 'trade', order: 'asc', pageSize: 100, cursor }, signal);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { items };
}

export function fetchProgramme(programmeId: string, signal?: AbortSignal): Promise<ProgrammeDetail> {
  return typedApi('get', '/training-programmes/{id}', { params: { id: programmeId }, signal });
}

export function createProgramme(request: CreateProgrammeRequest): Promise<ProgrammeDetail> {
  return typedApi('post', '/training-programmes', { body: request });
}

export function updateProgramme(programmeId: string, request: UpdateProgrammeRequest): Promise<ProgrammeDetail> {
  return typedApi('patch', '/training-programmes/{id}', { params: { id: programmeId }, body: request });
}

export function updateEnrolment(
  programmeId: string,
  enrolmentId: string,
  request: UpdateEnrolmentRequest,
): Promise<ProgrammeEnrolment> {
  return typedApi('patch', '/training-programmes/{programmeId}/enrolments/{enrolmentId}', {
    params: { programmeId, enrolmentId },
    body: request,
  });
}

/** One session's attendance; a record for a date already recorded replaces it. */
export function recordAttendance(
  programmeId: string,
  enrolmentId: string,
  request: RecordAttendanceRequest,
): Promise<ProgrammeEnrolment> {
  return typedApi('put', '/training-programmes/{programmeId}/enrolments/{enrolmentId}/attendance', {
    params: { programmeId, enrolmentId },
    body: request,
  });
}

export function addFollowUp(
  programmeId: string,
  enrolmentId: string,
  request: AddFollowUpRequest,
): Promise<ProgrammeEnrolment> {
  return typedApi('post', '/training-programmes/{programmeId}/enrolments/{enrolmentId}/follow-ups', {
    params: { programmeId, enrolmentId },
    body: request,
  });
}

export function fetchCaseEnrolments(caseId: string, signal?: AbortSignal): Promise<EnrolmentList> {
  return typedApi('get', '/cases/{id}/enrolments', { params: { id: caseId }, signal });
}

export function enrol(caseId: string, request: EnrolRequest): Promise<Enrolment> {
  return typedApi('post', '/cases/{id}/enrolments', { params: { id: caseId }, body: request });
}

/** The directory of organisations, to choose a programme's provider. */
export function fetchOrganisations(signal?: AbortSignal): Promise<{ items: DirectoryEntry[] }> {
  return typedApi('get', '/organisations', { signal });
}
