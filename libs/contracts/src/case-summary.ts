import { z } from 'zod';
import { LENS_SECTIONS, lensViewSchema } from './referrals.js';

/**
 * A printable case summary: the sections the reader chose, built as a referral's lens is built (each feature fills
 * its own sections), so a summary can never hold more than the same sections would share. A partner's summary is
 * bounded by its referral's lens.
 */
export const printableSummaryRequestSchema = z
  .object({
    sections: z
      .array(z.enum(LENS_SECTIONS))
      .min(1, 'Choose at least one section')
      .max(LENS_SECTIONS.length)
      .refine((sections) => new Set(sections).size === sections.length, 'Each section only once'),
  })
  .strict();
export type PrintableSummaryRequest = z.infer<typeof printableSummaryRequestSchema>;

export const printableSummarySchema = z.object({
  /** The case's reference for its own organisation; null on a partner's summary (partners never see it). */
  reference: z.string().nullable(),
  /** When the summary was produced, as recorded in the audit log. */
  producedAt: z.iso.datetime(),
  view: lensViewSchema,
});
export type PrintableSummary = z.infer<typeof printableSummarySchema>;
