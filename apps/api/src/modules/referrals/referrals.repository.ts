import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { Scope } from '@haven/access';
import {
  INBOX_STATUSES,
  type InboxSort,
  type InboxStatus,
  type KeysetQuery,
  type ReferralStatus,
} from '@haven/contracts';
import { ReferralEntity } from './referral.entity.js';
import {
  boundedCountSql,
  keysetSql,
  type KeysetList,
  type KeysetPlan,
  type KeysetSql,
} from '../../core/database/keyset.js';
import { scopeCondition, SqlParameters } from '../../core/database/scope-sql.js';
import { TransactionHost } from '../../core/database/transaction-host.js';

const WITH_ORGANISATIONS = { fromOrganisation: true, toOrganisation: true } as const;

/** What an inbox line shows, and no more (the partner's view is minimal, docs/architecture.md, rule 4): a row of the inbox query as it comes. */
export type InboxLine = Pick<
  ReferralEntity,
  'id' | 'fromOrganisationId' | 'services' | 'urgency' | 'status' | 'sentAt' | 'version' | 'sharedSex' | 'sharedAgeBand'
> & { fromOrganisationName: string };
/** An inbox line with the keys of the page's cursors. */
export type InboxPageLine = InboxLine & { sort_key: string; key_id: string };

// The inbox's states are written out (not only a parameter) so that the planner matches the partial index.
const inboxPageSql = (scope: string, statuses: string, page: KeysetSql) => `
  SELECT ${page.keySelect}, r.id, r.from_organisation_id AS "fromOrganisationId", o.name AS "fromOrganisationName",
         r.services, r.urgency, r.status, r.sent_at AS "sentAt", r.version,
         r.shared_sex AS "sharedSex", r.shared_age_band AS "sharedAgeBand"
    FROM app.referral r JOIN app.organisation o ON o.id = r.from_organisation_id
   WHERE ${scope} AND r.status IN ('sent', 'accepted', 'completed') AND r.status = ANY(${statuses}::text[])
         ${page.condition ? `AND ${page.condition}` : ''}
   ORDER BY ${page.orderBy}
   ${page.limitOffset}`;
/** Each state counted up to LIST_COUNT_LIMIT + 1, each count reading the inbox index only. */
const inboxCountSql = (scope: string) => `
  SELECT ${INBOX_STATUSES.map(
    (status) =>
      `(${boundedCountSql(`SELECT 1 FROM app.referral r WHERE ${scope} AND r.status IN ('sent', 'accepted', 'completed') AND r.status = '${status}'`)}) AS "${status}"`,
  ).join(', ')}`;

/** The inbox's sorts (INBOX_SORTS): sent_at, read in referral_inbox_page_idx's order. */
const INBOX_LIST: KeysetList<InboxSort> = {
  sorts: { sentAt: { column: 'r.sent_at', type: 'timestamptz' } },
  id: { column: 'r.id', type: 'uuid' },
};

/** The columns of app.referral a Referral rule may put conditions on. */
const SCOPE_COLUMNS: Record<string, string> = {
  toOrganisationId: 'r.to_organisation_id',
  fromOrganisationId: 'r.from_organisation_id',
};

