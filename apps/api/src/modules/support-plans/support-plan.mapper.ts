import type { Goal, SupportPlan } from '@haven/contracts';
import type { CaseSealer } from '../cases/kernel/case-vault.service.js';
import type { SupportPlanGoalEntity } from './support-plan-goal.entity.js';
import type { SupportPlanEntity } from './support-plan.entity.js';

export const OBJECTIVE = 'goal-objective';
export const ACTIONS = 'goal-actions';
export const DECISION_COMMENT = 'plan-decision-comment';

export function toGoal(goal: SupportPlanGoalEntity, sealer: CaseSealer): Goal {
  return {
    id: goal.id,
    type: goal.type,
    objective: sealer.open(OBJECTIVE, goal.sealedObjective),
    actions: sealer.open(ACTIONS, goal.sealedActions),
    plannedEndOn: goal.plannedEndOn,
    actualEndOn: goal.actualEndOn,
    status: goal.status,
    version: goal.version,
  };
}

const person = (user: { id: string; displayName: string } | null | undefined) =>
  user ? { id: user.id, displayName: user.displayName } : null;

/** A case without a plan yet shows an empty draft (version 0: nothing to submit). */
export function toSupportPlan(
  plan: SupportPlanEntity | null,
  goals: SupportPlanGoalEntity[],
  sealer: CaseSealer,
): SupportPlan {
  return {
    status: plan?.status ?? 'draft',
    goals: goals.map((goal) => toGoal(goal, sealer)),
    submittedAt: plan?.submittedAt?.toISOString() ?? null,
    submittedBy: person(plan?.submittedBy),
    decidedAt: plan?.decidedAt?.toISOString() ?? null,
    decidedBy: person(plan?.decidedBy),
    decisionComment: plan ? sealer.openOrNull(DECISION_COMMENT, plan.sealedDecisionComment) : null,
    version: plan?.version ?? 0,
  };
}
