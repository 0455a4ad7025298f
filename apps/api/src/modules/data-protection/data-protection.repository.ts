import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { CaseErasureRequestEntity } from './case-erasure-request.entity.js';
import { CaseErasureEntity } from './case-erasure.entity.js';
import { RetentionRunEntity } from './retention-run.entity.js';
import { TransactionHost } from '../../core/database/transaction-host.js';

/** An erasure request waiting for a supervisor of the copy's organisation. */
export interface WaitingErasureRequest {
  caseId: string;
  caseReference: string;
  requestedAt: Date;
  requestedById: string;
  requestedByName: string;
}

@Injectable()
export class DataProtectionRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionHost,
  ) {}

  async insertErasure(erasure: Omit<CaseErasureEntity, 'recorder'>): Promise<void> {
    await this.transactions.manager.getRepository(CaseErasureEntity).insert(erasure);
  }

  findErasure(caseId: string): Promise<CaseErasureEntity | null> {
    return this.dataSource
      .getRepository(CaseErasureEntity)
      .findOne({ where: { caseId }, relations: { recorder: true } });
  }

  async insertErasureRequest(
    request: Omit<CaseErasureRequestEntity, 'id' | 'requestingOrganisation' | 'confirmedBy' | 'confirmedAt'>,
  ): Promise<void> {
    // A copy already asked for from the same case is not asked for twice.
    await this.transactions.manager
      .createQueryBuilder()
      .insert()
      .into(CaseErasureRequestEntity)
      .values(request)
      .orIgnore()
      .execute();
  }

  /** Requests waiting for the case's organisation, oldest first. */
  pendingRequestsFor(caseId: string): Promise<CaseErasureRequestEntity[]> {
    return this.transactions.manager.getRepository(CaseErasureRequestEntity).find({
      where: { caseId, confirmedAt: IsNull() },
      relations: { requestingOrganisation: true },
      order: { requestedAt: 'ASC' },
    });
  }

  /** The requests waiting for the organisation's supervisors, oldest first (for "my work"): the copy and who asked, when. */
  waitingForOrganisation(organisationId: string, limit: number): Promise<WaitingErasureRequest[]> {
    return this.dataSource.query(
      `SELECT r.case_id AS "caseId", c.reference AS "caseReference", r.requested_at AS "requestedAt", u.id AS "requestedById", u.display_name AS "requestedByName"
         FROM app.case_erasure_request r
         JOIN app."case" c ON c.id = r.case_id
         JOIN app."user" u ON u.id = r.requested_by
        WHERE c.organisation_id = $1 AND r.confirmed_at IS NULL AND c.anonymised_at IS NULL
        ORDER BY r.requested_at LIMIT $2`,
      [organisationId, limit],
    ) as Promise<WaitingErasureRequest[]>;
  }

  /** Marks every request waiting for these copies confirmed; answers them. */
  async confirmRequestsFor(
    caseIds: string[],
    confirmedBy: string,
    at: Date,
  ): Promise<{ requestedFromCaseId: string; requestingOrganisationId: string; requestedBy: string }[]> {
    if (caseIds.length === 0) return [];
    // For an UPDATE, TypeORM's PostgreSQL driver answers [returned rows, affected count].
    const [rows] = (await this.transactions.manager.query(
      `UPDATE app.case_erasure_request SET confirmed_by = $2, confirmed_at = $3
        WHERE case_id = ANY($1::uuid[]) AND confirmed_at IS NULL
        RETURNING requested_from_case_id AS "requestedFromCaseId", requesting_organisation_id AS "requestingOrganisationId", requested_by AS "requestedBy"`,
      [caseIds, confirmedBy, at],
    )) as [{ requestedFromCaseId: string; requestingOrganisationId: string; requestedBy: string }[], number];
    return rows;
  }

  /** How many requests made from this case still wait, and how many were confirmed (row-level security lets the requester count its own). */
  async sentRequestCounts(caseId: string): Promise<{ pending: number; confirmed: number }> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE confirmed_at IS NULL)::int AS pending, count(*) FILTER (WHERE confirmed_at IS NOT NULL)::int AS confirmed
         FROM app.case_erasure_request WHERE requested_from_case_id = $1`,
      [caseId],
    )) as { pending: number; confirmed: number }[];
    return row ?? { pending: 0, confirmed: 0 };
  }

  async insertRun(run: Omit<RetentionRunEntity, 'id'>): Promise<RetentionRunEntity> {
    const repository = this.dataSource.getRepository(RetentionRunEntity);
    return repository.save(repository.create(run));
  }

  latestRuns(limit: number): Promise<RetentionRunEntity[]> {
    return this.dataSource.getRepository(RetentionRunEntity).find({ order: { startedAt: 'DESC' }, take: limit });
  }
}
