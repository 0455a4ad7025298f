import type { ServiceRecord } from '@haven/contracts';
import type { ServiceRecordEntity } from './service-record.entity.js';

export function toServiceRecord(entity: ServiceRecordEntity, notes: string | null): ServiceRecord {
  return {
    id: entity.id,
    type: entity.type,
    deliveredOn: entity.deliveredOn,
    providerOrganisation:
      entity.providerOrganisationId !== null
        ? { id: entity.providerOrganisationId, name: entity.providerOrganisation?.name ?? '' }
        : null,
    outcome: entity.outcome,
    notes,
    recordedBy: { id: entity.recordedBy, displayName: entity.recorder?.displayName ?? '' },
    recordedAt: entity.recordedAt.toISOString(),
  };
}
