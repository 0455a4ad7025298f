import type {
  ChangePasswordRequest,
  LoginRequest,
  LoginResponse,
  MeResponse,
  RecoveryCodesResponse,
  SecondFactorRequest,
  TwoFactorEnrolment,
} from '@haven/contracts';
import { apiRequest, isApiError, setCsrfToken } from '../../../app/api-client';

/** A correct password yields a session, or (with a second factor) a challenge and no session yet. */
export async function signIn(credentials: LoginRequest): Promise<LoginResponse> {
  const answer = await apiRequest<LoginResponse>('/auth/login', {
    method: 'POST',
    body: credentials,
    handleUnauthorized: false,
  });
  if (!('secondFactor' in answer)) setCsrfToken(answer.csrfToken);
  return answer;
}

export async function submitSecondFactor(answer: SecondFactorRequest): Promise<MeResponse> {
  const me = await apiRequest<MeResponse>('/auth/login/second-factor', {
    method: 'POST',
    body: answer,
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

export function startTwoFactorEnrolment(): Promise<TwoFactorEnrolment> {
  return apiRequest<TwoFactorEnrolment>('/auth/two-factor/enrolment', { method: 'POST' });
}

export function confirmTwoFactorEnrolment(code: string): Promise<RecoveryCodesResponse> {
  return apiRequest<RecoveryCodesResponse>('/auth/two-factor/enrolment/confirm', { method: 'POST', body: { code } });
}

export function regenerateRecoveryCodes(code: string): Promise<RecoveryCodesResponse> {
  return apiRequest<RecoveryCodesResponse>('/auth/two-factor/recovery-codes', { method: 'POST', body: { code } });
}

/** Other sessions of the user end; this one stays. */
export function changePassword(request: ChangePasswordRequest): Promise<void> {
  return apiRequest<void>('/auth/password', { method: 'POST', body: request });
}
