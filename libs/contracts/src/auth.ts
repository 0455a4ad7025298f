import { z } from 'zod';
import { ORGANISATION_KINDS, ROLES, type Role } from './enums.js';

/** Roles that see case data must sign in with a second factor; the others may choose to. */
export const TWO_FACTOR_REQUIRED_ROLES: readonly Role[] = ['caseworker', 'supervisor', 'partner'];
export function twoFactorRequiredFor(role: Role): boolean {
  return TWO_FACTOR_REQUIRED_ROLES.includes(role);
}

/** A six-digit code from an authenticator app (spaces tolerated, as apps show "123 456"). */
const totpCodeSchema = z
  .string()
  .transform((value) => value.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app'));
/** A recovery code as printed (xxxxx-xxxxx); case, spaces and dashes are forgiven. */
const recoveryCodeSchema = z
  .string()
  .transform((value) => value.replace(/[\s-]+/g, '').toLowerCase())
  .pipe(z.string().regex(/^[a-z0-9]{10}$/, 'Enter a recovery code as printed, e.g. abcde-12345'));

export const loginRequestSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: 'Enter a valid e-mail address' }))
    .pipe(z.string().max(254)),
  password: z.string().min(1, 'Enter your password').max(1024),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** A CASL rule as sent to the web app so it can hide what the user cannot do. */
export const permissionRuleSchema = z.object({
  action: z.union([z.string(), z.array(z.string())]),
  subject: z.union([z.string(), z.array(z.string())]),
  conditions: z.record(z.string(), z.unknown()).optional(),
  fields: z.union([z.string(), z.array(z.string())]).optional(),
  inverted: z.boolean().optional(),
});

export const meResponseSchema = z.object({
  user: z.object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
  }),
  organisation: z.object({ id: z.uuid(), name: z.string(), kind: z.enum(ORGANISATION_KINDS) }),
  rules: z.array(permissionRuleSchema),
  /** Echo of the anti-forgery token; send it back as the X-CSRF-Token header on state-changing requests. */
  csrfToken: z.string(),
  /**
   * Second factor: `enrolmentRequired` means this session may do nothing but enrol (and sign out);
   * the API answers every other route 403 `two-factor-enrolment-required`.
   */
  twoFactor: z.object({
    required: z.boolean(),
    enrolled: z.boolean(),
    enrolmentRequired: z.boolean(),
    recoveryCodesLeft: z.number().int().min(0),
  }),
  /**
   * The idle timeout: a session unused for `timeoutSeconds` ends. A request moves the server's idle clock only once
   * it is `refreshStepSeconds` old, so the session may end up to that much earlier than the last request plus the
   * timeout; `POST /api/auth/session/extend` moves it at once.
   */
  idle: z.object({ timeoutSeconds: z.number().int().positive(), refreshStepSeconds: z.number().int().min(0) }),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

/** "Stay signed in": the idle clock starts again now; the session ends at `idleExpiresAt` unless used before. */
export const sessionExtendedSchema = z.object({ idleExpiresAt: z.iso.datetime() });
export type SessionExtended = z.infer<typeof sessionExtendedSchema>;

/** The answer to a correct password when a second factor is due: no session yet, only a short-lived pending sign-in cookie. */
export const secondFactorChallengeSchema = z.object({
  secondFactor: z.literal('required'),
  expiresAt: z.iso.datetime(),
  /** Demo mode only, demo accounts only: the current code, so evaluators need no authenticator app. */
  demoCode: z.string().optional(),
});
export type SecondFactorChallenge = z.infer<typeof secondFactorChallengeSchema>;
export const loginResponseSchema = z.union([meResponseSchema, secondFactorChallengeSchema]);
export type LoginResponse = z.infer<typeof loginResponseSchema>;
export function isSecondFactorChallenge(response: LoginResponse): response is SecondFactorChallenge {
  return 'secondFactor' in response;
}

/** The second sign-in step: either a code from the authenticator app or one unused recovery code. */
export const secondFactorRequestSchema = z
  .object({ code: totpCodeSchema.optional(), recoveryCode: recoveryCodeSchema.optional() })
  .strict()
  .refine((answer) => (answer.code === undefined) !== (answer.recoveryCode === undefined), {
    message: 'Enter either a code or a recovery code',
    path: ['code'],
  });
export type SecondFactorRequest = z.infer<typeof secondFactorRequestSchema>;

/** Shown once at the start of enrolment; the secret is never returned again. */
export const twoFactorEnrolmentSchema = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
  qrCodeDataUrl: z.string(),
});
export type TwoFactorEnrolment = z.infer<typeof twoFactorEnrolmentSchema>;

export const totpCodeRequestSchema = z.object({ code: totpCodeSchema }).strict();
export type TotpCodeRequest = z.infer<typeof totpCodeRequestSchema>;

/** Shown once; only their hashes are stored. Each one signs in once. */
export const recoveryCodesResponseSchema = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodesResponse = z.infer<typeof recoveryCodesResponseSchema>;

/** The machine-readable problem type of a session that may only enrol a second factor. */
export const TWO_FACTOR_ENROLMENT_REQUIRED = 'two-factor-enrolment-required';

/**
 * Readiness: whether this replica should be sent requests. `migrations` is `pending` when the
 * database lacks a migration this code needs (a newer release not migrated yet); a database
 * ahead of the code (migrated by a newer replica during a rolling update) still counts as current.
 */
export const healthResponseSchema = z.object({
  status: z.enum(['ok', 'unhealthy']),
  database: z.enum(['up', 'down']),
  migrations: z.enum(['current', 'pending', 'unknown']),
  masterKey: z.enum(['present', 'missing']),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

/** Liveness: the process answers (restart it when it does not); says nothing about the database. */
export const livenessResponseSchema = z.object({ status: z.literal('ok') });
export type LivenessResponse = z.infer<typeof livenessResponseSchema>;

export const CSRF_HEADER = 'x-csrf-token';
/**
 * Sent by the web app on requests nobody asked for (the bell checking every minute): they do not count as use, so an
 * open tab left alone still reaches the idle timeout. It can only shorten the sender's own session.
 */
export const BACKGROUND_HEADER = 'x-haven-background';
export const CSRF_COOKIE = 'haven_csrf';
export const SESSION_COOKIE = 'haven_session';
/** Holds the pending sign-in between the password and the second factor (httpOnly, a few minutes). */
export const PENDING_SIGN_IN_COOKIE = 'haven_pending_sign_in';
