import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchUsers, resetTwoFactor } from '../api/users-api';

/**
 * The caseworkers of the user's organisation, for assigning cases and tasks and filtering lists. Only
 * supervisors may list colleagues, so callers enable this only when the ability allows it.
 */
export function useCaseworkers(enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'caseworkers'],
    // One page of the API's largest size: a shelter has tens of caseworkers, not hundreds.
    queryFn: ({ signal }) => fetchUsers({ role: 'caseworker', pageSize: 100 }, signal),
    select: (page) => page.items.filter((user) => user.active),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useResetTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resetTwoFactor,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}
