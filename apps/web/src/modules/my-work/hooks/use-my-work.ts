import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { NOTIFICATIONS_KEY } from '../../notifications';
import { fetchMyWork, markReferralAnswersSeen, MY_WORK_KEY } from '../api/my-work-api';

export function useMyWork() {
  return useQuery({ queryKey: MY_WORK_KEY, queryFn: ({ signal }) => fetchMyWork(signal) });
}

/** Looking at the answers reads them in the bell too: both are refreshed. */
export function useMarkReferralAnswersSeen() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markReferralAnswersSeen,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: MY_WORK_KEY }),
        queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
      ]),
  });
}
