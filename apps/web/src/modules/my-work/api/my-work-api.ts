import type { MyWork } from '@haven/contracts';
import { typedApi } from '../../../app/api/typed-api';

export const MY_WORK_KEY = ['my-work'] as const;

export function fetchMyWork(signal?: AbortSignal): Promise<MyWork> {
  return typedApi('get', '/my-work', { signal });
}
