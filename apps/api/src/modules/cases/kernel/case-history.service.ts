import { Injectable } from '@nestjs/common';
import type { Caller } from '../../../core/auth/caller.js';
import { CasesRepository, type CaseChange } from '../cases.repository.js';

export type { CaseChange };

/** A case's history (`app.case_change`), to which every feature that changes something about a case appends. */
@Injectable()
export class CaseHistory {
  constructor(private readonly cases: CasesRepository) {}

  /** Appends to a case's history, in the current transaction. Coded values only; free text goes sealed in `sealedComment`. */
  recordChanges(caller: Caller, caseId: string, changes: CaseChange[]): Promise<void> {
    return this.cases.recordChanges(caller.actor.id, caseId, changes);
  }
}
