import { z } from 'zod';
import { CASE_STATUSES, COUNTRY_CODES, EXPLOITATION_TYPES, GENDERS, RISK_LEVELS } from './enums.js';
import { pageOf, pageQuerySchema } from './common.js';

/** Pseudonymous case reference shown instead of a name, e.g. HV-7F3K-2Q9D (Crockford base32, no I L O U). */
export const CASE_REFERENCE_PATTERN = /^HV-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => COUNTRY_CODES.includes(code), { message: 'Choose a country from the list' });

const personName = z.string().trim().min(1, 'Required').max(100, 'At most 100 characters');

/**
 * The minimum a caseworker needs at intake (late-night registration):
 * a name or alias, an age (birth date or estimate), sex, nationality and risk.
 */
export const registerCaseRequestSchema = z
  .object({
    givenName: personName,
    familyName: z.string().trim().max(100, 'At most 100 characters').optional().default(''),
    dateOfBirth: z.iso.date({ message: 'Use a date as YYYY-MM-DD' }).optional(),
    estimatedAge: z.number().int('Whole years').min(0, 'Cannot be negative').max(120, 'At most 120').optional(),
    sex: z.enum(GENDERS),
    nationality: countryCode,
    riskLevel: z.enum(RISK_LEVELS).default('medium'),
    exploitationTypes: z.array(z.enum(EXPLOITATION_TYPES)).max(EXPLOITATION_TYPES.length).default([]),
    assigneeId: z.uuid().optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (!value.dateOfBirth && value.estimatedAge === undefined) {
      ctx.addIssue({ code: 'custom', path: ['estimatedAge'], message: 'Give a date of birth or an estimated age' });
    }
    if (value.dateOfBirth && value.dateOfBirth > new Date().toISOString().slice(0, 10)) {
      ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'Cannot be in the future' });
    }
  });
export type RegisterCaseRequest = z.input<typeof registerCaseRequestSchema>;
export type RegisterCaseCommand = z.output<typeof registerCaseRequestSchema>;

export const caseListQuerySchema = pageQuerySchema
  .extend({
    status: z.enum(CASE_STATUSES).optional(),
    reference: z.string().trim().toUpperCase().max(12).optional(),
  })
  .strict();
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;

/** What lists show: never a name. */
export const caseSummarySchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  status: z.enum(CASE_STATUSES),
  riskLevel: z.enum(RISK_LEVELS),
  sex: z.enum(GENDERS),
  nationality: z.string(),
  ageAtRegistration: z.number().int().nullable(),
  assignee: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  registeredAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const caseListResponseSchema = pageOf(caseSummarySchema);
export type CaseListResponse = z.infer<typeof caseListResponseSchema>;

export const caseDetailSchema = caseSummarySchema.extend({
  organisation: z.object({ id: z.uuid(), name: z.string() }),
  exploitationTypes: z.array(z.enum(EXPLOITATION_TYPES)),
  version: z.number().int(),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

export const registerCaseResponseSchema = caseDetailSchema;

export const survivorIdentitySchema = z.object({
  caseId: z.uuid(),
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: z.string().nullable(),
  estimatedAge: z.number().int().nullable(),
  sex: z.enum(GENDERS),
  nationality: z.string(),
});
export type SurvivorIdentity = z.infer<typeof survivorIdentitySchema>;
