import { EXPORT_PASSWORD_MIN_LENGTH, exportPasswordSchema } from '@haven/contracts';

/** What the archive password's shape can be refused for; its strength is judged apart (usePasswordProblems). */
export type ExportPasswordShapeProblem = 'tooShort' | 'tooLong' | 'spaces' | 'invalid';

/** The contract's (English) messages, as keys the screen translates. */
const PROBLEMS: Record<string, ExportPasswordShapeProblem> = {
  [`At least ${EXPORT_PASSWORD_MIN_LENGTH} characters`]: 'tooShort',
  'At most 128 characters': 'tooLong',
  'No spaces at the start or end': 'spaces',
};

/** Checks the export password's shape with the schema the API checks it with. */
export function exportPasswordShapeProblem(password: string): ExportPasswordShapeProblem | null {
  const parsed = exportPasswordSchema.safeParse(password);
  if (parsed.success) return null;
  return PROBLEMS[parsed.error.issues[0]?.message ?? ''] ?? 'invalid';
}
