import type { Consent } from '@haven/contracts';
import type { ConsentEntity } from './consent.entity.js';

/** `interpreterName` is the opened name (the caller opens it under the case key), or null. */
export function toConsent(entity: ConsentEntity, interpreterName: string | null = null): Consent {
  return {
    id: entity.id,
    purpose: entity.purpose,
    recipientOrganisation:
      entity.recipientOrganisationId !== null
        ? { id: entity.recipientOrganisationId, name: entity.recipientOrganisation?.name ?? '' }
        : null,
    givenOn: entity.givenOn,
    method: entity.method,
    interpreterUsed: entity.interpreterUsed,
    interpreterLanguage: entity.interpreterLanguage,
    interpreterName,
    childAssent:
      entity.childAssent !== null
        ? { assent: entity.childAssent, explainedForAge: entity.assentExplainedForAge ?? false }
        : null,
    recordedBy: { id: entity.recordedBy, displayName: entity.recorder?.displayName ?? '' },
    recordedAt: entity.recordedAt.toISOString(),
    withdrawnOn: entity.withdrawnOn,
    withdrawnBy:
      entity.withdrawnBy !== null
        ? { id: entity.withdrawnBy, displayName: entity.withdrawer?.displayName ?? '' }
        : null,
  };
}
