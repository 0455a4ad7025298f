import type { Role, UserListResponse } from '@haven/contracts';
import { typedApi } from '../../../app/api/typed-api';

export function fetchUsers(
  query: { role?: Role; page?: number; pageSize?: number },
  signal?: AbortSignal,
): Promise<UserListResponse> {
  return typedApi('get', '/users', { signal, query });
}

/** Removes the user's second factor and ends all their sessions (admin). */
export function resetTwoFactor(userId: string): Promise<void> {
  return typedApi('post', '/users/{id}/two-factor/reset', { params: { id: userId } });
}
