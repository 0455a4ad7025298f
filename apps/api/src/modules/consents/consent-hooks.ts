import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Caller } from '../../core/auth/caller.js';

type ReferralConsentWithdrawn = (manager: EntityManager, caller: Caller, caseId: string, recipientOrganisationId: string) => Promise<void>;

/**
 * Lets the features that share on consent react when it is withdrawn, inside the
 * withdrawal's transaction (so sharing stops with it), without consents depending on them.
 */
@Injectable()
export class ConsentHooks {
  private readonly referralConsentHandlers: ReferralConsentWithdrawn[] = [];

  onReferralConsentWithdrawn(handler: ReferralConsentWithdrawn): void {
    this.referralConsentHandlers.push(handler);
  }

  async referralConsentWithdrawn(manager: EntityManager, caller: Caller, caseId: string, recipientOrganisationId: string): Promise<void> {
    for (const handler of this.referralConsentHandlers) await handler(manager, caller, caseId, recipientOrganisationId);
  }
}
