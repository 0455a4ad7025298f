import type { Role, UserListResponse } from '@haven/contracts';
import { apiRequest } from '../../../app/api-client';

export function fetchUsers(query: { role?: Role; page?: number; pageSize?: number }, signal?: AbortSignal): Promise<UserListResponse> {
  return apiRequest<UserListResponse>('/users', { signal, query });
}
