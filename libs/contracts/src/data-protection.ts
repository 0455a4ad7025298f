import { z } from 'zod';
import { PASSWORD_MIN_LENGTH } from './password-strength.js';
import { identifierText } from './text.js';

/**
 * Retention, erasure and access requests (docs/architecture.md, rules 6 and 10).
 * Everything recorded about an erasure is coded: free text about a survivor's request
 * would be the one place her name could survive her erasure.
 */

// ── Retention ──────────────────────────────────────────────────────────────
/** Below six months a closed case could be anonymised while follow-up, complaints or audits still need it. */
export const RETENTION_MIN_MONTHS = 6;
/** A hundred years: anything longer is "keep", which is null. */
export const RETENTION_MAX_MONTHS = 1200;

export const retentionMonthsSchema = z
  .number()
  .int('Whole months')
  .min(RETENTION_MIN_MONTHS, `At least ${RETENTION_MIN_MONTHS} months`)
  .max(RETENTION_MAX_MONTHS, `At most ${RETENTION_MAX_MONTHS} months`)
  .nullable();

export const ANONYMISATION_KINDS = ['retention', 'erasure'] as const;
export type AnonymisationKind = (typeof ANONYMISATION_KINDS)[number];

export const anonymisationSchema = z.object({ at: z.iso.datetime(), kind: z.enum(ANONYMISATION_KINDS) });
export type Anonymisation = z.infer<typeof anonymisationSchema>;

export const organisationRetentionSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.string(),
  retentionMonths: z.number().int().nullable(),
});
export type OrganisationRetention = z.infer<typeof organisationRetentionSchema>;
export const organisationRetentionListSchema = z.object({
  items: z.array(organisationRetentionSchema),
  /** The shortest period an organisation may be given (the server's RETENTION_MINIMUM_MONTHS). */
  minimumMonths: z.number().int(),
});

export const updateRetentionRequestSchema = z.object({ retentionMonths: retentionMonthsSchema }).strict();
export type UpdateRetentionRequest = z.infer<typeof updateRetentionRequestSchema>;

export const RETENTION_TRIGGERS = ['schedule', 'command'] as const;
export const retentionRunSchema = z.object({
  id: z.uuid(),
  trigger: z.enum(RETENTION_TRIGGERS),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  anonymised: z.number().int(),
  failed: z.number().int(),
  organisations: z.array(
    z.object({ organisationId: z.uuid(), anonymised: z.number().int(), failed: z.number().int() }),
  ),
});
export type RetentionRun = z.infer<typeof retentionRunSchema>;
export const retentionRunListSchema = z.object({ items: z.array(retentionRunSchema) });

// ── Erasure ────────────────────────────────────────────────────────────────
export const ERASURE_REASONS = ['survivorRequest', 'consentWithdrawn', 'legalObligation', 'recordedInError'] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];
export const ERASURE_CHANNELS = ['inPerson', 'inWriting', 'representative'] as const;
export type ErasureChannel = (typeof ERASURE_CHANNELS)[number];

export const erasureRequestSchema = z
  .object({
    reason: z.enum(ERASURE_REASONS),
    channel: z.enum(ERASURE_CHANNELS),
    /** The case reference typed again: erasure cannot be undone. */
    confirmReference: identifierText(20).toUpperCase().min(1, 'Type the case reference'),
  })
  .strict();
export type ErasureRequest = z.infer<typeof erasureRequestSchema>;

export const dataProtectionStatusSchema = z.object({
  caseId: z.uuid(),
  reference: z.string(),
  anonymisation: anonymisationSchema.nullable(),
  /** The tombstone of an erasure: codes, who and when. */
  erasure: z
    .object({
      reason: z.enum(ERASURE_REASONS),
      channel: z.enum(ERASURE_CHANNELS),
      recordedAt: z.iso.datetime(),
      recordedBy: z.object({ id: z.uuid(), displayName: z.string() }),
    })
    .nullable(),
  /**
   * Other copies of the same survivor's case along transfers. Those of the caller's own
   * organisation are erased with it; each other organisation holding one is sent an erasure
   * request that one of its supervisors confirms.
   */
  linkedCases: z.number().int(),
  /** Erasures recorded by other organisations that held a copy of this case, waiting for a supervisor here to confirm them. */
  pendingErasureRequests: z.array(
    z.object({
      id: z.uuid(),
      reason: z.enum(ERASURE_REASONS),
      channel: z.enum(ERASURE_CHANNELS),
      requestedAt: z.iso.datetime(),
      requestingOrganisation: z.object({ id: z.uuid(), name: z.string() }),
    }),
  ),
  /** The requests this case's erasure sent to other organisations' copies: how many wait and how many were confirmed (no names, no ids). */
  sentErasureRequests: z.object({ pending: z.number().int(), confirmed: z.number().int() }),
});
export type DataProtectionStatus = z.infer<typeof dataProtectionStatusSchema>;

/** Confirming another organisation's erasure request for this copy: the case reference typed again, as for an erasure. */
export const confirmErasureRequestSchema = z
  .object({ confirmReference: identifierText(20).toUpperCase().min(1, 'Type the case reference') })
  .strict();
export type ConfirmErasureRequest = z.infer<typeof confirmErasureRequestSchema>;

// ── Access request export ──────────────────────────────────────────────────
export const EXPORT_PASSWORD_MIN_LENGTH = PASSWORD_MIN_LENGTH;
export const EXPORT_PASSWORD_MAX_LENGTH = 128;

/**
 * The archive password's shape: never stored or logged; handed to the survivor separately. Its
 * strength is judged by `passwordProblems` (password-strength.ts) like an account password, with no
 * composition rules; spaces at either end are refused because they are lost when it is read out or copied.
 */
export const exportPasswordSchema = z
  .string()
  .min(EXPORT_PASSWORD_MIN_LENGTH, `At least ${EXPORT_PASSWORD_MIN_LENGTH} characters`)
  .max(EXPORT_PASSWORD_MAX_LENGTH, `At most ${EXPORT_PASSWORD_MAX_LENGTH} characters`)
  .refine((value) => value.trim() === value, 'No spaces at the start or end');

export const accessExportRequestSchema = z.object({ password: exportPasswordSchema }).strict();
export type AccessExportRequest = z.infer<typeof accessExportRequestSchema>;
