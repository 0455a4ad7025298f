import { Injectable } from '@nestjs/common';
import type { ReturnBlockCode } from '@haven/contracts';
import type { Caller } from '../../core/auth/caller.js';
import type { ReturnSubject } from './return-safeguards.js';

/** A referral or transfer of a case that has not reached its end, as the return gate sees it. */
export interface PendingMovement {
  id: string;
  caseId: string;
  subject: ReturnSubject;
  suspendedSince: Date | null;
  suspensionReasons: ReturnBlockCode[] | null;
}

/** A feature whose records can take a person toward return (referrals, transfers). */
export interface ReturnMovementSource {
  /** Its open records of the case (whether each is a return is the gate's call), in the caller's transaction. */
  pending(caseId: string): Promise<PendingMovement[]>;
  /** Holds one for a protection concern (or updates the reasons it is held for), telling both sides when it is newly held. */
  suspend(caller: Caller, movement: PendingMovement, reasons: ReturnBlockCode[]): Promise<void>;
  /** Lets one go on after a protection review allowed it, telling both sides. */
  resume(caller: Caller, movement: PendingMovement): Promise<void>;
}

/**
 * Where referrals and transfers make their open records known to the return gate, so that
 * recording a protection concern suspends them in its own transaction without the
 * protection feature depending on either.
 */
@Injectable()
export class ReturnMovements {
  private readonly registered: ReturnMovementSource[] = [];

  register(source: ReturnMovementSource): void {
    this.registered.push(source);
  }

  get sources(): readonly ReturnMovementSource[] {
    return this.registered;
  }
}
