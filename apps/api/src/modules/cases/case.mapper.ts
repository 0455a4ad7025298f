import type { CaseDetail, CaseSummary } from '@haven/contracts';
import type { CaseEntity } from './case.entity.js';

/** What leaves the API about a case, field by field: never a name. */
export function toCaseSummary(entity: CaseEntity): CaseSummary {
  return {
    id: entity.id,
    reference: entity.reference,
    status: entity.status,
    riskLevel: entity.riskLevel,
    sex: entity.sex,
    nationality: entity.nationality,
    ageAtRegistration: entity.ageAtRegistration,
    assignee: entity.assignee ? { id: entity.assignee.id, displayName: entity.assignee.displayName } : null,
    registeredAt: entity.registeredAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}

export function toCaseDetail(entity: CaseEntity): CaseDetail {
  return {
    ...toCaseSummary(entity),
    organisation: { id: entity.organisationId, name: entity.organisation?.name ?? '' },
    exploitationTypes: entity.exploitationTypes,
    version: entity.version,
  };
}
