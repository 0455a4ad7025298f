import { z } from 'zod';
import {
  ASSESSMENT_TYPES,
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  GOAL_STATUSES,
  LANGUAGE_CODES,
  NEED_AREAS,
  NEED_LEVELS,
  PLAN_STATUSES,
  PROTECTION_OUTCOMES,
  RECIPIENT_CONSENT_PURPOSES,
  RISK_LEVELS,
  SERVICE_OUTCOMES,
  SERVICE_TYPES,
  SUPPORT_PLAN_TYPES,
  TASK_STATUSES,
} from './enums.js';
import { versionSchema } from './cases.js';
import { legalDeadlineSchema } from './legal-status.js';
import { CHILD_ASSENTS, childAssentSchema } from './children.js';
import { keysetPageOf, keysetQuerySchema } from './common.js';
import { calendarDate, longText, nameText, pastDate, shortText } from './text.js';

const person = z.object({ id: z.uuid(), displayName: z.string() });

// ── Consent ────────────────────────────────────────────────────────────────
export const recordConsentRequestSchema = z
  .object({
    purpose: z.enum(CONSENT_PURPOSES),
    /** The named recipient, required for a referral or transfer consent. */
    recipientOrganisationId: z.uuid().optional(),
    givenOn: pastDate(),
    method: z.enum(CONSENT_METHODS),
    interpreterUsed: z.boolean().default(false),
    /** The language interpreted, from the list (only with an interpreter). */
    interpreterLanguage: z.enum(LANGUAGE_CODES, { message: 'Choose a language from the list' }).optional(),
    /** The interpreter's name, optional; sealed under the case key at rest. */
    interpreterName: nameText(100).min(1, 'Required').optional(),
    /**
     * For a child case, required: the child's assent beside the guardian's consent (the consent
     * itself is the guardian's). A refused assent keeps the consent from allowing any sharing.
     */
    childAssent: childAssentSchema.optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (!value.interpreterUsed) {
      for (const field of ['interpreterLanguage', 'interpreterName'] as const)
        if (value[field] !== undefined)
          ctx.addIssue({ code: 'custom', path: [field], message: 'Only when an interpreter was used' });
    }
    const named = RECIPIENT_CONSENT_PURPOSES.includes(value.purpose);
    if (named && !value.recipientOrganisationId) {
      ctx.addIssue({
        code: 'custom',
        path: ['recipientOrganisationId'],
        message:
          value.purpose === 'transfer'
            ? 'Name the organisation the survivor agreed her case be handed to'
            : 'Name the organisation the survivor agreed to be referred to',
      });
    }
    if (!named && value.recipientOrganisationId) {
      ctx.addIssue({
        code: 'custom',
        path: ['recipientOrganisationId'],
        message: 'Only a referral or transfer consent names a recipient',
      });
    }
  });
export type RecordConsentRequest = z.input<typeof recordConsentRequestSchema>;

export const withdrawConsentRequestSchema = z.object({ withdrawnOn: pastDate() }).strict();
export type WithdrawConsentRequest = z.infer<typeof withdrawConsentRequestSchema>;

export const consentSchema = z.object({
  id: z.uuid(),
  purpose: z.enum(CONSENT_PURPOSES),
  recipientOrganisation: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  givenOn: z.string(),
  method: z.enum(CONSENT_METHODS),
  interpreterUsed: z.boolean(),
  interpreterLanguage: z.enum(LANGUAGE_CODES).nullable(),
  /** Opened from its sealed copy for those who may read the case. */
  interpreterName: z.string().nullable(),
  /** For a child case: the child's assent beside the guardian's consent. */
  childAssent: z.object({ assent: z.enum(CHILD_ASSENTS), explainedForAge: z.boolean() }).nullable(),
  recordedBy: person,
  recordedAt: z.iso.datetime(),
  withdrawnOn: z.string().nullable(),
  withdrawnBy: person.nullable(),
});
export type Consent = z.infer<typeof consentSchema>;
export const consentListSchema = z.object({ items: z.array(consentSchema) });

// ── Assessments ────────────────────────────────────────────────────────────
const assessmentNotes = longText(4000).optional();

export const recordAssessmentRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('risk'), riskLevel: z.enum(RISK_LEVELS), notes: assessmentNotes }).strict(),
  z
    .object({
      type: z.literal('needs'),
      needs: z
        .array(z.object({ area: z.enum(NEED_AREAS), level: z.enum(NEED_LEVELS) }).strict())
        .min(1, 'Rate at least one area')
        .refine((needs) => new Set(needs.map((need) => need.area)).size === needs.length, 'Each area once'),
      notes: assessmentNotes,
    })
    .strict(),
  z
    .object({
      type: z.literal('protection'),
      fearOfReturn: z.boolean(),
      asylumIntention: z.boolean(),
      outcome: z.enum(PROTECTION_OUTCOMES),
      notes: assessmentNotes,
    })
    .strict(),
]);
export type RecordAssessmentRequest = z.infer<typeof recordAssessmentRequestSchema>;

