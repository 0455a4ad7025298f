import { Controller } from '@nestjs/common';
import {
  addTaskRequestSchema,
  taskListSchema,
  taskSchema,
  updateTaskRequestSchema,
  type AddTaskRequest,
  type Task,
  type UpdateTaskRequest,
} from '@haven/contracts';
import { CurrentCaller } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { Body, Route, UuidParam } from '../../core/http/route.decorator.js';
import { TasksService } from './tasks.service.js';

@Controller('cases/:id/tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Route({
    method: 'GET',
    permission: ['read', 'Case'],
    summary: 'Tasks and follow-ups of the case, open ones first',
    response: taskListSchema,
  })
  list(@CurrentCaller() caller: Caller, @UuidParam('id') caseId: string): Promise<{ items: Task[] }> {
    return this.tasks.list(caller, caseId);
  }

  @Route({
    method: 'POST',
    permission: ['update', 'Case'],
    summary: 'Add a task with a due date (assigned to you unless you name a caseworker of the case’s organisation)',
    body: addTaskRequestSchema,
    response: taskSchema,
  })
  add(@CurrentCaller() caller: Caller, @UuidParam('id') caseId: string, @Body() body: AddTaskRequest): Promise<Task> {
    return this.tasks.add(caller, caseId, body);
  }

  @Route({
    method: 'PATCH',
    path: ':taskId',
    permission: ['update', 'Case'],
    summary: 'Change a task, mark it done or cancel it (409 if the version is stale)',
    body: updateTaskRequestSchema,
    response: taskSchema,
  })
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @UuidParam('taskId') taskId: string,
    @Body() body: UpdateTaskRequest,
  ): Promise<Task> {
    return this.tasks.update(caller, caseId, taskId, body);
  }
}
