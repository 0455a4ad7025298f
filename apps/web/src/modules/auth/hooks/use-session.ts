import type { LoginResponse, MeResponse } from '@haven/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useContext } from 'react';
import { useNavigate } from 'react-router';
import {
  changePassword,
  confirmTwoFactorEnrolment,
  fetchMe,
  regenerateRecoveryCodes,
  signIn,
  signOut,
  startTwoFactorEnrolment,
  submitSecondFactor,
} from '../api/auth-api';
import { SessionContext } from './session-context';

export const ME_QUERY_KEY = ['auth', 'me'] as const;

export function useMe() {
  return useQuery({
    queryKey: ME_QUERY_KEY,
    queryFn: ({ signal }) => fetchMe(signal),
    staleTime: 5 * 60_000,
    // Coming back to the tab re-checks the session, so an expired one lands on sign-in rather than on errors.
    refetchOnWindowFocus: true,
  });
}

/** The signed-in user, for components rendered inside the session guard only. */
export function useSession(): MeResponse {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession used outside a signed-in area');
  return me;
}

function startSessionCache(queryClient: ReturnType<typeof useQueryClient>, me: MeResponse): void {
  // Nothing cached for a previous user on this device may leak into the new session.
  queryClient.clear();
  queryClient.setQueryData(ME_QUERY_KEY, me);
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    onSuccess: (answer: LoginResponse) => {
      if (!('secondFactor' in answer)) startSessionCache(queryClient, answer);
    },
  });
}

export function useSecondFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: submitSecondFactor,
    onSuccess: (me) => startSessionCache(queryClient, me),
  });
}

export function useStartTwoFactorEnrolment() {
  return useMutation({ mutationFn: startTwoFactorEnrolment });
}

/** Once confirmed, the session is no longer limited to enrolment: /me is read again. */
export function useConfirmTwoFactorEnrolment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: confirmTwoFactorEnrolment,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY }),
  });
}

export function useRegenerateRecoveryCodes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: regenerateRecoveryCodes,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY }),
  });
}

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: signOut,
    onSettled: async () => {
      // Leave the signed-in screens first, then forget everything (even if the request failed),
      // so a shared computer is left clean and no screen renders half-emptied data.
      await navigate('/sign-in', { replace: true });
      queryClient.clear();
      queryClient.setQueryData(ME_QUERY_KEY, null);
    },
  });
}
