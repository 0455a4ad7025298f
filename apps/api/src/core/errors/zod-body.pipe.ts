import type { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { BadRequestError } from './problem.js';

/**
 * Validates a request part against its contract schema; on failure answers 400 with
 * one entry per offending field, before any write can happen.
 */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    const errors = result.error.issues.map((issue) => ({
      field: issue.path.length ? issue.path.join('.') : '(body)',
      message: issue.code === 'unrecognized_keys' ? `Unknown field(s): ${issue.keys.join(', ')}` : issue.message,
    }));
    throw new BadRequestError('Some fields are missing or invalid.', errors);
  }
}
