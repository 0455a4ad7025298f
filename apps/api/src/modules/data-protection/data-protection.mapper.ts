import type { DataProtectionStatus, OrganisationRetention, RetentionRun } from '@haven/contracts';
import type { CaseEntity } from '../cases/case.entity.js';
import type { OrganisationEntity } from '../../core/organisations/organisation.entity.js';
import type { CaseErasureRequestEntity } from './case-erasure-request.entity.js';
import type { CaseErasureEntity } from './case-erasure.entity.js';
import type { RetentionRunEntity } from './retention-run.entity.js';

export function toRetentionRun(run: RetentionRunEntity): RetentionRun {
  return {
    id: run.id,
    trigger: run.trigger,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt.toISOString(),
    anonymised: run.anonymised,
    failed: run.failed,
    organisations: run.organisations,
  };
}

export function toOrganisationRetention(organisation: OrganisationEntity): OrganisationRetention {
  return {
    id: organisation.id,
    name: organisation.name,
    kind: organisation.kind,
    retentionMonths: organisation.retentionMonths,
  };
}

export function toDataProtectionStatus(
  found: CaseEntity,
  erasure: CaseErasureEntity | null,
  linkedCases: number,
  pending: CaseErasureRequestEntity[],
  sent: { pending: number; confirmed: number },
): DataProtectionStatus {
  return {
    caseId: found.id,
    reference: found.reference,
    anonymisation:
      found.anonymisedAt && found.anonymisationKind
        ? { at: found.anonymisedAt.toISOString(), kind: found.anonymisationKind }
        : null,
    erasure: erasure
      ? {
          reason: erasure.reason,
          channel: erasure.channel,
          recordedAt: erasure.recordedAt.toISOString(),
          recordedBy: { id: erasure.recordedBy, displayName: erasure.recorder?.displayName ?? '' },
        }
      : null,
    linkedCases,
    pendingErasureRequests: pending.map((request) => ({
      id: request.id,
      reason: request.reason,
      channel: request.channel,
      requestedAt: request.requestedAt.toISOString(),
      requestingOrganisation: {
        id: request.requestingOrganisationId,
        name: request.requestingOrganisation?.name ?? '',
      },
    })),
    sentErasureRequests: sent,
  };
}
