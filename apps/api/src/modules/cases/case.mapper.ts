import {
  childCaseBasis,
  todayIso,
  type CaseDetail,
  type CaseSummary,
  type ConsentState,
  type HistoryEntry,
  type MissingItem,
} from '@haven/contracts';
import type { CaseChangeEntity } from './case-change.entity.js';
import type { CaseEntity } from './case.entity.js';
import type { CaseAggregates } from './read-models/case-overview.read-model.js';

/** What the mappers read of a case: a loaded entity, or what a registration has just written. */
export type CaseForSummary = Pick<
  CaseEntity,
  | 'id'
  | 'reference'
  | 'status'
  | 'stage'
  | 'riskLevel'
  | 'sensitive'
  | 'sex'
  | 'nationality'
  | 'ageAtRegistration'
  | 'registeredAt'
  | 'updatedAt'
> & { assignee?: { id: string; displayName: string } | null };
export type CaseForDetail = CaseForSummary &
  Pick<
    CaseEntity,
    | 'organisationId'
    | 'profile'
    | 'exploitationTypes'
    | 'anonymisedAt'
    | 'anonymisationKind'
    | 'closureReason'
    | 'closureRequestedAt'
    | 'closureRequestedBy'
    | 'version'
  > & {
    organisation?: { name: string } | null;
    closureRequester?: { displayName: string } | null;
  };

/** What leaves the API about a case, field by field: never a name. */
export function toCaseSummary(entity: CaseForSummary): CaseSummary {
  return {
    id: entity.id,
    reference: entity.reference,
    status: entity.status,
    stage: entity.stage,
    riskLevel: entity.riskLevel,
    sensitive: entity.sensitive,
    sex: entity.sex,
    nationality: entity.nationality,
    ageAtRegistration: entity.ageAtRegistration,
    assignee: entity.assignee ? { id: entity.assignee.id, displayName: entity.assignee.displayName } : null,
    registeredAt: entity.registeredAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}

function consentState(
  consents: CaseAggregates['consents'],
  purpose: 'assistance' | 'statistics' | 'research',
): ConsentState {
  const forPurpose = consents.filter((consent) => consent.purpose === purpose);
  if (forPurpose.some((consent) => !consent.withdrawn)) return 'granted';
  return forPurpose.length ? 'withdrawn' : 'none';
}

/** The name a case header shows (CaseNames): none unless the reader is shown one. */
export const NO_SHOWN_NAME = { shownName: null, nameHidden: false } as const;

export function toCaseDetail(
  entity: CaseForDetail,
  aggregates: CaseAggregates,
  name: Pick<CaseDetail, 'shownName' | 'nameHidden'> = NO_SHOWN_NAME,
): CaseDetail {
  const consent = {
    assistance: consentState(aggregates.consents, 'assistance'),
    statistics: consentState(aggregates.consents, 'statistics'),
    research: consentState(aggregates.consents, 'research'),
    referralOrganisationIds: [
      ...new Set(
        aggregates.consents
          .filter((item) => item.purpose === 'referral' && !item.withdrawn)
          .map((item) => item.recipientOrganisationId!),
      ),
    ],
  };
  const profile = {
    controlMethods: [],
    recruitmentMethods: [],
    recruitmentCountries: [],
    transitCountries: [],
    exploitationCountries: [],
    ...entity.profile,
    exploitationTypes: entity.exploitationTypes,
  };
  const missing: MissingItem[] = [
    ...(!profile.traffickingStatus ? (['profile.traffickingStatus'] as const) : []),
    ...(profile.exploitationTypes.length === 0 ? (['profile.exploitationTypes'] as const) : []),
    ...(consent.assistance !== 'granted' ? (['consent.assistance'] as const) : []),
    ...(!aggregates.hasRiskAssessment ? (['assessment.risk'] as const) : []),
    ...(!aggregates.hasNeedsAssessment ? (['assessment.needs'] as const) : []),
    ...(!aggregates.hasPlanGoals ? (['supportPlan'] as const) : []),
  ];
  const anonymisation =
    entity.anonymisedAt && entity.anonymisationKind
      ? { at: entity.anonymisedAt.toISOString(), kind: entity.anonymisationKind }
      : null;
  return {
    ...toCaseSummary(entity),
    organisation: { id: entity.organisationId, name: entity.organisation?.name ?? '' },
    profile,
    exploitationTypes: entity.exploitationTypes,
    consent,
    openTasks: aggregates.openTasks,
    closure:
      entity.closureReason && entity.closureRequestedAt
        ? {
            reason: entity.closureReason,
            requestedAt: entity.closureRequestedAt.toISOString(),
            requestedBy: { id: entity.closureRequestedBy!, displayName: entity.closureRequester?.displayName ?? '' },
          }
        : null,
    missing: (entity.status === 'Active' || entity.status === 'FollowUp') && !anonymisation ? missing : [],
    anonymisation,
    shownName: anonymisation ? null : name.shownName,
    nameHidden: anonymisation ? false : name.nameHidden,
    childBasis: childCaseBasis(
      {
        ageAtRegistration: entity.ageAtRegistration,
        registeredAt: entity.registeredAt,
        latestAgeAssessment: aggregates.latestAgeAssessment,
      },
      todayIso(),
    ),
    version: entity.version,
  };
}

export function toHistoryEntry(change: CaseChangeEntity, comment: string | null): HistoryEntry {
  return {
    id: change.id,
    occurredAt: change.occurredAt.toISOString(),
    actor: change.actor ? { id: change.actor.id, displayName: change.actor.displayName } : null,
    section: change.section,
    action: change.action,
    field: change.field,
    from: change.oldValue,
    to: change.newValue,
    comment,
  };
}
