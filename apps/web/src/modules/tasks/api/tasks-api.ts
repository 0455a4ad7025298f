import type { AddTaskRequest, Task, UpdateTaskRequest } from '@haven/contracts';
import { apiRequest } from '../../../app/api-client';

const path = (caseId: string) => `/cases/${encodeURIComponent(caseId)}/tasks`;

export function fetchTasks(caseId: string, signal?: AbortSignal): Promise<{ items: Task[] }> {
  return apiRequest<{ items: Task[] }>(path(caseId), { signal });
}

export function addTask(caseId: string, request: AddTaskRequest): Promise<Task> {
  return apiRequest<Task>(path(caseId), { method: 'POST', body: request });
}

export function updateTask(caseId: string, taskId: string, request: UpdateTaskRequest): Promise<Task> {
  return apiRequest<Task>(`${path(caseId)}/${encodeURIComponent(taskId)}`, { method: 'PATCH', body: request });
}
