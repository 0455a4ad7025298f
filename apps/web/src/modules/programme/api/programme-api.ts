import type {
  InstitutionFields,
  ProgrammeRegister,
  RegisterImportResult,
  RegisterList,
  RegisterRecord,
} from '@haven/contracts';
import { typedApi } from '../../../app/api/typed-api';

export interface RegisterPageQuery {
  search: string;
  cursor: string | null;
}

export function fetchRegister(
  register: ProgrammeRegister,
  query: RegisterPageQuery,
  signal?: AbortSignal,
): Promise<RegisterList> {
  return typedApi('get', '/programme/{register}', {
    params: { register },
    signal,
    query: { search: query.search.trim() || undefined, cursor: query.cursor ?? undefined, pageSize: 25 },
  });
}

export function fetchRecord(register: ProgrammeRegister, id: string, signal?: AbortSignal): Promise<RegisterRecord> {
  return typedApi('get', '/programme/{register}/{id}', { params: { register, id }, signal }) as Promise<RegisterRecord>;
}

export function createRecord(register: ProgrammeRegister, fields: object): Promise<RegisterRecord> {
  return typedApi('post', '/programme/{register}', {
    params: { register },
    body: { fields: fields as Record<string, unknown> },
  }) as Promise<RegisterRecord>;
}

/** The fields whole, from the version read: the API refuses a stale version (409 with the version it holds). */
export function updateRecord(
  register: ProgrammeRegister,
  id: string,
  change: { version: number; fields: object },
): Promise<RegisterRecord> {
  return typedApi('patch', '/programme/{register}/{id}', {
    params: { register, id },
    body: { version: change.version, fields: change.fields as Record<string, unknown> },
  }) as Promise<RegisterRecord>;
}

export function deleteRecord(register: ProgrammeRegister, id: string): Promise<void> {
  return typedApi('delete', '/programme/{register}/{id}', { params: { register, id } });
}

export function importRegister(
  register: ProgrammeRegister,
  body: { csv: string; dryRun: boolean },
): Promise<RegisterImportResult> {
  return typedApi('post', '/programme/{register}/import', { params: { register }, body });
}

export interface InstitutionChoice {
  id: string;
  fields: InstitutionFields;
}

/** An event may name only registered institutions: a form picks among all of them (a few pages at most). */
const MOST_INSTITUTION_PAGES = 20;

export async function fetchAllInstitutions(signal?: AbortSignal): Promise<InstitutionChoice[]> {
  const institutions: InstitutionChoice[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MOST_INSTITUTION_PAGES; page += 1) {
    const list = await typedApi('get', '/programme/{register}', {
      params: { register: 'institutions' },
      signal,
      query: { cursor, pageSize: 100 },
    });
    institutions.push(...list.items.map((item) => ({ id: item.id, fields: item.fields as InstitutionFields })));
    if (!list.nextCursor) break;
    cursor = list.nextCursor;
  }
  return institutions;
}
