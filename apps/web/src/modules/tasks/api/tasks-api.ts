import type { AddTaskRequest, Task, UpdateTaskRequest } from '@haven/contracts';
import { typedApi } from '../../../app/api/typed-api';

export function fetchTasks(caseId: string, signal?: AbortSignal): Promise<{ items: Task[] }> {
  return typedApi('get', '/cases/{id}/tasks', { params: { id: caseId }, signal });
}

export function addTask(caseId: string, request: AddTaskRequest): Promise<Task> {
  return typedApi('post', '/cases/{id}/tasks', { params: { id: caseId }, body: request });
}

export function updateTask(caseId: string, taskId: string, request: UpdateTaskRequest): Promise<Task> {
  return typedApi('patch', '/cases/{id}/tasks/{taskId}', { params: { id: caseId, taskId }, body: request });
}
