import { z } from 'zod';
import { ORGANISATION_KINDS, ROLES } from './enums.js';

export const loginRequestSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ message: 'Enter a valid e-mail address' })).pipe(z.string().max(254)),
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
});
export type MeResponse = z.infer<typeof meResponseSchema>;

export const healthResponseSchema = z.object({
  status: z.enum(['ok', 'unhealthy']),
  database: z.enum(['up', 'down']),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_COOKIE = 'haven_csrf';
export const SESSION_COOKIE = 'haven_session';
