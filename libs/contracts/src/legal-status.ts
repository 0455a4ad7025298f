import { z } from 'zod';
import { MIGRATION_STATUSES, PERMIT_DECISIONS } from './enums.js';
import { calendarDate } from './text.js';
import { versionSchema } from './cases.js';

/** "My work" announces the end of a reflection period and a permit's expiry this many days ahead (a default for every organisation). */
export const LEGAL_DEADLINE_NOTICE_DAYS = 30;

const legalStatusFields = {
  migrationStatus: z.enum(MIGRATION_STATUSES).nullable(),
  /** The recovery and reflection period (EU Directive 2004/81/EC, art. 6, and national equivalents). */
  reflectionStartsOn: calendarDate().nullable(),
  reflectionEndsOn: calendarDate().nullable(),
  /** The residence permit for victims: applied for, decided, and until when it runs. */
  permitAppliedOn: calendarDate().nullable(),
  permitDecision: z.enum(PERMIT_DECISIONS).nullable(),
  permitExpiresOn: calendarDate().nullable(),
};
/** The fields of a case's legal status, in the order the form shows them (the history names them so). */
export const LEGAL_STATUS_FIELDS = Object.keys(legalStatusFields) as (keyof typeof legalStatusFields)[];
export type LegalStatusField = keyof typeof legalStatusFields;

/**
 * The whole legal status as it should now read (each field null when not known), with the version it was
 * based on: 0 before anything was recorded. A period ends after it starts; a decision follows an application;
 * only a granted permit expires.
 */
export const updateLegalStatusRequestSchema = z
  .object({ ...legalStatusFields, version: versionSchema.or(z.literal(0)) })
  .strict()
  .superRefine((value, ctx) => {
    if (value.reflectionEndsOn && !value.reflectionStartsOn)
      ctx.addIssue({ code: 'custom', path: ['reflectionStartsOn'], message: 'Give the start of the period' });
    if (value.reflectionStartsOn && value.reflectionEndsOn && value.reflectionEndsOn < value.reflectionStartsOn)
      ctx.addIssue({ code: 'custom', path: ['reflectionEndsOn'], message: 'Cannot end before it starts' });
    if (value.permitDecision && !value.permitAppliedOn)
      ctx.addIssue({ code: 'custom', path: ['permitAppliedOn'], message: 'Give the date of the application' });
    if (value.permitExpiresOn && value.permitDecision !== 'granted')
      ctx.addIssue({ code: 'custom', path: ['permitExpiresOn'], message: 'Only a granted permit expires' });
    if (value.permitExpiresOn && value.permitAppliedOn && value.permitExpiresOn < value.permitAppliedOn)
      ctx.addIssue({ code: 'custom', path: ['permitExpiresOn'], message: 'Cannot expire before it was applied for' });
  });
export type UpdateLegalStatusRequest = z.infer<typeof updateLegalStatusRequestSchema>;

export const legalStatusSchema = z.object({
  ...legalStatusFields,
  /** 0 while nothing was recorded. */
  version: z.number().int(),
  updatedAt: z.iso.datetime().nullable(),
  /** The case's trafficking status makes her a presumed (or identified) victim: the protections here apply. */
  protectionsApply: z.boolean(),
});
export type LegalStatus = z.infer<typeof legalStatusSchema>;

/** What "my work" announces: a reflection period ending, or a permit expiring, within the notice. */
export const LEGAL_DEADLINE_KINDS = ['reflectionPeriodEnds', 'permitExpires'] as const;
export type LegalDeadlineKind = (typeof LEGAL_DEADLINE_KINDS)[number];

export const legalDeadlineSchema = z.object({
  caseId: z.uuid(),
  caseReference: z.string(),
  kind: z.enum(LEGAL_DEADLINE_KINDS),
  dueOn: z.string(),
  /** The date has passed. */
  overdue: z.boolean(),
});
export type LegalDeadline = z.infer<typeof legalDeadlineSchema>;
