import type { Role, UserListResponse } from '@haven/contracts';
import { apiRequest } from '../../../app/api-client';

export function fetchUsers(
  query: { role?: Role; page?: number; pageSize?: number },
  signal?: AbortSignal,
): Promise<UserListResponse> {
  return apiRequest<UserListResponse>('/users', { signal, query });
}

/** Removes the user's second factor and ends all their sessions (admin). */
export function resetTwoFactor(userId: string): Promise<void> {
  return apiRequest<void>(`/users/${userId}/two-factor/reset`, { method: 'POST' });
}