@Injectable()
export class ReferralsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionHost,
  ) {}

  /** Anonymisation (retention, erasure): keeps statuses, dates and outcomes (statistics count them); drops messages, override reasons and partners' responses. */
  async clearCaseText(caseId: string): Promise<void> {
    await this.transactions.manager.query(
      `UPDATE app.referral SET sealed_message = NULL, sealed_override_reason = NULL, sealed_response = NULL WHERE case_id = $1`,
      [caseId],
    );
  }

  private repository() {
    return this.transactions.manager.getRepository(ReferralEntity);
  }

  listForCase(caseId: string): Promise<ReferralEntity[]> {
    return this.repository().find({ where: { caseId }, relations: WITH_ORGANISATIONS, order: { sentAt: 'DESC' } });
  }

  findInCase(caseId: string, id: string): Promise<ReferralEntity | null> {
    return this.repository().findOne({ where: { caseId, id }, relations: WITH_ORGANISATIONS });
  }

  /** A referral the partner may open: addressed to its organisation (scope) and in one of the statuses given. */
  /** Inside a transaction, the referral's row stays locked until it ends. */
  async findForRecipient(
    id: string,
    scope: Scope,
    statuses: readonly ReferralStatus[],
  ): Promise<ReferralEntity | null> {
    if (scope.length === 0) return null;
    const query = this.repository()
      .createQueryBuilder('r')
      .leftJoinAndSelect('r.fromOrganisation', 'fromOrganisation')
      .leftJoinAndSelect('r.toOrganisation', 'toOrganisation')
      .where(scope.map((allowed) => ({ ...allowed, id, status: In([...statuses]) })));
    return (this.transactions.inTransaction ? query.setLock('pessimistic_write', undefined, ['r']) : query).getOne();
  }

  /**
   * One page of a partner's inbox by cursor (core/database/keyset.ts), and the whole inbox
   * counted by state up to LIST_COUNT_LIMIT each; the two queries run at once, on two pooled
   * connections. Plain SQL with only the columns an inbox line shows: hydrating entities with
   * both organisations cost more than the queries themselves. The page reads
   * `referral_inbox_page_idx` in order (forwards or backwards) and stops after the page; the
   * counts read that index alone, since it also holds every column the row-level policies on
   * referrals look at (migration 1764453000000).
   */
  async inbox(
    scope: Scope,
    statuses: readonly ReferralStatus[],
    query: KeysetQuery<InboxSort>,
  ): Promise<{ lines: InboxPageLine[]; plan: KeysetPlan; counts: Record<InboxStatus, number> }> {
    const pageParameters = new SqlParameters();
    const page = keysetSql(INBOX_LIST, query, (value) => pageParameters.add(value));
    const counts: Record<InboxStatus, number> = { sent: 0, accepted: 0, completed: 0 };
    if (scope.length === 0) return { lines: [], plan: page.plan, counts };
    const pageSql = inboxPageSql(
      scopeCondition(scope, SCOPE_COLUMNS, pageParameters),
      pageParameters.add(statuses),
      page,
    );
    const countParameters = new SqlParameters();
    const countSql = inboxCountSql(scopeCondition(scope, SCOPE_COLUMNS, countParameters));
    const [lines, counted] = (await Promise.all([
      this.dataSource.query(pageSql, pageParameters.values),
      this.dataSource.query(countSql, countParameters.values),
    ])) as [InboxPageLine[], Record<InboxStatus, number>[]];
    for (const status of INBOX_STATUSES) counts[status] = counted[0]?.[status] ?? 0;
    return { lines, plan: page.plan, counts };
  }

  /** Like findForRecipient, locked until the transaction ends and read as it stands now: of two answers at once, the second waits and sees the first. */
  async lockForRecipient(
    id: string,
    scope: Scope,
    statuses: readonly ReferralStatus[],
  ): Promise<ReferralEntity | null> {
    if (scope.length === 0) return null;
    // FOR UPDATE cannot take the joined organisations (outer joins): lock the row, then read it with them.
    await this.transactions.manager.query(`SELECT 1 FROM app.referral WHERE id = $1 FOR UPDATE`, [id]);
    return this.findForRecipient(id, scope, statuses);
  }

  /** The case's referral in its current state, locked until the transaction ends. */
  async lockInCase(caseId: string, id: string): Promise<ReferralEntity | null> {
    await this.transactions.manager.query(`SELECT 1 FROM app.referral WHERE id = $1 AND case_id = $2 FOR UPDATE`, [
      id,
      caseId,
    ]);
    return this.findInCase(caseId, id);
  }

  /** The case's open referrals (the return gate suspends or resumes those that are returns). */
  pendingForCase(caseId: string): Promise<ReferralEntity[]> {
    return this.repository().find({
      where: { caseId, status: In(['sent', 'accepted']) },
      relations: WITH_ORGANISATIONS,
    });
  }

  /** Holds (a time and reasons) or releases (nulls) a return; a new version, so an answer given on the old one is refused. */
  async setSuspension(id: string, since: Date | null, reasons: string[] | null): Promise<void> {
    await this.transactions.manager.query(
      `UPDATE app.referral SET return_suspended_at = $2, return_suspension_reasons = $3, version = version + 1 WHERE id = $1`,
      [id, since, reasons],
    );
  }

  /** The case's open referrals, locked until the transaction ends. */
  openForCase(caseId: string): Promise<ReferralEntity[]> {
    return this.repository().find({
      where: { caseId, status: In(['sent', 'accepted']) },
      lock: { mode: 'pessimistic_write' },
      order: { sentAt: 'ASC' },
    });
  }

  openFor(caseId: string, toOrganisationId: string): Promise<ReferralEntity[]> {
    return this.repository().find({ where: { caseId, toOrganisationId, status: In(['sent', 'accepted']) } });
  }

  async insert(
    values: Omit<
      ReferralEntity,
      | 'id'
      | 'version'
      | 'fromOrganisation'
      | 'toOrganisation'
      | 'sealedResponse'
      | 'outcome'
      | 'respondedBy'
      | 'respondedAt'
      | 'closedAt'
      | 'returnSuspendedAt'
      | 'returnSuspensionReasons'
    >,
  ): Promise<string> {
    const result = await this.repository().insert({ ...values, version: 1 });
    return result.identifiers[0]!.id as string;
  }

  /** Moves a referral on only from the version the caller saw. */
  async updateIfVersion(id: string, version: number, changes: Partial<ReferralEntity>): Promise<boolean> {
    const result = await this.repository().update({ id, version }, { ...changes, version: () => 'version + 1' });
    return (result.affected ?? 0) === 1;
  }
}
