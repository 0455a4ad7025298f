import { z } from 'zod';
import {
  NEED_AREAS,
  NEED_LEVELS,
  ORGANISATION_KINDS,
  RISK_LEVELS,
  SERVICE_OUTCOMES,
  SERVICE_TYPES,
  GENDERS,
  INBOX_AGE_BANDS,
  EXPLOITATION_TYPES,
  DOCUMENT_KINDS,
  DOCUMENT_STATES,
} from './enums.js';
import { versionSchema, countryCodeSchema } from './cases.js';
import { recordServiceRequestSchema, serviceRecordSchema } from './case-work.js';
import { keysetPageOf, keysetQuerySchema } from './common.js';
import { longText, shortText } from './text.js';
import { returnSuspensionSchema } from './returns.js';
import { sharedDocumentSchema, type DocumentLensSection } from './documents.js';

const organisationRef = z.object({ id: z.uuid(), name: z.string() });

// ── Directory ──────────────────────────────────────────────────────────────
export const directoryQuerySchema = z
  .object({
    service: z.enum(SERVICE_TYPES).optional(),
    country: countryCodeSchema.optional(),
    /** A language the organisation's staff speak (ISO 639). */
    language: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z]{2,3}$/, 'Use an ISO 639 code such as "en" or "tir"')
      .optional(),
    /** What the directory is for: organisations to refer to (default) or to transfer a whole case to. */
    purpose: z.enum(['referral', 'transfer']).optional(),
    q: shortText(100).optional(),
    acceptingOnly: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional(),
  })
  .strict();
export type DirectoryQuery = z.infer<typeof directoryQuerySchema>;

export const directoryEntrySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(ORGANISATION_KINDS),
  services: z.array(z.enum(SERVICE_TYPES)),
  country: z.string().nullable(),
  area: z.string().nullable(),
  contactPoint: z.string().nullable(),
  acceptingReferrals: z.boolean(),
  languages: z.array(z.string()),
  eligibleSexes: z.array(z.enum(GENDERS)),
  eligibleAgeMin: z.number().int().nullable(),
  eligibleAgeMax: z.number().int().nullable(),
  openingHours: z.string().nullable(),
});
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;
export const directoryResponseSchema = z.object({ items: z.array(directoryEntrySchema) });

// ── Referral ───────────────────────────────────────────────────────────────
/** The sections of a case a referral may share. The partner's view is built from these on the server. */
export const LENS_SECTIONS = [
  'basicProfile',
  'identity',
  'contact',
  'documents',
  'healthNeeds',
  'legalNeeds',
  'riskSummary',
  'traffickingProfile',
  // Files on the case, one section per category (DOCUMENT_LENS_SECTIONS).
  'identityDocumentFiles',
  'consentFormFiles',
  'medicalFiles',
  'legalFiles',
  'travelFiles',
  'certificateFiles',
  'photoFiles',
  'otherFiles',
] as const satisfies readonly string[];
export type LensSection = (typeof LENS_SECTIONS)[number];
/**
 * Sections that reveal who the survivor is: sharing or printing them needs identity access, and reading them is an
 * identity read, audited. Copies of identity documents and photos show who she is as surely as her name.
 */
export const IDENTIFYING_LENS_SECTIONS: readonly LensSection[] = [
  'identity',
  'contact',
  'documents',
  'identityDocumentFiles',
  'photoFiles',
];
/** Every file category's lens section is a lens section (the compiler checks it here). */
export type DocumentLensSectionsAreLensSections = DocumentLensSection extends LensSection ? true : never;

