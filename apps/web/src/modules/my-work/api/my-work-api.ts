import type { MyWork } from '@haven/contracts';
import { typedApi } from '../../../app/api/typed-api';

export const MY_WORK_KEY = ['my-work'] as const;

export function fetchMyWork(signal?: AbortSignal): Promise<MyWork> {
  return typedApi('get', '/my-work', { signal });
}

/** She has looked at her referrals' answers up to `upTo` (the newest the screen showed). */
export function markReferralAnswersSeen(upTo: string): Promise<void> {
  return typedApi('post', '/my-work/referral-answers/seen', { body: { upTo } });
}
