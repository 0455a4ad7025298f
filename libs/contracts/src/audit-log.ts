import { z } from 'zod';
import { calendarDate } from './text.js';
import { keysetPageOf, keysetQuerySchema } from './common.js';
import { ROLES } from './enums.js';

// ── The audit log, read by people ──────────────────────────────────────────
// Audit rows hold ids and codes; staff names are looked up when the log is read.
// Survivors are never named: a case appears only through the page it is read on.

/** How a case's access log groups its events. */
export const CASE_ACCESS_KINDS = ['identity', 'changes', 'sharing', 'oversight'] as const;
export type CaseAccessKind = (typeof CASE_ACCESS_KINDS)[number];

/** How the administrators' audit view groups its events. */
export const SYSTEM_EVENT_KINDS = ['sign-in', 'system'] as const;
export type SystemEventKind = (typeof SYSTEM_EVENT_KINDS)[number];

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;

/** The label of an action for the web app: the action code with dots as dashes (`auth.login.failed` → `auth-login-failed`). */
export function auditLabelKey(action: string): string {
  return action.replaceAll('.', '-');
}

/** A member of staff as the log shows them: name, role and organisation (never a survivor). */
export const auditActorSchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  role: z.enum(ROLES),
  organisationName: z.string(),
});
export type AuditActor = z.infer<typeof auditActorSchema>;

const auditEntryBase = {
  id: z.string(),
  occurredAt: z.iso.datetime(),
  /** Null when the event has no known actor (e.g. a failed sign-in with an unknown e-mail). */
  actor: auditActorSchema.nullable(),
  action: z.string(),
  labelKey: z.string(),
  outcome: z.enum(AUDIT_OUTCOMES),
  /** The client address recorded with the event. */
  address: z.string().nullable(),
  /** A coded reason when the event records one (e.g. why the reader had access). */
  reason: z.string().nullable(),
};

/**
 * Logs are read in the order their events were recorded (by event id, which the audit chain
 * numbers in order): newest first by default. Reading a log adds to it, but a cursor page
 * starts after a row, so events recorded meanwhile never shift the pages that follow.
 */
export const AUDIT_LOG_SORTS = ['occurredAt'] as const;
const auditLogQuery = () => keysetQuerySchema(AUDIT_LOG_SORTS, { sort: 'occurredAt', order: 'desc' });

// ── A case's access log (supervisors of the case's organisation) ───────────
export const caseAccessLogQuerySchema = auditLogQuery()
  .extend({ kind: z.enum(CASE_ACCESS_KINDS).optional() })
  .strict();
export type CaseAccessLogQuery = z.infer<typeof caseAccessLogQuerySchema>;

export const caseAccessLogEntrySchema = z.object({ ...auditEntryBase, kind: z.enum(CASE_ACCESS_KINDS) });
export type CaseAccessLogEntry = z.infer<typeof caseAccessLogEntrySchema>;
export const caseAccessLogResponseSchema = keysetPageOf(caseAccessLogEntrySchema);
export type CaseAccessLogResponse = z.infer<typeof caseAccessLogResponseSchema>;

// ── Sign-in events and system changes (administrators) ─────────────────────
export const systemEventQuerySchema = auditLogQuery()
  .extend({
    kind: z.enum(SYSTEM_EVENT_KINDS).optional(),
    /** First day included (UTC). */
    from: calendarDate().optional(),
    /** Last day included (UTC). */
    to: calendarDate().optional(),
    /** Events done by, or about, this user. */
    userId: z.uuid().optional(),
  })
  .strict()
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    path: ['to'],
    message: 'The end date must not be before the start date',
  });
export type SystemEventQuery = z.infer<typeof systemEventQuerySchema>;

/** What a system event is about: a user, an organisation, a shelter… never a case. */
export const systemEventSubjectSchema = z.object({ type: z.string(), id: z.string() });

export const systemEventSchema = z.object({
  ...auditEntryBase,
  kind: z.enum(SYSTEM_EVENT_KINDS),
  subject: systemEventSubjectSchema.nullable(),
});
export type SystemEvent = z.infer<typeof systemEventSchema>;
export const systemEventResponseSchema = keysetPageOf(systemEventSchema);
export type SystemEventResponse = z.infer<typeof systemEventResponseSchema>;
