import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ConsentPurpose } from '@haven/contracts';

/**
 * The case overview read model: the only place where the cases feature reads the tables of
 * other features. It reads, and never writes:
 * - `app.task` (tasks feature): open tasks of a case; cases with an open task past due;
 * - `app.assessment` (assessments): whether a risk and a needs assessment exist;
 * - `app.support_plan_goal` (support plans): whether the plan has goals;
 * - `app.consent` (consents): purposes, recipients and whether each was withdrawn (a standing
 *   consent that does not allow sharing by `app.consent_allows_sharing` — the child refused her
 *   assent, or a child case has none recorded — is left out: it allows nothing);
 * - `app.age_assessment` (children): the latest age assessment, for whether this is a child case.
 * A feature that changes these columns changes the queries here too (tests/api/cases.spec.ts
 * reads the case page and filters the list).
 *
 * Why SQL across features instead of each feature answering for its own table: the case page
 * is the most requested page (benchmark "case-page", docs/benchmarks.md, p95 target 50 ms at
 * 32 connections) and reads these figures in one query, beside the case itself, on two pooled
 * connections; asking four features would take five. The case list's "overdue" filter must be
 * part of the list's own query, or a million cases would first list the ids of every case with
 * an overdue task.
 */

/** Counters and flags shown with a case. */
export interface CaseAggregates {
  openTasks: number;
  hasRiskAssessment: boolean;
  hasNeedsAssessment: boolean;
  hasPlanGoals: boolean;
  consents: { purpose: ConsentPurpose; recipientOrganisationId: string | null; withdrawn: boolean }[];
  latestAgeAssessment: { assessedOn: string; assessedAge: number; disputed: boolean } | null;
}

/** The figures of a case that has just been registered: nothing recorded yet. */
export const NOTHING_RECORDED_YET: CaseAggregates = {
  openTasks: 0,
  hasRiskAssessment: false,
  hasNeedsAssessment: false,
  hasPlanGoals: false,
  consents: [],
  latestAgeAssessment: null,
};

/** SQL condition for the case list: the case (its id in `column`) has an open task past its due day. */
export function hasOverdueOpenTask(column: string): string {
  return `${column} IN (SELECT case_id FROM app.task WHERE status = 'open' AND due_on < current_date)`;
}

@Injectable()
export class CaseOverviewReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The case page's counters and flags, in one query (under row-level security, like every read). */
  async figures(caseId: string): Promise<CaseAggregates> {
    const [row] = (await this.dataSource.query(
      `SELECT
         (SELECT count(*) FROM app.task t WHERE t.case_id = $1 AND t.status = 'open')::int AS "openTasks",
         EXISTS (SELECT 1 FROM app.assessment a WHERE a.case_id = $1 AND a.type = 'risk') AS "hasRiskAssessment",
         EXISTS (SELECT 1 FROM app.assessment a WHERE a.case_id = $1 AND a.type = 'needs') AS "hasNeedsAssessment",
         EXISTS (SELECT 1 FROM app.support_plan_goal g WHERE g.case_id = $1) AS "hasPlanGoals",
         COALESCE((SELECT json_agg(json_build_object(
                     'purpose', c.purpose, 'recipientOrganisationId', c.recipient_organisation_id, 'withdrawn', c.withdrawn_on IS NOT NULL))
                   FROM app.consent c WHERE c.case_id = $1 AND (c.withdrawn_on IS NOT NULL OR app.consent_allows_sharing(c))), '[]') AS consents,
         (SELECT json_build_object('assessedOn', to_char(a.assessed_on, 'YYYY-MM-DD'), 'assessedAge', a.assessed_age, 'disputed', a.disputed)
            FROM app.age_assessment a WHERE a.case_id = $1
           ORDER BY a.assessed_on DESC, a.recorded_at DESC, a.id DESC LIMIT 1) AS "latestAgeAssessment"`,
      [caseId],
    )) as CaseAggregates[];
    return row!;
  }
}
