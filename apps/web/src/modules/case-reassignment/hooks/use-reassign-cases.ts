import type { ReassignCasesRequest } from '@haven/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { caseKeys } from '../../cases';
import { MY_WORK_KEY } from '../../my-work';
import { reassignCases } from '../api/reassignment-api';

/** Several cases handed to one colleague at once (all or none); the lists, case pages and my work shown are refreshed. */
export function useReassignCases() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ReassignCasesRequest) => reassignCases(request),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: caseKeys.all }),
        queryClient.invalidateQueries({ queryKey: MY_WORK_KEY }),
      ]),
  });
}
