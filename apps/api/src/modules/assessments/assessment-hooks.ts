import { Injectable } from '@nestjs/common';
import type { Caller } from '../../core/auth/caller.js';

type ProtectionScreeningRecorded = (caller: Caller, caseId: string) => Promise<void>;

/**
 * Lets the return safeguards react to a protection screening inside its transaction (a
 * concern suspends the case's pending returns as it is recorded), without assessments
 * depending on the protection feature, which reads them.
 */
@Injectable()
export class AssessmentHooks {
  private readonly screeningHandlers: ProtectionScreeningRecorded[] = [];

  onProtectionScreeningRecorded(handler: ProtectionScreeningRecorded): void {
    this.screeningHandlers.push(handler);
  }

  async protectionScreeningRecorded(caller: Caller, caseId: string): Promise<void> {
    for (const handler of this.screeningHandlers) await handler(caller, caseId);
  }
}