export const assessmentSchema = z.object({
  id: z.uuid(),
  type: z.enum(ASSESSMENT_TYPES),
  assessedAt: z.iso.datetime(),
  assessedBy: person,
  riskLevel: z.enum(RISK_LEVELS).optional(),
  needs: z.array(z.object({ area: z.enum(NEED_AREAS), level: z.enum(NEED_LEVELS) })).optional(),
  fearOfReturn: z.boolean().optional(),
  asylumIntention: z.boolean().optional(),
  outcome: z.enum(PROTECTION_OUTCOMES).optional(),
  notes: z.string().nullable(),
});
export type Assessment = z.infer<typeof assessmentSchema>;
export const assessmentListSchema = z.object({ items: z.array(assessmentSchema) });

// ── Support plan ───────────────────────────────────────────────────────────
export const goalFieldsSchema = z
  .object({
    type: z.enum(SUPPORT_PLAN_TYPES),
    objective: longText(1000).min(1, 'Required'),
    actions: longText(4000).default(''),
    plannedEndOn: calendarDate().optional(),
    actualEndOn: calendarDate().optional(),
    status: z.enum(GOAL_STATUSES).default('planned'),
  })
  .strict();
export const addGoalRequestSchema = goalFieldsSchema;
export type AddGoalRequest = z.input<typeof addGoalRequestSchema>;
export type AddGoalCommand = z.output<typeof addGoalRequestSchema>;
export const updateGoalRequestSchema = goalFieldsSchema.partial().extend({ version: versionSchema }).strict();
export type UpdateGoalRequest = z.infer<typeof updateGoalRequestSchema>;

export const goalSchema = z.object({
  id: z.uuid(),
  type: z.enum(SUPPORT_PLAN_TYPES),
  objective: z.string(),
  actions: z.string(),
  plannedEndOn: z.string().nullable(),
  actualEndOn: z.string().nullable(),
  status: z.enum(GOAL_STATUSES),
  version: z.number().int(),
});
export type Goal = z.infer<typeof goalSchema>;

export const supportPlanSchema = z.object({
  status: z.enum(PLAN_STATUSES),
  goals: z.array(goalSchema),
  submittedAt: z.iso.datetime().nullable(),
  submittedBy: person.nullable(),
  decidedAt: z.iso.datetime().nullable(),
  decidedBy: person.nullable(),
  decisionComment: z.string().nullable(),
  version: z.number().int(),
});
export type SupportPlan = z.infer<typeof supportPlanSchema>;

export const submitPlanRequestSchema = z.object({ version: versionSchema }).strict();

// ── Services given ─────────────────────────────────────────────────────────
export const recordServiceRequestSchema = z
  .object({
    type: z.enum(SERVICE_TYPES),
    deliveredOn: pastDate(),
    providerOrganisationId: z.uuid().optional(),
    outcome: z.enum(SERVICE_OUTCOMES),
    notes: longText(4000).optional(),
  })
  .strict();
export type RecordServiceRequest = z.infer<typeof recordServiceRequestSchema>;

export const serviceRecordSchema = z.object({
  id: z.uuid(),
  type: z.enum(SERVICE_TYPES),
  deliveredOn: z.string(),
  providerOrganisation: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  outcome: z.enum(SERVICE_OUTCOMES),
  notes: z.string().nullable(),
  recordedBy: person,
  recordedAt: z.iso.datetime(),
});
export type ServiceRecord = z.infer<typeof serviceRecordSchema>;
export const serviceRecordListSchema = z.object({ items: z.array(serviceRecordSchema) });

// ── Notes ──────────────────────────────────────────────────────────────────
export const addNoteRequestSchema = z.object({ body: longText(10_000).min(1, 'Write something') }).strict();
export type AddNoteRequest = z.infer<typeof addNoteRequestSchema>;
export const editNoteRequestSchema = addNoteRequestSchema.extend({ version: versionSchema }).strict();
export type EditNoteRequest = z.infer<typeof editNoteRequestSchema>;

export const noteSchema = z.object({
  id: z.uuid(),
  body: z.string(),
  author: person,
  createdAt: z.iso.datetime(),
  editedAt: z.iso.datetime().nullable(),
  /** Until when the author may still edit it. */
  editableUntil: z.iso.datetime(),
  version: z.number().int(),
});
export type Note = z.infer<typeof noteSchema>;
export const NOTE_SORTS = ['createdAt'] as const;
export type NoteSort = (typeof NOTE_SORTS)[number];
export const noteListQuerySchema = keysetQuerySchema(NOTE_SORTS, { sort: 'createdAt', order: 'desc' }).strict();
export type NoteListQuery = z.infer<typeof noteListQuerySchema>;
export const noteListSchema = keysetPageOf(noteSchema);
export type NoteList = z.infer<typeof noteListSchema>;

