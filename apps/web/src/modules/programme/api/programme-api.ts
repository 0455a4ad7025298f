import type { ProgrammeRegister, RegisterImportResult, RegisterList } from '@haven/contracts';
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

export function deleteRecord(register: ProgrammeRegister, id: string): Promise<void> {
  return typedApi('delete', '/programme/{register}/{id}', { params: { register, id } });
}

export function importRegister(
  register: ProgrammeRegister,
  body: { csv: string; dryRun: boolean },
): Promise<RegisterImportResult> {
  return typedApi('post', '/programme/{register}/import', { params: { register }, body });
}
