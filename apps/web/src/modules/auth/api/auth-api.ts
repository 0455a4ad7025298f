import type {
  ChangePasswordRequest,
  LoginRequest,
  LoginResponse,
  MeResponse,
  RecoveryCodesResponse,
  SecondFactorRequest,
  SessionExtended,
  TwoFactorEnrolment,
} from '@haven/contracts';
import { isApiError, setCsrfToken } from '../../../app/api-client';
import { typedApi } from '../../../app/api/typed-api';

/** A correct password yields a session, or (with a second factor) a challenge and no session yet. */
export async function signIn(credentials: LoginRequest): Promise<LoginResponse> {
  const answer: LoginResponse = await typedApi('post', '/auth/login', {
    body: credentials,
    handleUnauthorized: false,
  });
  if (!('secondFactor' in answer)) setCsrfToken(answer.csrfToken);
  return answer;
}

export async function submitSecondFactor(answer: SecondFactorRequest): Promise<MeResponse> {
  const me: MeResponse = await typedApi('post', '/auth/login/second-factor', {
    body: answer,
    handleUnauthorized: false,
  });
  setCsrfToken(me.csrfToken);
  return me;
}

/** The signed-in user, or null when there is no session (401 is the normal answer then, not an error). */
export async function fetchMe(signal?: AbortSignal): Promise<MeResponse | null> {
  try {
    const me: MeResponse = await typedApi('get', '/auth/me', { signal, handleUnauthorized: false });
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

/** "Stay signed in": the server starts the session's idle clock again. */
export function extendSession(): Promise<SessionExtended> {
  return typedApi('post', '/auth/session/extend', {});
}

export async function signOut(): Promise<void> {
  try {
    await typedApi('post', '/auth/logout', { handleUnauthorized: false });
  } finally {
    setCsrfToken(null);
  }
}

export function startTwoFactorEnrolment(): Promise<TwoFactorEnrolment> {
  return typedApi('post', '/auth/two-factor/enrolment', {});
}

export function confirmTwoFactorEnrolment(code: string): Promise<RecoveryCodesResponse> {
  return typedApi('post', '/auth/two-factor/enrolment/confirm', { body: { code } });
}

export function regenerateRecoveryCodes(code: string): Promise<RecoveryCodesResponse> {
  return typedApi('post', '/auth/two-factor/recovery-codes', { body: { code } });
}

/** Other sessions of the user end; this one stays. */
export function changePassword(request: ChangePasswordRequest): Promise<void> {
  return typedApi('post', '/auth/password', { body: request });
}
