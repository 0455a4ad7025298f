import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Scope } from '@haven/access';
import type { ReferralStatus } from '@haven/contracts';
import { ReferralEntity } from './referral.entity.js';
import { CaseAnonymisationHooks } from '../cases/case-anonymisation.js';

const WITH_ORGANISATIONS = { fromOrganisation: true, toOrganisation: true } as const;

@Injectable()
export class ReferralsRepository implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly anonymisation: CaseAnonymisationHooks,
  ) {}

  onModuleInit(): void {
    this.anonymisation.register('referrals', (manager, caseId) => this.clearCaseText(manager, caseId));
  }

  /** Anonymisation (retention, erasure): keeps statuses, dates and outcomes (statistics count them); drops messages, override reasons and partners' responses. */
  async clearCaseText(manager: EntityManager, caseId: string): Promise<void> {
    await manager.query(`UPDATE app.referral SET sealed_message = NULL, sealed_override_reason = NULL, sealed_response = NULL WHERE case_id = $1`, [caseId]);
  }

  private repository(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(ReferralEntity);
  }

  listForCase(caseId: string): Promise<ReferralEntity[]> {
    return this.repository().find({ where: { caseId }, relations: WITH_ORGANISATIONS, order: { sentAt: 'DESC' } });
  }

  findInCase(caseId: string, id: string, manager?: EntityManager): Promise<ReferralEntity | null> {
    return this.repository(manager).findOne({ where: { caseId, id }, relations: WITH_ORGANISATIONS });
  }

  /** A referral the partner may open: addressed to its organisation (scope) and in one of the statuses given. */
  async findForRecipient(id: string, scope: Scope, statuses: ReferralStatus[], manager?: EntityManager): Promise<ReferralEntity | null> {
    if (scope.length === 0) return null;
    return this.repository(manager)
      .createQueryBuilder('r')
      .leftJoinAndSelect('r.fromOrganisation', 'fromOrganisation')
      .leftJoinAndSelect('r.toOrganisation', 'toOrganisation')
      .where(scope.map((allowed) => ({ ...allowed, id, status: In(statuses) })))
      .getOne();
  }

  async inbox(scope: Scope, statuses: ReferralStatus[]): Promise<ReferralEntity[]> {
    if (scope.length === 0) return [];
    // LIMIT on the joined query (each referral has one sender and one recipient): find()
    // with take would first run a DISTINCT over every referral in the inbox.
    return this.repository()
      .createQueryBuilder('r')
      .leftJoinAndSelect('r.fromOrganisation', 'fromOrganisation')
      .leftJoinAndSelect('r.toOrganisation', 'toOrganisation')
      .where(scope.map((allowed) => ({ ...allowed, status: In(statuses) })))
      .orderBy('r.sentAt', 'DESC')
      .limit(200)
      .getMany();
  }

  openFor(manager: EntityManager, caseId: string, toOrganisationId: string): Promise<ReferralEntity[]> {
    return this.repository(manager).find({ where: { caseId, toOrganisationId, status: In(['sent', 'accepted']) } });
  }

  async insert(manager: EntityManager, values: Omit<ReferralEntity, 'id' | 'version' | 'fromOrganisation' | 'toOrganisation' | 'sealedResponse' | 'outcome' | 'respondedBy' | 'respondedAt' | 'closedAt'>): Promise<string> {
    const result = await this.repository(manager).insert({ ...values, version: 1 });
    return result.identifiers[0]!.id as string;
  }

  /** Moves a referral on only from the version the caller saw. */
  async updateIfVersion(manager: EntityManager, id: string, version: number, changes: Partial<ReferralEntity>): Promise<boolean> {
    const result = await this.repository(manager).update({ id, version }, { ...changes, version: () => 'version + 1' });
    return (result.affected ?? 0) === 1;
  }
}
