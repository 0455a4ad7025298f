import type { ChainVerdict } from './audit-chain.js';

/** Exit codes of `npm run audit:verify`. */
export const VERIFY_EXIT = { intact: 0, error: 1, broken: 2 } as const;

/** What the verify command prints and answers for a verdict: the first broken link by id and position. */
export function verificationReport(verdict: ChainVerdict): { exitCode: number; message: string } {
  if (verdict.firstBrokenId === null) {
    return { exitCode: VERIFY_EXIT.intact, message: `Audit chain intact: ${verdict.checked} events verified.` };
  }
  return {
    exitCode: VERIFY_EXIT.broken,
    message:
      `Audit chain BROKEN: first broken link is event id ${verdict.firstBrokenId} at position ${verdict.firstBrokenPosition} ` +
      `(the events before it verify; this one or one before it was changed, removed or reordered).`,
  };
}
