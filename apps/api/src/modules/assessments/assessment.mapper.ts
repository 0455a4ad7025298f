import type { Assessment } from '@haven/contracts';
import type { AssessmentEntity } from './assessment.entity.js';

/** The findings that belong to the assessment's type, and nothing else. */
export function toAssessment(entity: AssessmentEntity, notes: string | null): Assessment {
  const findings = entity.findings;
  return {
    id: entity.id,
    type: entity.type,
    assessedAt: entity.assessedAt.toISOString(),
    assessedBy: { id: entity.assessedBy, displayName: entity.assessor?.displayName ?? '' },
    ...(entity.type === 'risk' ? { riskLevel: findings.riskLevel } : {}),
    ...(entity.type === 'needs'
      ? { needs: (findings.needs ?? []).map((need) => ({ area: need.area, level: need.level })) }
      : {}),
    ...(entity.type === 'protection'
      ? { fearOfReturn: findings.fearOfReturn, asylumIntention: findings.asylumIntention, outcome: findings.outcome }
      : {}),
    notes,
  };
}
