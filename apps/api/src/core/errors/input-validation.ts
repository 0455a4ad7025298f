import type { z } from 'zod';
import { BadRequestError } from './problem.js';

/**
 * Checks a request part against its contract schema and answers the parsed value (defaults
 * filled in, text normalised); on failure a 400 with one entry per offending field, before
 * any write can happen.
 */
export function validInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : '(body)',
    message: issue.code === 'unrecognized_keys' ? `Unknown field(s): ${issue.keys.join(', ')}` : issue.message,
  }));
  throw new BadRequestError('Some fields are missing or invalid.', errors);
}
