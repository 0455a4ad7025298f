import type { Consent } from '@haven/contracts';
import type { ConsentEntity } from './consent.entity.js';

export function toConsent(entity: ConsentEntity): Consent {
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
    recordedBy: { id: entity.recordedBy, displayName: entity.recorder?.displayName ?? '' },
    recordedAt: entity.recordedAt.toISOString(),
    withdrawnOn: entity.withdrawnOn,
    withdrawnBy:
      entity.withdrawnBy !== null
        ? { id: entity.withdrawnBy, displayName: entity.withdrawer?.displayName ?? '' }
        : null,
  };
}