export const REFERRAL_STATUSES = ['sent', 'accepted', 'declined', 'completed', 'withdrawn'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const URGENCIES = ['routine', 'urgent', 'emergency'] as const;

export const lensPreviewRequestSchema = z
  .object({ lens: z.array(z.enum(LENS_SECTIONS)).min(1, 'Choose at least one section') })
  .strict();

export const sendReferralRequestSchema = z
  .object({
    toOrganisationId: z.uuid(),
    services: z.array(z.enum(SERVICE_TYPES)).min(1, 'Choose at least one service').max(SERVICE_TYPES.length),
    urgency: z.enum(URGENCIES).default('routine'),
    message: longText(2000).optional(),
    lens: z.array(z.enum(LENS_SECTIONS)).min(1, 'Choose at least one section').max(LENS_SECTIONS.length),
    /**
     * Marks a referral for return to the country of origin. It can only add: a referral requesting a
     * return service, or addressed to a return or reintegration office abroad, is a return whatever this says.
     */
    forReturn: z.boolean().default(false),
    /** A supervisor may send without recorded consent, with a written reason (audited). */
    consentOverrideReason: longText(2000).min(10, 'Explain why in at least 10 characters').optional(),
  })
  .strict();
export type SendReferralRequest = z.input<typeof sendReferralRequestSchema>;
export type SendReferralCommand = z.output<typeof sendReferralRequestSchema>;

/** What a partner sees of a case: only the sections of the lens, built on the server. */
export const lensViewSchema = z.object({
  sections: z.array(z.enum(LENS_SECTIONS)),
  basicProfile: z
    .object({
      sex: z.enum(GENDERS),
      ageAtReferral: z.number().int().nullable(),
      nationality: z.string(),
      languages: z.array(z.string()),
    })
    .optional(),
  identity: z
    .object({
      givenName: z.string(),
      familyName: z.string(),
      aliases: z.array(z.string()),
      dateOfBirth: z.string().nullable(),
    })
    .optional(),
  contact: z
    .object({ phone: z.string().optional(), email: z.string().optional(), address: z.string().optional() })
    .optional(),
  documents: z
    .array(
      z.object({ kind: z.enum(DOCUMENT_KINDS), state: z.enum(DOCUMENT_STATES), issuingCountry: z.string().optional() }),
    )
    .optional(),
  healthNeeds: z.array(z.object({ area: z.enum(NEED_AREAS), level: z.enum(NEED_LEVELS) })).optional(),
  legalNeeds: z.array(z.object({ area: z.enum(NEED_AREAS), level: z.enum(NEED_LEVELS) })).optional(),
  riskSummary: z.object({ riskLevel: z.enum(RISK_LEVELS) }).optional(),
  traffickingProfile: z
    .object({ exploitationTypes: z.array(z.enum(EXPLOITATION_TYPES)), traffickingStatus: z.string().nullable() })
    .optional(),
  identityDocumentFiles: z.array(sharedDocumentSchema).optional(),
  consentFormFiles: z.array(sharedDocumentSchema).optional(),
  medicalFiles: z.array(sharedDocumentSchema).optional(),
  legalFiles: z.array(sharedDocumentSchema).optional(),
  travelFiles: z.array(sharedDocumentSchema).optional(),
  certificateFiles: z.array(sharedDocumentSchema).optional(),
  photoFiles: z.array(sharedDocumentSchema).optional(),
  otherFiles: z.array(sharedDocumentSchema).optional(),
});
export type LensView = z.infer<typeof lensViewSchema>;

export const referralSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  from: organisationRef,
  to: organisationRef,
  services: z.array(z.enum(SERVICE_TYPES)),
  urgency: z.enum(URGENCIES),
  lens: z.array(z.enum(LENS_SECTIONS)),
  /** Whether the server treats it as a return (the safeguards apply to each of its steps). */
  forReturn: z.boolean(),
  /** Set while the return is held for a protection concern. */
  suspension: returnSuspensionSchema.nullable(),
  message: z.string().nullable(),
  consentOverridden: z.boolean(),
  overrideReason: z.string().nullable(),
  status: z.enum(REFERRAL_STATUSES),
  response: z.string().nullable(),
  outcome: z.enum(SERVICE_OUTCOMES).nullable(),
  sentAt: z.iso.datetime(),
  respondedAt: z.iso.datetime().nullable(),
  closedAt: z.iso.datetime().nullable(),
  version: z.number().int(),
});
export type Referral = z.infer<typeof referralSchema>;
export const referralListSchema = z.object({ items: z.array(referralSchema) });

