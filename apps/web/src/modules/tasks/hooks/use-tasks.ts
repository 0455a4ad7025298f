import type { AddTaskRequest, UpdateTaskRequest } from '@haven/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { refreshAfterCaseChange } from '../../cases';
import { addTask, fetchTasks, updateTask } from '../api/tasks-api';

export const taskKeys = { list: (caseId: string) => ['tasks', caseId] as const };

export function useTasks(caseId: string) {
  return useQuery({ queryKey: taskKeys.list(caseId), queryFn: ({ signal }) => fetchTasks(caseId, signal) });
}

export function useAddTask(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: AddTaskRequest) => addTask(caseId, request),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: taskKeys.list(caseId) }),
        refreshAfterCaseChange(queryClient, caseId),
      ]),
  });
}

/** Used from the case's task tab and from "my work", where each task names its own case. */
export function useUpdateTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ caseId, taskId, request }: { caseId: string; taskId: string; request: UpdateTaskRequest }) =>
      updateTask(caseId, taskId, request),
    onSuccess: (_task, { caseId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: taskKeys.list(caseId) }),
        refreshAfterCaseChange(queryClient, caseId),
      ]),
  });
}
