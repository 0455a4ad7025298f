import type { LoginRequest, MeResponse } from '@haven/contracts';
import { apiRequest, isApiError, setCsrfToken } from '../../../app/api-client';

export async function signIn(credentials: LoginRequest): Promise<MeResponse> {
  const me = await apiRequest<MeResponse>('/auth/login', {
    method: 'POST',
    body: credentials,
    handleUnauthorized: false,
  });
  setCsrfToken(me.csrfToken);
  return me;
}

/** The signed-in user, or null when there is no session (401 is the normal answer then, not an error). */
export async function fetchMe(signal?: AbortSignal): Promise<MeResponse | null> {
  try {
    const me = await apiRequest<MeResponse>('/auth/me', { signal, handleUnauthorized: false });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (isApiError(error, 401)) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export async function signOut(): Promise<void> {
  try {
    await apiRequest<void>('/auth/logout', { method: 'POST', handleUnauthorized: false });
  } finally {
    setCsrfToken(null);
  }
}
