import { z } from 'zod';
import { ROLES } from './enums.js';
import { pageOf, pageQuerySchema } from './common.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-strength.js';

export const userListQuerySchema = pageQuerySchema.extend({ role: z.enum(ROLES).optional() }).strict();
export type UserListQuery = z.infer<typeof userListQuerySchema>;

export const userSummarySchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  active: z.boolean(),
  twoFactorEnrolled: z.boolean(),
  organisation: z.object({ id: z.uuid(), name: z.string() }),
});
export type UserSummary = z.infer<typeof userSummarySchema>;
export const userListResponseSchema = pageOf(userSummarySchema);
export type UserListResponse = z.infer<typeof userListResponseSchema>;

export const changePasswordRequestSchema = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password').max(1024),
    // The shape only; the service judges the strength with `passwordProblems` (password-strength.ts).
    newPassword: z.string().min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`).max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters`),
  })
  .strict();
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;
