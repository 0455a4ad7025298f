import {
  addGoalRequestSchema,
  updateGoalRequestSchema,
  type AddGoalRequest,
  type Goal,
  type GoalStatus,
  type SupportPlanType,
  type UpdateGoalRequest,
} from '@haven/contracts';
import type { TFunction } from 'i18next';
import { validateWithSchema, type SchemaResult } from '../../../app/forms/schema-validation';

export type GoalFormValues = {
  type: SupportPlanType | null;
  objective: string;
  actions: string;
  plannedEndOn: string;
  actualEndOn: string;
  status: GoalStatus;
};

export const GOAL_FORM_FIELDS = ['type', 'objective', 'actions', 'plannedEndOn', 'actualEndOn', 'status'] as const;
export const GOAL_LAYOUT = { choiceFields: ['type', 'status'] };

export const emptyGoalForm: GoalFormValues = {
  type: null,
  objective: '',
  actions: '',
  plannedEndOn: '',
  actualEndOn: '',
  status: 'planned',
};

export function goalFormValues(goal: Goal): GoalFormValues {
  return {
    type: goal.type,
    objective: goal.objective,
    actions: goal.actions,
    plannedEndOn: goal.plannedEndOn ?? '',
    actualEndOn: goal.actualEndOn ?? '',
    status: goal.status,
  };
}

/** Dates left empty are left out: the contract takes a date or nothing. */
function toGoalFields(values: GoalFormValues): Record<string, unknown> {
  return {
    type: values.type ?? undefined,
    objective: values.objective,
    actions: values.actions,
    plannedEndOn: values.plannedEndOn || undefined,
    actualEndOn: values.actualEndOn || undefined,
    status: values.status,
  };
}

export function validateNewGoal(values: GoalFormValues, t: TFunction): SchemaResult<AddGoalRequest> {
  return validateWithSchema(addGoalRequestSchema, toGoalFields(values), t, GOAL_LAYOUT);
}

export function validateGoalChange(
  values: GoalFormValues,
  version: number,
  t: TFunction,
): SchemaResult<UpdateGoalRequest> {
  return validateWithSchema(updateGoalRequestSchema, { ...toGoalFields(values), version }, t, GOAL_LAYOUT);
}
