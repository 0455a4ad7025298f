import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Not } from 'typeorm';
import type { Scope } from '@haven/access';
import type { IncomingTransferSort, KeysetQuery } from '@haven/contracts';
import { TransferEntity } from './transfer.entity.js';
import { keysetPlan, readKeysetPage, type KeysetEntityPage, type KeysetList } from '../../core/database/keyset.js';
import { TransactionHost } from '../../core/database/transaction-host.js';

const WITH_ORGANISATIONS = { fromOrganisation: true, toOrganisation: true } as const;
/**
 * What the receiving organisation finds: every transfer addressed to it but those the sender
 * cancelled (or an erasure withdrew), which are gone from its view like a withdrawn referral.
 */
const RECEIVER_SEES = { status: Not('cancelled' as const) };

/**
 * The transfers proposed to an organisation, read in the order of the index on (receiving
 * organisation, proposed, id) (migration 1764499400000); the cancelled ones the receiver no
 * longer sees are skipped on the way.
 */
const INCOMING_LIST: KeysetList<IncomingTransferSort> = {
  sorts: { proposedAt: { column: 't.proposed_at', type: 'timestamptz' } },
  id: { column: 't.id', type: 'uuid' },
};

@Injectable()
export class TransfersRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionHost,
  ) {}

  /** Anonymisation (retention, erasure): drops reasons and decision comments on both the sending and the receiving side of the survivor's transfers. */
  async clearCaseText(caseId: string): Promise<void> {
    await this.transactions.manager.query(
      `UPDATE app.transfer SET sealed_reason = NULL, sealed_decision_comment = NULL WHERE case_id = $1 OR received_case_id = $1`,
      [caseId],
    );
  }

  listForCase(caseId: string): Promise<TransferEntity[]> {
    return this.dataSource
      .getRepository(TransferEntity)
      .find({ where: { caseId }, relations: WITH_ORGANISATIONS, order: { proposedAt: 'DESC' } });
  }

  findInCase(caseId: string, id: string): Promise<TransferEntity | null> {
    return this.transactions.manager
      .getRepository(TransferEntity)
      .findOne({ where: { caseId, id }, relations: WITH_ORGANISATIONS });
  }

  async findIncoming(id: string, scope: Scope): Promise<TransferEntity | null> {
    if (scope.length === 0) return null;
    return this.transactions.manager.getRepository(TransferEntity).findOne({
      where: scope.map((allowed) => ({ ...allowed, ...RECEIVER_SEES, id })),
      relations: WITH_ORGANISATIONS,
    });
  }

  /**
   * The transfer addressed to the scope, locked until the transaction ends and read as it
   * stands now: of two decisions at once, the second waits and then sees the first.
   */
  async lockIncoming(id: string, scope: Scope): Promise<TransferEntity | null> {
    if (scope.length === 0) return null;
    // FOR UPDATE cannot take the joined organisations (outer joins): lock the row, then read it with them.
    await this.transactions.manager.query(`SELECT 1 FROM app.transfer WHERE id = $1 FOR UPDATE`, [id]);
    return this.findIncoming(id, scope);
  }

  /** The case's transfer in its current state, locked until the transaction ends (a cancellation racing a decision). */
  async lockInCase(caseId: string, id: string): Promise<TransferEntity | null> {
    await this.transactions.manager.query(`SELECT 1 FROM app.transfer WHERE id = $1 AND case_id = $2 FOR UPDATE`, [
      id,
      caseId,
    ]);
    return this.findInCase(caseId, id);
  }

  /** The case's transfers waiting for a decision (the return gate suspends or resumes those that are returns). */
  pendingForCase(caseId: string): Promise<TransferEntity[]> {
    return this.transactions.manager
      .getRepository(TransferEntity)
      .find({ where: { caseId, status: 'proposed' }, relations: WITH_ORGANISATIONS });
  }

  /** Holds (a time and reasons) or releases (nulls) a return; a new version, so a decision taken on the old one answers 409. */
  async setSuspension(id: string, since: Date | null, reasons: string[] | null): Promise<void> {
    await this.transactions.manager.query(
      `UPDATE app.transfer SET return_suspended_at = $2, return_suspension_reasons = $3, version = version + 1 WHERE id = $1`,
      [id, since, reasons],
    );
  }

  /** How many transfers proposed to the caller's organisation wait for a decision. */
  async countWaiting(scope: Scope): Promise<number> {
    if (scope.length === 0) return 0;
    return this.dataSource
      .getRepository(TransferEntity)
      .count({ where: scope.map((allowed) => ({ ...allowed, status: 'proposed' as const })) });
  }

  /** One page of the transfers proposed to the scope's organisation, by cursor (INCOMING_LIST). */
  async incoming(scope: Scope, query: KeysetQuery<IncomingTransferSort>): Promise<KeysetEntityPage<TransferEntity>> {
    if (scope.length === 0) return { rows: [], plan: keysetPlan(query, INCOMING_LIST.sorts[query.sort]), count: 0 };
    const builder = this.dataSource
      .getRepository(TransferEntity)
      .createQueryBuilder('t')
      .leftJoinAndSelect('t.fromOrganisation', 'from_organisation')
      .leftJoinAndSelect('t.toOrganisation', 'to_organisation');
    // The caller's scope (the receiving organisation): equalities OR-ed together.
    const scopeClauses = scope.map((allowed, index) => {
      const parts = Object.entries(allowed).map(([field, value]) => {
        builder.setParameter(`scope${index}_${field}`, value);
        return `t.${field} = :scope${index}_${field}`;
      });
      return parts.length ? `(${parts.join(' AND ')})` : 'TRUE';
    });
    builder.where(`(${scopeClauses.join(' OR ')})`).andWhere(`t.status <> 'cancelled'`);
    return readKeysetPage(this.dataSource, builder, INCOMING_LIST, query);
  }

  /** The partial unique index allows one open proposal per case; a second answers false. */
  async insert(
    values: Pick<
      TransferEntity,
      'caseId' | 'fromOrganisationId' | 'toOrganisationId' | 'forReturn' | 'sealedReason' | 'proposedBy'
    >,
  ): Promise<string | null> {
    const rows: { id: string }[] = await this.transactions.manager.query(
      `INSERT INTO app.transfer (case_id, from_organisation_id, to_organisation_id, for_return, sealed_reason, status, proposed_by)
       VALUES ($1, $2, $3, $4, $5, 'proposed', $6) ON CONFLICT DO NOTHING RETURNING id`,
      [
        values.caseId,
        values.fromOrganisationId,
        values.toOrganisationId,
        values.forReturn,
        values.sealedReason,
        values.proposedBy,
      ],
    );
    return rows[0]?.id ?? null;
  }

  async updateIfVersion(id: string, version: number, changes: Partial<TransferEntity>): Promise<boolean> {
    const result = await this.transactions.manager
      .getRepository(TransferEntity)
      .update({ id, version }, { ...changes, version: () => 'version + 1' });
    return (result.affected ?? 0) === 1;
  }
}
