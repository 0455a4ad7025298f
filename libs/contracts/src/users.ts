import { z } from 'zod';
import { ROLES } from './enums.js';
import { keysetPageOf, keysetQuerySchema } from './common.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-strength.js';
import { activationLinkSchema, USER_STATES } from './administration.js';
import { shortText } from './text.js';

/** The staff list's sorts, each read in an index's order (migration 1764495000000). */
export const USER_SORTS = ['displayName', 'email'] as const;
export type UserSort = (typeof USER_SORTS)[number];

/** Searches shorter than this are refused: one or two letters match most of an organisation. */
export const USER_SEARCH_MIN_CHARACTERS = 3;

export const userListQuerySchema = keysetQuerySchema(USER_SORTS, { sort: 'displayName', order: 'asc' })
  .extend({
    role: z.enum(ROLES).optional(),
    state: z.enum(USER_STATES).optional(),
    organisationId: z.uuid().optional(),
    /** Part of a name or e-mail address. */
    q: shortText(100)
      .refine(
        (text) => text.trim().length >= USER_SEARCH_MIN_CHARACTERS,
        `Type at least ${USER_SEARCH_MIN_CHARACTERS} characters of the name or e-mail address`,
      )
      .optional(),
  })
  .strict();
export type UserListQuery = z.infer<typeof userListQuerySchema>;

export const userSummarySchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  active: z.boolean(),
  /** invited: has not set a password yet; deactivated: cannot sign in. */
  state: z.enum(USER_STATES),
  team: z.string().nullable(),
  twoFactorEnrolled: z.boolean(),
  lastSignInAt: z.iso.datetime().nullable(),
  organisation: z.object({ id: z.uuid(), name: z.string() }),
});
export type UserSummary = z.infer<typeof userSummarySchema>;
/** An invitation or a password reset: the user and the one-time link, shown once. */
export const userWithLinkSchema = z.object({ user: userSummarySchema, activationLink: activationLinkSchema });
export type UserWithLink = z.infer<typeof userWithLinkSchema>;
export const userListResponseSchema = keysetPageOf(userSummarySchema);
export type UserListResponse = z.infer<typeof userListResponseSchema>;

export const changePasswordRequestSchema = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password').max(1024),
    // The shape only; the service judges the strength with `passwordProblems` (password-strength.ts).
    newPassword: z
      .string()
      .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`)
      .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters`),
  })
  .strict();
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

/** Setting a password through a one-time link: the same password rules as a change of password. */
export const activateAccountRequestSchema = z
  .object({
    token: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{43}$/, 'This link is not complete: open the whole link you were given'),
    password: changePasswordRequestSchema.shape.newPassword,
  })
  .strict();
export type ActivateAccountRequest = z.infer<typeof activateAccountRequestSchema>;
