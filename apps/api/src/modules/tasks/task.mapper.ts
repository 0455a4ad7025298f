import type { Task } from '@haven/contracts';
import type { TaskEntity } from './task.entity.js';

/** `today` is the day overdue is measured against (YYYY-MM-DD). */
export function toTask(entity: TaskEntity, caseReference: string, title: string, today: string): Task {
  return {
    id: entity.id,
    caseId: entity.caseId,
    caseReference,
    title,
    dueOn: entity.dueOn,
    overdue: entity.status === 'open' && entity.dueOn < today,
    almostOverdue: entity.status === 'open' && entity.dueOn === today,
    status: entity.status,
    assignee: { id: entity.assigneeId, displayName: entity.assignee?.displayName ?? '' },
    createdAt: entity.createdAt.toISOString(),
    caseName: null,
    version: entity.version,
  };
}
