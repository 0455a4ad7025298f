import type { ReassignCasesRequest, ReassignCasesResponse } from '@haven/contracts';
import { typedApi } from '../../../app/api/typed-api';

export function reassignCases(request: ReassignCasesRequest): Promise<ReassignCasesResponse> {
  return typedApi('post', '/cases/reassignment', { body: request });
}