/** The partner's side: never the case id or reference, only the referral and its lens. */
export const inboxItemSchema = z.object({
  id: z.uuid(),
  /** A short code for the referral (from its id, never the case reference), to tell lines apart and speak of one. */
  code: z.string(),
  from: organisationRef,
  services: z.array(z.enum(SERVICE_TYPES)),
  urgency: z.enum(URGENCIES),
  status: z.enum(REFERRAL_STATUSES),
  sentAt: z.iso.datetime(),
  /** While the referral is open and its lens shares the basic profile: her sex and age band, so that lines can be told apart. */
  sex: z.enum(GENDERS).nullable(),
  ageBand: z.enum(INBOX_AGE_BANDS).nullable(),
  version: z.number().int(),
});
/** The states a partner's inbox shows: declined and withdrawn referrals are gone from its view. */
export const INBOX_STATUSES = ['sent', 'accepted', 'completed'] as const satisfies readonly ReferralStatus[];
export type InboxStatus = (typeof INBOX_STATUSES)[number];

/** The inbox's sorts: when the referral was sent (newest first by default). */
export const INBOX_SORTS = ['sentAt'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];
/** One page of the inbox, optionally in one state. */
export const inboxQuerySchema = keysetQuerySchema(INBOX_SORTS, { sort: 'sentAt', order: 'desc' })
  .extend({ status: z.enum(REFERRAL_STATUSES).optional() })
  .strict();