// ── Tasks ──────────────────────────────────────────────────────────────────
export const addTaskRequestSchema = z
  .object({
    title: shortText(300).min(1, 'Required'),
    dueOn: calendarDate(),
    assigneeId: z.uuid().optional(),
  })
  .strict();
export type AddTaskRequest = z.infer<typeof addTaskRequestSchema>;
export const updateTaskRequestSchema = z
  .object({
    version: versionSchema,
    title: shortText(300).min(1, 'Required').optional(),
    dueOn: calendarDate().optional(),
    assigneeId: z.uuid().optional(),
    status: z.enum(TASK_STATUSES).optional(),
  })
  .strict();
export type UpdateTaskRequest = z.infer<typeof updateTaskRequestSchema>;

export const taskSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  caseReference: z.string(),
  title: z.string(),
  dueOn: z.string(),
  overdue: z.boolean(),
  /**
   * Almost overdue: open and due today. Due dates are days (UTC), and a task becomes overdue when its day
   * ends, so this is a task that turns overdue within the next 24 hours.
   */
  almostOverdue: z.boolean(),
  status: z.enum(TASK_STATUSES),
  assignee: person,
  createdAt: z.iso.datetime(),
  /** On "my work": the survivor's alias or given name under the case list's rule (`shownName`); null on the case page and otherwise. */
  caseName: z.string().nullable(),
  version: z.number().int(),
});
export type Task = z.infer<typeof taskSchema>;
export const taskListSchema = z.object({ items: z.array(taskSchema) });

// ── My work ────────────────────────────────────────────────────────────────
/** The answers partners give to a referral, as my work and the bell announce them to its sender. */
export const REFERRAL_ANSWER_KINDS = ['referral.accepted', 'referral.declined', 'referral.completed'] as const;

export const myWorkSchema = z.object({
  cases: z.object({ active: z.number().int(), highRisk: z.number().int() }),
  overdueTasks: z.array(taskSchema),
  tasksDueThisWeek: z.array(taskSchema),
  /**
   * Answers partners gave to the caller's referrals since she last looked (`seenUpTo`, null before the first
   * time): one line per answer, as the bell announces each one, newest first.
   */
  referralAnswers: z.object({
    seenUpTo: z.iso.datetime().nullable(),
    items: z.array(
      z.object({
        id: z.uuid(),
        kind: z.enum(REFERRAL_ANSWER_KINDS),
        caseId: z.uuid(),
        caseReference: z.string(),
        /** The survivor's alias or given name under the case list's rule (`shownName`), else null. */
        caseName: z.string().nullable(),
        answeredAt: z.iso.datetime(),
      }),
    ),
  }),
  /** Reintegration follow-up visits not yet made on the open cases assigned to the caller, due by seven days from today (late ones too). */
  followUpsDue: z.array(
    z.object({
      id: z.uuid(),
      caseId: z.uuid(),
      caseReference: z.string(),
      /** The survivor's alias or given name under the case list's rule (`shownName`), else null. */
      caseName: z.string().nullable(),
      monthsAfter: z.number().int(),
      dueOn: z.string(),
      overdue: z.boolean(),
      /** Due today: overdue within 24 hours, as for tasks. */
      almostOverdue: z.boolean(),
    }),
  ),
  /** For supervisors: plans, closures and other organisations' erasure requests waiting for their decision. */
  approvals: z.array(
    z.object({
      kind: z.enum(['plan', 'closure', 'erasure']),
      caseId: z.uuid(),
      caseReference: z.string(),
      /** The survivor's alias or given name under the case list's rule (`shownName`), else null. */
      caseName: z.string().nullable(),
      requestedAt: z.iso.datetime(),
      requestedBy: person,
    }),
  ),
  /**
   * Reflection periods ending and residence permits expiring on the open cases assigned to the caller, from
   * LEGAL_DEADLINE_NOTICE_DAYS ahead (a period's end until a permit is applied for; an expiry until a new date is recorded).
   */
  legalDeadlines: z.array(legalDeadlineSchema),
  /** For those who decide transfers (supervisors): transfers proposed to their organisation, waiting; null for others. */
  transfersToDecide: z.number().int().nullable(),
});
export type MyWork = z.infer<typeof myWorkSchema>;

/** "I have looked": the referral answers up to this time (the newest one the screen showed) leave my work and the bell. */
export const referralAnswersSeenRequestSchema = z.object({ upTo: z.iso.datetime() }).strict();
export type ReferralAnswersSeenRequest = z.infer<typeof referralAnswersSeenRequestSchema>;
