import { z } from 'zod';
import { versionSchema } from './cases.js';
import { GOAL_STATUSES } from './enums.js';
import { calendarDate, longText, pastDate } from './text.js';

/**
 * The three dimensions of reintegration practice: economic (income, skills, business
 * support), social (housing, documents, education, health access) and psychosocial
 * (family and community relations, well-being).
 */
export const REINTEGRATION_DIMENSIONS = ['economic', 'social', 'psychosocial'] as const;
export type ReintegrationDimension = (typeof REINTEGRATION_DIMENSIONS)[number];

/** The usual follow-up schedule, in months after return or discharge. */
export const DEFAULT_FOLLOW_UP_MONTHS = [3, 6, 12] as const;

const person = z.object({ id: z.uuid(), displayName: z.string() });

// ── Goals ──────────────────────────────────────────────────────────────────
const goalText = longText(1000).min(1, 'Required');
const assistanceText = longText(4000);

export const addReintegrationGoalRequestSchema = z
  .object({
    dimension: z.enum(REINTEGRATION_DIMENSIONS),
    goal: goalText,
    /** The assistance given or planned for this goal. */
    assistance: assistanceText.default(''),
    status: z.enum(GOAL_STATUSES).default('planned'),
  })
  .strict();
export type AddReintegrationGoalRequest = z.input<typeof addReintegrationGoalRequestSchema>;
export type AddReintegrationGoalCommand = z.output<typeof addReintegrationGoalRequestSchema>;

export const updateReintegrationGoalRequestSchema = z
  .object({
    version: versionSchema,
    dimension: z.enum(REINTEGRATION_DIMENSIONS).optional(),
    goal: goalText.optional(),
    assistance: assistanceText.optional(),
    status: z.enum(GOAL_STATUSES).optional(),
  })
  .strict();
export type UpdateReintegrationGoalRequest = z.infer<typeof updateReintegrationGoalRequestSchema>;

export const reintegrationGoalSchema = z.object({
  id: z.uuid(),
  dimension: z.enum(REINTEGRATION_DIMENSIONS),
  goal: z.string(),
  assistance: z.string(),
  status: z.enum(GOAL_STATUSES),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.number().int(),
});
export type ReintegrationGoal = z.infer<typeof reintegrationGoalSchema>;

// ── Follow-up visits ───────────────────────────────────────────────────────
export const scheduleVisitsRequestSchema = z
  .object({
    /** The day of return or discharge the schedule counts from. */
    referenceDate: calendarDate(),
    monthsAfter: z
      .array(z.number().int('Whole months').min(1, 'At least 1 month').max(60, 'At most 60 months'))
      .min(1, 'Give at least one visit')
      .max(12, 'At most 12 visits')
      .refine((months) => new Set(months).size === months.length, 'Each month once')
      .default([...DEFAULT_FOLLOW_UP_MONTHS]),
  })
  .strict();
export type ScheduleVisitsRequest = z.input<typeof scheduleVisitsRequestSchema>;
export type ScheduleVisitsCommand = z.output<typeof scheduleVisitsRequestSchema>;

const score = z
  .number({ message: 'Score from 1 to 5' })
  .int('Score from 1 to 5')
  .min(1, 'Score from 1 to 5')
  .max(5, 'Score from 1 to 5');

/** Records (or corrects) a visit: a sustainability score per dimension, 1 (not sustainable) to 5 (fully sustainable). */
export const recordVisitRequestSchema = z
  .object({
    version: versionSchema,
    visitedOn: pastDate(),
    economicScore: score,
    socialScore: score,
    psychosocialScore: score,
    notes: longText(4000).optional(),
  })
  .strict();
export type RecordVisitRequest = z.infer<typeof recordVisitRequestSchema>;

export const followUpVisitSchema = z.object({
  id: z.uuid(),
  monthsAfter: z.number().int(),
  dueOn: z.string(),
  /** Due before today and not yet visited. */
  overdue: z.boolean(),
  /** The task in "my work" that reminds the assignee of this visit. */
  taskId: z.uuid().nullable(),
  visitedOn: z.string().nullable(),
  economicScore: z.number().int().nullable(),
  socialScore: z.number().int().nullable(),
  psychosocialScore: z.number().int().nullable(),
  notes: z.string().nullable(),
  recordedBy: person.nullable(),
  version: z.number().int(),
});
export type FollowUpVisit = z.infer<typeof followUpVisitSchema>;

export const scoreTrendPointSchema = z.object({
  visitId: z.uuid(),
  monthsAfter: z.number().int(),
  visitedOn: z.string(),
  economic: z.number().int(),
  social: z.number().int(),
  psychosocial: z.number().int(),
  /** Mean of the three scores, to one decimal. */
  average: z.number(),
});
export type ScoreTrendPoint = z.infer<typeof scoreTrendPointSchema>;

export const reintegrationPlanSchema = z.object({
  goals: z.object({
    economic: z.array(reintegrationGoalSchema),
    social: z.array(reintegrationGoalSchema),
    psychosocial: z.array(reintegrationGoalSchema),
  }),
  visits: z.array(followUpVisitSchema),
  /** Scores of the visits made so far, oldest first. */
  scoreTrend: z.array(scoreTrendPointSchema),
});
export type ReintegrationPlan = z.infer<typeof reintegrationPlanSchema>;

export const scheduleVisitsResponseSchema = z.object({ items: z.array(followUpVisitSchema) });
export type ScheduleVisitsResponse = z.infer<typeof scheduleVisitsResponseSchema>;
