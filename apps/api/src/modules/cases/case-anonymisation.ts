import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Caller } from '../../core/auth/caller.js';
import { HavenError } from '../../core/errors/problem.js';

/** Who anonymises: a signed-in supervisor (erasure) or the retention job. */
export type AnonymisingActor = Caller | { address: string; actor?: undefined };

/** Clears one feature's free text and ciphertexts about a case, inside the anonymisation's transaction. */
export type ClearCaseText = (manager: EntityManager, caseId: string) => Promise<void>;

/**
 * Every feature that stores text about a case registers how to clear it, so that
 * anonymisation (retention and erasure, DESIGN.md §5.10) reaches all of them without
 * the cases feature depending on each. The data-protection feature refuses to run
 * unless every feature it knows of has registered (a missing one would leave text behind).
 */
@Injectable()
export class CaseAnonymisationHooks {
  private readonly handlers = new Map<string, ClearCaseText>();

  register(feature: string, handler: ClearCaseText): void {
    this.handlers.set(feature, handler);
  }

  registered(): string[] {
    return [...this.handlers.keys()].sort();
  }

  async clearAll(manager: EntityManager, caseId: string): Promise<void> {
    for (const handler of this.handlers.values()) await handler(manager, caseId);
  }
}

/** The answer for anything that needs a case's identity or free text once the case is anonymised. */
export class CaseAnonymisedError extends HavenError {
  constructor(detail = 'This case has been anonymised: the survivor’s identity, notes and other free text no longer exist. Only coded facts remain.') {
    super(410, 'Case anonymised', detail);
  }
}
