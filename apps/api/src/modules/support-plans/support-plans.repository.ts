import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SupportPlanGoalEntity } from './support-plan-goal.entity.js';
import { SupportPlanEntity } from './support-plan.entity.js';
import { TransactionHost } from '../../core/database/transaction-host.js';

export interface PendingPlan {
  caseId: string;
  caseReference: string;
  submittedAt: Date;
  submittedById: string;
  submittedByName: string;
}

@Injectable()
export class SupportPlansRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionHost,
  ) {}

  /** Anonymisation (retention, erasure): keeps goal areas and statuses; drops objectives, actions and decision comments. */
  async clearCaseText(caseId: string): Promise<void> {
    await this.transactions.manager.query(
      `UPDATE app.support_plan SET sealed_decision_comment = NULL WHERE case_id = $1`,
      [caseId],
    );
    await this.transactions.manager.query(
      `UPDATE app.support_plan_goal SET sealed_objective = NULL, sealed_actions = NULL WHERE case_id = $1`,
      [caseId],
    );
  }

  findPlan(caseId: string): Promise<SupportPlanEntity | null> {
    return this.transactions.manager
      .getRepository(SupportPlanEntity)
      .findOne({ where: { caseId }, relations: { submittedBy: true, decidedBy: true } });
  }

  goals(caseId: string): Promise<SupportPlanGoalEntity[]> {
    return this.transactions.manager
      .getRepository(SupportPlanGoalEntity)
      .find({ where: { caseId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findGoal(caseId: string, goalId: string): Promise<SupportPlanGoalEntity | null> {
    return this.transactions.manager.getRepository(SupportPlanGoalEntity).findOneBy({ caseId, id: goalId });
  }

  /** The plan row appears with the first goal. */
  async ensurePlan(caseId: string): Promise<SupportPlanEntity> {
    await this.transactions.manager.query(
      `INSERT INTO app.support_plan (case_id) VALUES ($1) ON CONFLICT (case_id) DO NOTHING`,
      [caseId],
    );
    return (await this.findPlan(caseId))!;
  }

  /** Moves the plan on only from the version the caller saw; false when someone else moved it first. */
  async updatePlanIfVersion(caseId: string, version: number, changes: Partial<SupportPlanEntity>): Promise<boolean> {
    const result = await this.transactions.manager
      .getRepository(SupportPlanEntity)
      .update({ caseId, version }, { ...changes, version: () => 'version + 1' });
    return (result.affected ?? 0) === 1;
  }

  async insertGoal(goal: Omit<SupportPlanGoalEntity, 'id' | 'version' | 'createdAt' | 'updatedAt'>): Promise<string> {
    const now = new Date();
    const result = await this.transactions.manager
      .getRepository(SupportPlanGoalEntity)
      .insert({ ...goal, version: 1, createdAt: now, updatedAt: now });
    return result.identifiers[0]!.id as string;
  }

  async updateGoalIfVersion(
    goalId: string,
    version: number,
    changes: Partial<SupportPlanGoalEntity>,
  ): Promise<boolean> {
    const result = await this.transactions.manager
      .getRepository(SupportPlanGoalEntity)
      .update({ id: goalId, version }, { ...changes, updatedAt: new Date(), version: () => 'version + 1' });
    return (result.affected ?? 0) === 1;
  }

  /** Plans waiting for a supervisor's decision in one organisation. */
  async submittedIn(organisationId: string): Promise<PendingPlan[]> {
    return this.dataSource.query(
      `SELECT p.case_id AS "caseId", c.reference AS "caseReference", p.submitted_at AS "submittedAt",
              u.id AS "submittedById", u.display_name AS "submittedByName"
         FROM app.support_plan p
         JOIN app."case" c ON c.id = p.case_id
         JOIN app."user" u ON u.id = p.submitted_by
        WHERE p.status = 'submitted' AND c.organisation_id = $1
        ORDER BY p.submitted_at LIMIT 100`,
      [organisationId],
    );
  }
}
