import type { MyWork } from '@haven/contracts';
import { apiRequest } from '../../../app/api-client';

export const MY_WORK_KEY = ['my-work'] as const;

export function fetchMyWork(signal?: AbortSignal): Promise<MyWork> {
  return apiRequest<MyWork>('/my-work', { signal });
}
