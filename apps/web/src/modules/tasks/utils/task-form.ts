import {
  addTaskRequestSchema,
  updateTaskRequestSchema,
  type AddTaskRequest,
  type Task,
  type TaskStatus,
  type UpdateTaskRequest,
} from '@haven/contracts';
import type { TFunction } from 'i18next';
import { validateWithSchema, type SchemaResult } from '../../../app/forms/schema-validation';

export type TaskFormValues = { title: string; dueOn: string; assigneeId: string | null; status: TaskStatus };

export const TASK_FORM_FIELDS = ['title', 'dueOn', 'assigneeId', 'status'] as const;
export const TASK_LAYOUT = { choiceFields: ['assigneeId', 'status'] };

export const emptyTaskForm: TaskFormValues = { title: '', dueOn: '', assigneeId: null, status: 'open' };

export function taskFormValues(task: Task): TaskFormValues {
  return { title: task.title, dueOn: task.dueOn, assigneeId: task.assignee.id, status: task.status };
}

export function validateNewTask(values: TaskFormValues, t: TFunction): SchemaResult<AddTaskRequest> {
  return validateWithSchema(
    addTaskRequestSchema,
    { title: values.title, dueOn: values.dueOn, assigneeId: values.assigneeId ?? undefined },
    t,
    TASK_LAYOUT,
  );
}

export function validateTaskChange(
  values: TaskFormValues,
  version: number,
  t: TFunction,
): SchemaResult<UpdateTaskRequest> {
  return validateWithSchema(
    updateTaskRequestSchema,
    {
      version,
      title: values.title,
      dueOn: values.dueOn,
      assigneeId: values.assigneeId ?? undefined,
      status: values.status,
    },
    t,
    TASK_LAYOUT,
  );
}

/** Open tasks soonest due first; finished ones after, most recent first. */
export function sortTasks(tasks: readonly Task[]): { open: Task[]; finished: Task[] } {
  const open = tasks.filter((task) => task.status === 'open').sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  const finished = tasks.filter((task) => task.status !== 'open').sort((a, b) => b.dueOn.localeCompare(a.dueOn));
  return { open, finished };
}
