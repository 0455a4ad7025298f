import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { addTaskRequestSchema, taskListSchema, taskSchema, updateTaskRequestSchema, type AddTaskRequest, type Task, type UpdateTaskRequest } from '@haven/contracts';
import { CurrentCaller, RequireAccess } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { ZodPipe } from '../../core/errors/zod-body.pipe.js';
import { ApiContract } from '../../core/http/api-contract.decorator.js';
import { TasksService } from './tasks.service.js';

const uuid = new ParseUUIDPipe();

@Controller('cases/:id/tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @RequireAccess('read', 'Case')
  @ApiContract({ summary: 'Tasks and follow-ups of the case, open ones first', response: taskListSchema })
  list(@CurrentCaller() caller: Caller, @Param('id', uuid) caseId: string): Promise<{ items: Task[] }> {
    return this.tasks.list(caller, caseId);
  }

  @Post()
  @RequireAccess('update', 'Case')
  @ApiContract({ summary: 'Add a task with a due date (assigned to you unless you name a caseworker of the case’s organisation)', body: addTaskRequestSchema, response: taskSchema, status: 201 })
  add(@CurrentCaller() caller: Caller, @Param('id', uuid) caseId: string, @Body(new ZodPipe(addTaskRequestSchema)) body: AddTaskRequest): Promise<Task> {
    return this.tasks.add(caller, caseId, body);
  }

  @Patch(':taskId')
  @RequireAccess('update', 'Case')
  @ApiContract({ summary: 'Change a task, mark it done or cancel it (409 if the version is stale)', body: updateTaskRequestSchema, response: taskSchema })
  update(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) caseId: string,
    @Param('taskId', uuid) taskId: string,
    @Body(new ZodPipe(updateTaskRequestSchema)) body: UpdateTaskRequest,
  ): Promise<Task> {
    return this.tasks.update(caller, caseId, taskId, body);
  }
}