export type InboxQuery = z.infer<typeof inboxQuerySchema>;
export const inboxResponseSchema = keysetPageOf(inboxItemSchema).extend({
  /**
   * The whole inbox counted by state, whatever the page and the state asked for (the screen's
   * filter shows them), each count stopping at LIST_COUNT_LIMIT.
   */
  counts: z.object({ sent: z.number().int(), accepted: z.number().int(), completed: z.number().int() }),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;
export type InboxResponse = z.infer<typeof inboxResponseSchema>;

export const partnerReferralSchema = inboxItemSchema.extend({
  /** Whether it is a return (the safeguards apply to accepting, recording a return service and completing it). */
  forReturn: z.boolean(),
  /** Set while the sending organisation holds the return for a protection review. */
  suspension: returnSuspensionSchema.nullable(),
  message: z.string().nullable(),
  lens: z.array(z.enum(LENS_SECTIONS)),
  /** Present while the referral is open; a completed referral keeps only what the partner recorded. */
  view: lensViewSchema.nullable(),
  servicesGiven: z.array(serviceRecordSchema),
  outcome: z.enum(SERVICE_OUTCOMES).nullable(),
});
export type PartnerReferral = z.infer<typeof partnerReferralSchema>;

export const respondReferralRequestSchema = z.object({ version: versionSchema }).strict();
export const declineReferralRequestSchema = z
  .object({ version: versionSchema, reason: longText(2000).min(1, 'Say why') })
  .strict();
export const completeReferralRequestSchema = z
  .object({ version: versionSchema, outcome: z.enum(SERVICE_OUTCOMES) })
  .strict();
export const withdrawReferralRequestSchema = z.object({ version: versionSchema }).strict();
export const partnerServiceRequestSchema = recordServiceRequestSchema.omit({ providerOrganisationId: true });
export type PartnerServiceRequest = z.infer<typeof partnerServiceRequestSchema>;

// ── Notifications ──────────────────────────────────────────────────────────
export const NOTIFICATION_KINDS = [
  'referral.received',
  'referral.accepted',
  'referral.declined',
  'referral.completed',
  'referral.withdrawn',
  'transfer.proposed',
  'transfer.accepted',
  'transfer.rejected',
  'case.identity.viewed',
  'return.suspended',
  'return.resumed',
  'case.erasure.requested',
  'case.erasure.confirmed',
  'case.duplicate.suspected',
] as const;
export const notificationSchema = z.object({
  id: z.uuid(),
  kind: z.enum(NOTIFICATION_KINDS),
  subjectType: z.enum(['Referral', 'Case', 'Transfer']),
  subjectId: z.uuid(),
  createdAt: z.iso.datetime(),
  read: z.boolean(),
  /** The case's pseudonymous reference, when the notification is about a case. */
  caseReference: z.string().nullable().optional(),
  /** The member of staff whose action raised it (e.g. who viewed an identity), when there is one. */
  actorName: z.string().nullable().optional(),
});
export type Notification = z.infer<typeof notificationSchema>;
/** The notifications' sort: when each was raised (newest first by default). */
export const NOTIFICATION_SORTS = ['createdAt'] as const;
export type NotificationSort = (typeof NOTIFICATION_SORTS)[number];
export const notificationListQuerySchema = keysetQuerySchema(NOTIFICATION_SORTS, {
  sort: 'createdAt',
  order: 'desc',
}).strict();
export type NotificationListQuery = z.infer<typeof notificationListQuerySchema>;
/** One page of the caller's notifications, with how many of all of them are unread (the bell's count). */
export const notificationListSchema = keysetPageOf(notificationSchema).extend({ unread: z.number().int() });
export type NotificationList = z.infer<typeof notificationListSchema>;

// ── Transfers and the protection review ────────────────────────────────────
export const TRANSFER_STATUSES = ['proposed', 'accepted', 'rejected', 'cancelled'] as const;
export const proposeTransferRequestSchema = z
  .object({
    toOrganisationId: z.uuid(),
    /** Marks a transfer for return; a transfer to a return or reintegration office abroad is one whatever this says. */
    forReturn: z.boolean().default(false),
    reason: longText(2000).optional(),
    consentOverrideReason: longText(2000).min(10, 'Explain why in at least 10 characters').optional(),
  })
  .strict();
export type ProposeTransferRequest = z.input<typeof proposeTransferRequestSchema>;
export type ProposeTransferCommand = z.output<typeof proposeTransferRequestSchema>;
export const transferSchema = z.object({
  id: z.uuid(),
  from: organisationRef,
  to: organisationRef,
  forReturn: z.boolean(),
  /** Set while the return is held for a protection concern. */
  suspension: returnSuspensionSchema.nullable(),
  status: z.enum(TRANSFER_STATUSES),
  proposedAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
  /** Visible to the sender only: the sender's case. */
  caseId: z.uuid().nullable(),
  /** Visible to the receiver after acceptance: their new case. */
  receivedCaseId: z.uuid().nullable(),
  version: z.number().int(),
});
export type Transfer = z.infer<typeof transferSchema>;
export const transferListSchema = z.object({ items: z.array(transferSchema) });
/** The sorts of the transfers proposed to an organisation: when each was proposed (newest first by default). */
export const INCOMING_TRANSFER_SORTS = ['proposedAt'] as const;
export type IncomingTransferSort = (typeof INCOMING_TRANSFER_SORTS)[number];
export const incomingTransferQuerySchema = keysetQuerySchema(INCOMING_TRANSFER_SORTS, {
  sort: 'proposedAt',
  order: 'desc',
}).strict();
export type IncomingTransferQuery = z.infer<typeof incomingTransferQuerySchema>;
export const incomingTransferListSchema = keysetPageOf(transferSchema);
export type IncomingTransferList = z.infer<typeof incomingTransferListSchema>;
export const decideTransferRequestSchema = z
  .object({ version: versionSchema, decision: z.enum(['accept', 'reject']), comment: longText(2000).optional() })
  .strict();

export const PROTECTION_REVIEW_DECISIONS = ['returnMayProceed', 'returnBlocked'] as const;
export const protectionReviewRequestSchema = z
  .object({
    decision: z.enum(PROTECTION_REVIEW_DECISIONS),
    reason: longText(4000).min(10, 'Explain the decision in at least 10 characters'),
  })
  .strict();
export type ProtectionReviewRequest = z.infer<typeof protectionReviewRequestSchema>;
export const protectionReviewSchema = z.object({
  id: z.uuid(),
  decision: z.enum(PROTECTION_REVIEW_DECISIONS),
  reason: z.string(),
  decidedBy: z.object({ id: z.uuid(), displayName: z.string() }),
  decidedAt: z.iso.datetime(),
});
export const protectionReviewListSchema = z.object({ items: z.array(protectionReviewSchema) });
