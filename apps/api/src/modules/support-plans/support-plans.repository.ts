import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { SupportPlanGoalEntity } from './support-plan-goal.entity.js';
import { SupportPlanEntity } from './support-plan.entity.js';

export interface PendingPlan {
  caseId: string;
  caseReference: string;
  submittedAt: Date;
  submittedById: string;
  submittedByName: string;
}

@Injectable()
export class SupportPlansRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Anonymisation (retention, erasure): keeps goal areas and statuses; drops objectives, actions and decision comments. */
  async clearCaseText(manager: EntityManager, caseId: string): Promise<void> {
    await manager.query(`UPDATE app.support_plan SET sealed_decision_comment = NULL WHERE case_id = $1`, [caseId]);
    await manager.query(`UPDATE app.support_plan_goal SET sealed_objective = NULL, sealed_actions = NULL WHERE case_id = $1`, [caseId]);
  }

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  findPlan(caseId: string, manager?: EntityManager): Promise<SupportPlanEntity | null> {
    return this.manager(manager).getRepository(SupportPlanEntity).findOne({ where: { caseId }, relations: { submittedBy: true, decidedBy: true } });
  }

  goals(caseId: string, manager?: EntityManager): Promise<SupportPlanGoalEntity[]> {
    return this.manager(manager).getRepository(SupportPlanGoalEntity).find({ where: { caseId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findGoal(caseId: string, goalId: string, manager?: EntityManager): Promise<SupportPlanGoalEntity | null> {
    return this.manager(manager).getRepository(SupportPlanGoalEntity).findOneBy({ caseId, id: goalId });
  }

  /** The plan row appears with the first goal. */
  async ensurePlan(manager: EntityManager, caseId: string): Promise<SupportPlanEntity> {
    await manager.query(`INSERT INTO app.support_plan (case_id) VALUES ($1) ON CONFLICT (case_id) DO NOTHING`, [caseId]);
    return (await this.findPlan(caseId, manager))!;
  }

  /** Moves the plan on only from the version the caller saw; false when someone else moved it first. */
  async updatePlanIfVersion(manager: EntityManager, caseId: string, version: number, changes: Partial<SupportPlanEntity>): Promise<boolean> {
    const result = await manager.getRepository(SupportPlanEntity).update({ caseId, version }, { ...changes, version: () => 'version + 1' });
    return (result.affected ?? 0) === 1;
  }

  async insertGoal(manager: EntityManager, goal: Omit<SupportPlanGoalEntity, 'id' | 'version' | 'createdAt' | 'updatedAt'>): Promise<string> {
    const now = new Date();
    const result = await manager.getRepository(SupportPlanGoalEntity).insert({ ...goal, version: 1, createdAt: now, updatedAt: now });
    return result.identifiers[0]!.id as string;
  }

  async updateGoalIfVersion(manager: EntityManager, goalId: string, version: number, changes: Partial<SupportPlanGoalEntity>): Promise<boolean> {
    const result = await manager
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
