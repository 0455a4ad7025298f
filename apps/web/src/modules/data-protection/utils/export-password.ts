import { EXPORT_PASSWORD_MIN_LENGTH, exportPasswordSchema } from '@haven/contracts';

export type PasswordProblem = 'tooShort' | 'tooLong' | 'lettersAndDigits' | 'repetitive' | 'spaces' | 'invalid' | 'mismatch';

/** The contract's (English) messages, as keys the screen translates. */
const PROBLEMS: Record<string, PasswordProblem> = {
  [`At least ${EXPORT_PASSWORD_MIN_LENGTH} characters`]: 'tooShort',
  'At most 128 characters': 'tooLong',
  'Use letters and digits': 'lettersAndDigits',
  'Too repetitive': 'repetitive',
  'No spaces at the start or end': 'spaces',
};

/** Checks the export password with the schema the API checks it with, and that it was typed twice the same. */
export function exportPasswordProblem(password: string, confirmation: string): PasswordProblem | null {
  const parsed = exportPasswordSchema.safeParse(password);
  if (!parsed.success) return PROBLEMS[parsed.error.issues[0]?.message ?? ''] ?? 'invalid';
  return password === confirmation ? null : 'mismatch';
}
