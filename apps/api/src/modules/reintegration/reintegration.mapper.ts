import {
  REINTEGRATION_DIMENSIONS,
  type FollowUpVisit,
  type ReintegrationGoal,
  type ReintegrationPlan,
  type ScoreTrendPoint,
} from '@haven/contracts';
import type { CaseSealer } from '../cases/kernel/case-vault.service.js';
import type { FollowUpVisitEntity } from './follow-up-visit.entity.js';
import type { ReintegrationGoalEntity } from './reintegration-goal.entity.js';

/** Purposes the free text is sealed under (case key). */
export const GOAL_TEXT = 'reintegration-goal';
export const ASSISTANCE_TEXT = 'reintegration-assistance';
export const VISIT_NOTES = 'follow-up-visit-notes';

export function toReintegrationGoal(entity: ReintegrationGoalEntity, sealer: CaseSealer): ReintegrationGoal {
  return {
    id: entity.id,
    dimension: entity.dimension,
    goal: sealer.open(GOAL_TEXT, entity.sealedGoal),
    assistance: sealer.open(ASSISTANCE_TEXT, entity.sealedAssistance),
    status: entity.status,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
    version: entity.version,
  };
}

/** `sealer` is needed only when the visit has notes. */
export function toFollowUpVisit(
  entity: FollowUpVisitEntity,
  sealer: CaseSealer | undefined,
  today: string,
): FollowUpVisit {
  return {
    id: entity.id,
    monthsAfter: entity.monthsAfter,
    dueOn: entity.dueOn,
    overdue: entity.visitedOn === null && entity.dueOn < today,
    taskId: entity.taskId,
    visitedOn: entity.visitedOn,
    economicScore: entity.economicScore,
    socialScore: entity.socialScore,
    psychosocialScore: entity.psychosocialScore,
    notes: entity.sealedNotes ? sealer!.open(VISIT_NOTES, entity.sealedNotes) : null,
    recordedBy: entity.recordedBy ? { id: entity.recordedBy.id, displayName: entity.recordedBy.displayName } : null,
    version: entity.version,
  };
}

/** The scores of the visits made, oldest first, with their mean to one decimal. */
export function scoreTrend(visits: FollowUpVisitEntity[]): ScoreTrendPoint[] {
  return visits
    .filter(
      (visit) =>
        visit.visitedOn !== null &&
        visit.economicScore !== null &&
        visit.socialScore !== null &&
        visit.psychosocialScore !== null,
    )
    .sort((a, b) => a.visitedOn!.localeCompare(b.visitedOn!) || a.monthsAfter - b.monthsAfter)
    .map((visit) => ({
      visitId: visit.id,
      monthsAfter: visit.monthsAfter,
      visitedOn: visit.visitedOn!,
      economic: visit.economicScore!,
      social: visit.socialScore!,
      psychosocial: visit.psychosocialScore!,
      average: Math.round(((visit.economicScore! + visit.socialScore! + visit.psychosocialScore!) / 3) * 10) / 10,
    }));
}

export function toReintegrationPlan(
  goals: ReintegrationGoalEntity[],
  visits: FollowUpVisitEntity[],
  sealer: CaseSealer | undefined,
  today: string,
): ReintegrationPlan {
  const byDimension = Object.fromEntries(
    REINTEGRATION_DIMENSIONS.map((dimension) => [
      dimension,
      goals.filter((goal) => goal.dimension === dimension).map((goal) => toReintegrationGoal(goal, sealer!)),
    ]),
  ) as ReintegrationPlan['goals'];
  return {
    goals: byDimension,
    visits: visits.map((visit) => toFollowUpVisit(visit, sealer, today)),
    scoreTrend: scoreTrend(visits),
  };
}
