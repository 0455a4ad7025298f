import type { TFunction } from 'i18next';
import type { z } from 'zod';
import {
  formPathOf,
  issuesToFormErrors,
  translateValidationMessage,
  type FieldLayout,
} from '../i18n/validation-messages';
import { isApiError } from '../api-client';

export type SchemaResult<T> = { ok: true; data: T } | { ok: false; errors: Record<string, string> };

/**
 * Checks form input with the contract schema the API validates the same request with, so the form never
 * accepts what the server will refuse, and answers one translated message per input.
 */
export function validateWithSchema<S extends z.ZodType>(
  schema: S,
  input: unknown,
  t: TFunction,
  layout?: FieldLayout,
): SchemaResult<z.output<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, errors: issuesToFormErrors(t, parsed.error.issues, layout) };
}

/** The API's 400 field errors as form errors, translated, keyed by the input that shows each one. */
export function serverFieldErrors(error: unknown, t: TFunction, layout?: FieldLayout): Record<string, string> {
  if (!isApiError(error, 400)) return {};
  const errors: Record<string, string> = {};
  for (const { field, message } of error.fieldErrors()) {
    const path = formPathOf(field, layout);
    errors[path] ??= translateValidationMessage(t, message);
  }
  return errors;
}

/** Empty inputs become absent, as the contract's optional fields expect. */
export function blankToUndefined(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Today as the contracts compare dates (YYYY-MM-DD, UTC). */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

const same = (left: unknown, right: unknown) => JSON.stringify(left) === JSON.stringify(right);

/** Whether any input differs from what the form started from. */
export function hasChanges<V extends Record<string, unknown>>(values: V, initial: V): boolean {
  return Object.keys(initial).some((key) => !same(values[key], initial[key]));
}

/**
 * After a conflict and a reload: the fields the user changed keep their input, the others take the values
 * the other person saved, so saving again does not quietly put their changes back.
 */
export function mergeUntouched<V extends Record<string, unknown>>(values: V, initial: V, fresh: V): V {
  const merged = { ...values };
  for (const key of Object.keys(fresh) as (keyof V)[]) {
    if (same(values[key], initial[key])) merged[key] = fresh[key];
  }
  return merged;
}
