import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, Raw, type FindOptionsWhere } from 'typeorm';
import type { Scope } from '@haven/access';
import {
  CASE_REFERENCE_LENGTH,
  type AnonymisationKind,
  type CaseSort,
  type CaseStage,
  type CaseStatus,
  type KeysetQuery,
  type RiskLevel,
} from '@haven/contracts';
import { CaseChangeEntity } from './case-change.entity.js';
import { CaseKeyEntity } from './case-key.entity.js';
import { CaseEntity } from './case.entity.js';
import { scopeCondition, SqlParameters } from '../../core/database/scope-sql.js';
import { SurvivorIdentityEntity } from './survivor-identity.entity.js';
import { hasOverdueOpenTask } from './read-models/case-overview.read-model.js';
import { TransactionHost } from '../../core/database/transaction-host.js';
import {
  boundedCountSql,
  keysetCondition,
  keysetPlan,
  readKeysetPage,
  type KeysetEntityPage,
  type KeysetList,
  sortKeySql,
  type KeysetPlan,
  type SortColumn,
} from '../../core/database/keyset.js';

export interface CaseListFilter {
  status?: CaseStatus;
  riskLevel?: RiskLevel;
  stage?: CaseStage;
  assigneeId?: string;
  overdue?: boolean;
  /** A reference or the start of one. */
  referencePrefix?: string;
  /** Only cases whose name index holds every term of a name search (name-index.ts). */
  names?: NameFilter;
}

/** A name search as the list's filter: the hashes of its terms, in the organisation whose key made them. */
export interface NameFilter {
  organisationId: string;
  hashes: Buffer[];
  terms: number[];
  termCount: number;
}

export type CaseChange = Pick<CaseChangeEntity, 'section' | 'action'> &
  Partial<Pick<CaseChangeEntity, 'field' | 'oldValue' | 'newValue' | 'sealedComment'>>;

/** What a row of a case list shows (toCaseSummary). */
const CASE_LIST_COLUMNS = [
  'id',
  'reference',
  'status',
  'stage',
  'riskLevel',
  'sensitive',
  'sex',
  'nationality',
  'ageAtRegistration',
  'registeredAt',
  'updatedAt',
] as const;

/** Each allowed sort of a case list and the column it reads (indexes: migration 1764481000000). */
const CASE_SORT_COLUMNS: Record<CaseSort, SortColumn> = {
  registeredAt: { column: 'c.registered_at', type: 'timestamptz' },
  updatedAt: { column: 'c.updated_at', type: 'timestamptz' },
  reference: { column: 'c.reference', type: 'text', maxLength: CASE_REFERENCE_LENGTH },
};

/** A case's history in the order its changes were recorded: their ids (case_change_case_idx). */
const HISTORY_LIST: KeysetList<'occurredAt'> = {
  sorts: { occurredAt: { column: 'h.id', type: 'bigint' } },
  id: { column: 'h.id', type: 'bigint' },
};

/** The columns of app."case" a Case rule may put conditions on, for plain SQL. */
const CASE_SCOPE_COLUMNS: Record<string, string> = {
  organisationId: 'c.organisation_id',
  assigneeId: 'c.assignee_id',
  team: 'c.team',
  sensitive: 'c.sensitive',
};

/**
 * The organisation's ($2) cases whose identity has the duplicate key $1, each with whether
 * `readable` (the caller's read scope, as SQL) covers it.
 */
const duplicatesSql = (readable: string) => `
  SELECT c.id, c.reference, ${readable} AS readable FROM app.survivor_identity i JOIN app."case" c ON c.id = i.case_id
   WHERE i.duplicate_key = $1 AND c.organisation_id = $2
   ORDER BY c.registered_at LIMIT 10`;

/** A possible duplicate: the case, and whether the caller may read it (only then may she learn its reference). */
export interface PossibleDuplicate {
  id: string;
  reference: string;
  readable: boolean;
}

/** One case of a transfer chain: the same survivor, held by one organisation. */
export interface ChainCopy {
  id: string;
  organisationId: string;
  anonymised: boolean;
}

/** The rows of a new case besides the case itself (`insertRegistrationRecords`). */
export interface RegistrationRecords {
  caseId: string;
  wrappedKey: Buffer;
  sealedIdentity: Buffer;
  duplicateKey: Buffer | null;
  /** The case's organisation, whose key made the name index's hashes. */
  organisationId: string;
  nameTokens: Buffer[];
  nameIndexVersion: number;
  actorUserId: string;
  at: Date;
}

/**
 * Every query that returns cases takes the caller's scope (from libs/access) and puts
 * it in the WHERE clause: rows outside it are never read (docs/architecture.md, rule 1).
 */
@Injectable()
export class CasesRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionHost,
  ) {}

  async findInScope(id: string, scope: Scope): Promise<CaseEntity | null> {
    if (scope.length === 0) return null;
    // One query: findOne() with relations would add a DISTINCT sub-query for its LIMIT 1.
    return (
      this.transactions.manager
        .getRepository(CaseEntity)
        .createQueryBuilder('c')
        // Of the people and the organisation, only what a case shows (their names).
        .leftJoin('c.assignee', 'assignee')
        .leftJoin('c.organisation', 'organisation')
        .leftJoin('c.closureRequester', 'closureRequester')
        .addSelect([
          'assignee.id',
          'assignee.displayName',
          'organisation.id',
          'organisation.name',
          'closureRequester.id',
          'closureRequester.displayName',
        ])
        .where(scope.map((allowed) => ({ ...allowed, id })))
        .getOne()
    );
  }

  /** Unscoped: only for features that have established access another way (a referral's lens, a transfer). */
  findById(id: string): Promise<CaseEntity | null> {
    return this.transactions.manager
      .getRepository(CaseEntity)
      .findOne({ where: { id }, relations: { organisation: true } });
  }

  /**
   * One page of the cases in the scope, by keyset (core/database/keyset.ts), with the count
   * bounded at LIST_COUNT_LIMIT. The page and the count run at once, on two pooled connections.
   */
  async list(
    scope: Scope,
    filter: CaseListFilter,
    query: KeysetQuery<CaseSort>,
  ): Promise<{ rows: { entity: CaseEntity; key: { value: string; id: string } }[]; plan: KeysetPlan; count: number }> {
    const sort = CASE_SORT_COLUMNS[query.sort];
    const plan = keysetPlan(query, sort);
    if (scope.length === 0) return { rows: [], plan, count: 0 };
    const narrowing: FindOptionsWhere<CaseEntity> = {
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.riskLevel ? { riskLevel: filter.riskLevel } : {}),
      ...(filter.stage ? { stage: filter.stage } : {}),
      ...(filter.assigneeId ? { assigneeId: filter.assigneeId } : {}),
      ...(filter.referencePrefix ? { reference: referenceStartingWith(filter.referencePrefix) } : {}),
      ...(filter.overdue ? { id: Raw(hasOverdueOpenTask) } : {}),
      ...(filter.names ? { id: namesMatching(filter.names, filter.overdue) } : {}),
    };
    const where = new Brackets((inScope) => inScope.where(scope.map((allowed) => ({ ...allowed, ...narrowing }))));
    const repository = this.dataSource.getRepository(CaseEntity);
    // The join adds no rows (a case has one assignee). Only the columns a list row shows.
    // Ordered by the sort key then the id, in the direction of an index on (organisation,
    // [assignee,] key, id): the page is read from the index, never sorted.
    const page = repository
      .createQueryBuilder('c')
      .select(CASE_LIST_COLUMNS.map((column) => `c.${column}`))
      .addSelect(sortKeySql(sort), 'sort_key')
      .leftJoin('c.assignee', 'assignee')
      .addSelect(['assignee.id', 'assignee.displayName'])
      .where(where);
    const parameters: Record<string, unknown> = {};
    const after = keysetCondition(plan, sort, 'c.id', (value) => {
      const name = `keyset${Object.keys(parameters).length}`;
      parameters[name] = value;
      return `:${name}`;
    });
    if (after) page.andWhere(after, parameters);
    page.orderBy(sort.column, plan.readOrder).addOrderBy('c.id', plan.readOrder).offset(plan.offset).limit(plan.limit);
    const [countedSql, countedParameters] = repository
      .createQueryBuilder('c')
      .select('1')
      .where(where)
      .getQueryAndParameters();
    const [{ entities, raw }, count] = await Promise.all([
      page.getRawAndEntities<{ c_id: string; sort_key: string }>(),
      this.dataSource
        .query(boundedCountSql(countedSql), countedParameters)
        .then((result: { count: number }[]) => result[0]?.count ?? 0),
    ]);
    const keys = new Map(raw.map((row) => [row.c_id, row.sort_key]));
    return {
      rows: entities.map((entity) => ({ entity, key: { value: keys.get(entity.id) ?? '', id: entity.id } })),
      plan,
      count,
    };
  }

  /** Counts for "my work": cases in the scope that are still open. */
  async countOpen(scope: Scope): Promise<{ active: number; highRisk: number }> {
    if (scope.length === 0) return { active: 0, highRisk: 0 };
    const repository = this.dataSource.getRepository(CaseEntity);
    const open = scope.map((allowed) => ({
      ...allowed,
      status: Raw((column) => `${column} IN ('Active', 'FollowUp')`),
    }));
    const [active, highRisk] = await Promise.all([
      repository.countBy(open),
      repository.countBy(
        open.map((filter) => ({ ...filter, riskLevel: Raw((column) => `${column} IN ('high', 'critical')`) })),
      ),
    ]);
    return { active, highRisk };
  }

  /** Closure requests waiting in an organisation. */
  pendingClosures(organisationId: string): Promise<CaseEntity[]> {
    return this.dataSource.getRepository(CaseEntity).find({
      where: { organisationId, closureRequestedAt: Raw((column) => `${column} IS NOT NULL`) },
      relations: { closureRequester: true },
      order: { closureRequestedAt: 'ASC' },
      take: 100,
    });
  }

  /**
   * Inserts a case under the first reference from `references` that no case anywhere
   * holds. Taken by the insert itself (ON CONFLICT DO NOTHING on the unique reference):
   * asking first would see only the caller's organisation under row-level security, and
   * costs a round trip.
   */
  async insertCase(
    references: () => string,
    values: Omit<
      CaseEntity,
      | 'id'
      | 'reference'
      | 'version'
      | 'assignee'
      | 'organisation'
      | 'anonymisedAt'
      | 'anonymisationKind'
      | 'closureRequester'
      | 'closureReason'
      | 'closureRequestedBy'
      | 'closureRequestedAt'
      | 'closedAt'
      | 'transferredFromCaseId'
    > & { transferredFromCaseId?: string | null },
  ): Promise<{ id: string; reference: string }> {
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const reference = references();
      const result = await this.transactions.manager
        .createQueryBuilder()
        .insert()
        .into(CaseEntity)
        .values({ ...values, reference, version: 1 })
        .orIgnore()
        .returning(['id'])
        .execute();
      const id = (result.raw as { id: string }[])[0]?.id;
      if (id) return { id, reference };
    }
    throw new Error('Could not find a free case reference');
  }

  /**
   * Applies changes only if the case is still at `version`, and moves it to the next
   * version. Answers false when someone else changed it first.
   */
  async updateIfVersion(id: string, version: number, changes: Partial<CaseEntity>): Promise<boolean> {
    const result = await this.transactions.manager
      .getRepository(CaseEntity)
      .update({ id, version }, { ...changes, updatedAt: new Date(), version: () => 'version + 1' });
    return (result.affected ?? 0) === 1;
  }

  /**
   * Serialises, until the transaction ends, every step that moves the case toward return
   * with every record of a protection concern or review on it (return safety). An advisory
   * lock rather than the case row's: a partner or receiving organisation taking the step may
   * read the case row but not lock it (row-level security), and a step may insert rather
   * than update.
   */
  async lockReturnSafeguards(caseId: string): Promise<void> {
    await this.transactions.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `return-safeguards:${caseId}`,
    ]);
  }

  /** Locks the case row until the transaction ends and answers its current version. */
  async lockVersion(id: string): Promise<number> {
    const [row] = (await this.transactions.manager.query('SELECT version FROM app."case" WHERE id = $1 FOR UPDATE', [
      id,
    ])) as { version: number }[];
    return row!.version;
  }

  async insertKey(caseId: string, wrappedKey: Buffer): Promise<void> {
    await this.transactions.manager.getRepository(CaseKeyEntity).insert({ caseId, wrappedKey, createdAt: new Date() });
  }

  async insertIdentity(caseId: string, sealedPayload: Buffer, duplicateKey: Buffer | null): Promise<void> {
    const now = new Date();
    await this.transactions.manager
      .getRepository(SurvivorIdentityEntity)
      .insert({ caseId, sealedPayload, duplicateKey, createdAt: now, updatedAt: now });
  }

  async updateIdentity(caseId: string, sealedPayload: Buffer, duplicateKey: Buffer | null): Promise<void> {
    await this.transactions.manager
      .getRepository(SurvivorIdentityEntity)
      .update({ caseId }, { sealedPayload, duplicateKey, updatedAt: new Date() });
  }

  /**
   * What a registration writes besides the case, in one statement: the case's data key,
   * the sealed identity, its entries in the name index and the first history entry (one round
   * trip instead of four, inside the registration's transaction).
   */
  async insertRegistrationRecords(records: RegistrationRecords): Promise<void> {
    await this.transactions.manager.query(
      `WITH case_key AS (
         INSERT INTO app.case_key (case_id, wrapped_key, created_at) VALUES ($1, $2, $5)
       ), identity AS (
         INSERT INTO app.survivor_identity (case_id, sealed_payload, duplicate_key, name_index_version, created_at, updated_at)
         VALUES ($1, $3, $4, $9, $5, $5)
       ), name_tokens AS (
         INSERT INTO app.case_name_token (organisation_id, token, case_id)
         SELECT $7, token, $1 FROM unnest($8::bytea[]) AS token ON CONFLICT DO NOTHING
       )
       INSERT INTO app.case_change (case_id, occurred_at, actor_user_id, section, action) VALUES ($1, $5, $6, 'case', 'registered')`,
      [
        records.caseId,
        records.wrappedKey,
        records.sealedIdentity,
        records.duplicateKey,
        records.at,
        records.actorUserId,
        records.organisationId,
        records.nameTokens,
        records.nameIndexVersion,
      ],
    );
  }

  /**
   * Replaces a case's entries in the name index and records by which rules they were made, in
   * the caller's transaction (registration, identity change, transfer, the index's backfill).
   */
  async replaceNameTokens(caseId: string, organisationId: string, hashes: Buffer[], version: number): Promise<void> {
    const manager = this.transactions.manager;
    await manager.query(`DELETE FROM app.case_name_token WHERE case_id = $1`, [caseId]);
    await manager.query(
      `INSERT INTO app.case_name_token (organisation_id, token, case_id)
       SELECT $2, token, $1 FROM unnest($3::bytea[]) AS token ON CONFLICT DO NOTHING`,
      [caseId, organisationId, hashes],
    );
    await manager.query(`UPDATE app.survivor_identity SET name_index_version = $2 WHERE case_id = $1`, [
      caseId,
      version,
    ]);
  }

  /**
   * The sealed identities of those of `caseIds` whose name may be shown, with each case's assignee
   * as it stands when they are read — in one statement, so that a reassignment or "mark sensitive"
   * commits either before it (and the name is not read) or after it (and the name was read while
   * the rule allowed it): the rule is applied to these values, never to ones read earlier. None of
   * another organisation, none anonymised or sensitive, none at all when the organisation does not
   * show names in lists (its setting is read here too).
   */
  async identitiesForList(
    organisationId: string,
    caseIds: string[],
  ): Promise<{ caseId: string; assigneeId: string | null; wrappedKey: Buffer; sealedPayload: Buffer }[]> {
    if (caseIds.length === 0) return [];
    return (await this.transactions.manager.query(
      `SELECT c.id AS "caseId", c.assignee_id AS "assigneeId",
              k.wrapped_key AS "wrappedKey", i.sealed_payload AS "sealedPayload"
         FROM app."case" c
         JOIN app.survivor_identity i ON i.case_id = c.id
         JOIN app.case_key k ON k.case_id = c.id
        WHERE c.id = ANY($2::uuid[]) AND c.organisation_id = $1
          AND c.anonymised_at IS NULL AND NOT c.sensitive
          AND (SELECT o.lists_show_names FROM app.organisation o WHERE o.id = $1)`,
      [organisationId, caseIds],
    )) as { caseId: string; assigneeId: string | null; wrappedKey: Buffer; sealedPayload: Buffer }[];
  }

  /** Whether the organisation shows survivors' names outside the case page (its setting `listsShowNames`). */
  async organisationShowsNames(organisationId: string): Promise<boolean> {
    const rows = (await this.transactions.manager.query(
      `SELECT o.lists_show_names AS "showsNames" FROM app.organisation o WHERE o.id = $1`,
      [organisationId],
    )) as { showsNames: boolean }[];
    return rows[0]?.showsNames === true;
  }

  /** Identities whose name index was made by older rules (or never), in case id order after `afterCaseId`, a batch at a time. */
  async identitiesToIndex(
    version: number,
    afterCaseId: string,
    limit: number,
  ): Promise<{ caseId: string; organisationId: string; registeredAt: Date }[]> {
    return (await this.transactions.manager.query(
      `SELECT i.case_id AS "caseId", c.organisation_id AS "organisationId", c.registered_at AS "registeredAt"
         FROM app.survivor_identity i JOIN app."case" c ON c.id = i.case_id
        WHERE i.name_index_version < $1 AND i.case_id > $2 AND c.anonymised_at IS NULL
        ORDER BY i.case_id LIMIT $3`,
      [version, afterCaseId, limit],
    )) as { caseId: string; organisationId: string; registeredAt: Date }[];
  }

  /** Locks the identity row until the transaction ends if its name index is still below `version`; answers whether it is. */
  async lockIdentityToIndex(caseId: string, version: number): Promise<boolean> {
    const rows = (await this.transactions.manager.query(
      `SELECT 1 FROM app.survivor_identity WHERE case_id = $1 AND name_index_version < $2 FOR UPDATE`,
      [caseId, version],
    )) as unknown[];
    return rows.length === 1;
  }

  /** Inside a transaction, on its connection: a transaction holding locks must not wait for a second pooled connection. */
  findKey(caseId: string): Promise<CaseKeyEntity | null> {
    return this.transactions.manager.getRepository(CaseKeyEntity).findOneBy({ caseId });
  }

  findIdentity(caseId: string): Promise<SurvivorIdentityEntity | null> {
    return this.transactions.manager.getRepository(SurvivorIdentityEntity).findOneBy({ caseId });
  }

  /**
   * What a registration needs to know before it writes, in one round trip: the references
   * of possible duplicates (as `referencesWithDuplicateKey`) and the organisation's name
   * for the answer.
   */
  async registrationContext(
    organisationId: string,
    duplicateKey: Buffer,
    readScope: Scope,
  ): Promise<{ organisationName: string; possibleDuplicates: PossibleDuplicate[] }> {
    const parameters = new SqlParameters(duplicateKey, organisationId);
    const duplicates = duplicatesSql(scopeCondition(readScope, CASE_SCOPE_COLUMNS, parameters));
    const [row] = (await this.dataSource.query(
      `SELECT (SELECT o.name FROM app.organisation o WHERE o.id = $2) AS "organisationName",
              (SELECT coalesce(json_agg(d), '[]'::json) FROM (${duplicates}) d) AS "possibleDuplicates"`,
      parameters.values,
    )) as { organisationName: string | null; possibleDuplicates: PossibleDuplicate[] }[];
    return { organisationName: row?.organisationName ?? '', possibleDuplicates: row?.possibleDuplicates ?? [] };
  }

  /** Cases in the organisation whose identity has the same duplicate key, each with whether the read scope covers it. */
  async duplicatesOf(organisationId: string, duplicateKey: Buffer, readScope: Scope): Promise<PossibleDuplicate[]> {
    const parameters = new SqlParameters(duplicateKey, organisationId);
    return this.transactions.manager.query(
      duplicatesSql(scopeCondition(readScope, CASE_SCOPE_COLUMNS, parameters)),
      parameters.values,
    ) as Promise<PossibleDuplicate[]>;
  }

  /**
   * Counts one duplicate check for the user unless `limit` were counted in the last hour. The
   * user's checks are serialised (a transaction-level advisory lock), so parallel requests
   * cannot all slip under the limit. Answers, when refused, the seconds until one is free.
   */
  async countDuplicateCheck(
    userId: string,
    limit: number,
  ): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
    await this.transactions.manager.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('duplicate-check:' || $1::text, 0))`,
      [userId],
    );
    await this.transactions.manager.query(
      `DELETE FROM app.duplicate_check WHERE user_id = $1 AND checked_at <= clock_timestamp() - interval '1 hour'`,
      [userId],
    );
    const [counted] = (await this.transactions.manager.query(
      `SELECT count(*)::int AS count, ceil(extract(epoch FROM min(checked_at) + interval '1 hour' - clock_timestamp()))::int AS "retryAfterSeconds"
         FROM app.duplicate_check WHERE user_id = $1`,
      [userId],
    )) as { count: number; retryAfterSeconds: number | null }[];
    if ((counted?.count ?? 0) >= limit)
      return { allowed: false, retryAfterSeconds: Math.max(1, counted?.retryAfterSeconds ?? 1) };
    await this.transactions.manager.query(
      `INSERT INTO app.duplicate_check (user_id, checked_at) VALUES ($1, clock_timestamp())`,
      [userId],
    );
    return { allowed: true };
  }

  async recordChanges(actorUserId: string, caseId: string, changes: CaseChange[]): Promise<void> {
    if (changes.length === 0) return;
    const occurredAt = new Date();
    await this.transactions.manager.getRepository(CaseChangeEntity).insert(
      changes.map((change) => ({
        field: null,
        oldValue: null,
        newValue: null,
        sealedComment: null,
        ...change,
        caseId,
        actorUserId,
        occurredAt,
      })),
    );
  }

  /**
   * Locks the case until the transaction ends (anonymisation runs one case at a time): first the
   * case's advisory lock, which every step between organisations on the case takes first too (a
   * partner's answer or report, a receiver's decision, a withdrawal or cancellation), then the row.
   * In that order the two cannot deadlock — a partner's step holding its referral row would
   * otherwise wait for this row (its history entry refers to the case) while the anonymisation
   * waits for the referral — and a step never interleaves with the anonymisation.
   */
  async lockForAnonymisation(id: string): Promise<CaseEntity | null> {
    await this.lockReturnSafeguards(id);
    return this.transactions.manager
      .getRepository(CaseEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Crypto-shredding (docs/architecture.md, rule 6): deletes the case's data key and the sealed identity
   * (with its duplicate-check hash), clears the sealed comments of its history, and marks the
   * case anonymised. The coded columns the statistics read stay as they are.
   */
  async shred(shredding: Shredding): Promise<void> {
    await this.transactions.manager.getRepository(CaseKeyEntity).delete({ caseId: shredding.caseId });
    await this.transactions.manager.getRepository(SurvivorIdentityEntity).delete({ caseId: shredding.caseId });
    await this.transactions.manager.query(`DELETE FROM app.case_name_token WHERE case_id = $1`, [shredding.caseId]);
    await this.transactions.manager
      .getRepository(CaseChangeEntity)
      .update({ caseId: shredding.caseId }, { sealedComment: null });
    await this.transactions.manager.getRepository(CaseEntity).update(
      { id: shredding.caseId },
      {
        anonymisedAt: shredding.at,
        anonymisationKind: shredding.kind,
        closureRequestedBy: null,
        closureRequestedAt: null,
        ...(shredding.close
          ? {
              status: 'Closed' as const,
              closedAt: shredding.close.closedAt,
              closureReason: shredding.close.closureReason,
            }
          : {}),
        updatedAt: shredding.at,
        version: () => 'version + 1',
      },
    );
  }

  /** The same survivor's case along transfers, both ways (the case it came from, the cases it went to). */
  async transferChain(caseId: string): Promise<string[]> {
    return (await this.transferChainCopies(caseId)).map((copy) => copy.id);
  }

  /** The cases of a transfer chain (this one included) with the organisation holding each and whether it is anonymised. */
  async transferChainCopies(caseId: string): Promise<ChainCopy[]> {
    const rows: { id: string; organisationId: string; anonymised: boolean }[] = await this.transactions.manager.query(
      `WITH RECURSIVE chain(id) AS (
         SELECT $1::uuid
         UNION
         SELECT c.id FROM app."case" c JOIN chain ON c.transferred_from_case_id = chain.id
                                                 OR c.id = (SELECT p.transferred_from_case_id FROM app."case" p WHERE p.id = chain.id)
       )
       SELECT c.id, c.organisation_id AS "organisationId", c.anonymised_at IS NOT NULL AS anonymised
         FROM chain JOIN app."case" c ON c.id = chain.id
        ORDER BY c.registered_at, c.id`,
      [caseId],
    );
    return rows;
  }

  /** Closed cases of an organisation closed before `closedBefore` and not yet anonymised, oldest first. */
  async dueForRetention(organisationId: string, closedBefore: Date, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM app."case"
        WHERE organisation_id = $1 AND anonymised_at IS NULL AND closed_at IS NOT NULL AND closed_at < $2
          AND status IN ('Closed', 'ClosedReferred')
        ORDER BY closed_at, id LIMIT $3`,
      [organisationId, closedBefore, limit],
    );
    return rows.map((row) => row.id);
  }

  /** One page of a case's history by cursor, without the sections the viewer may not read (index case_change_case_idx). */
  history(
    caseId: string,
    hiddenSections: string[],
    query: KeysetQuery<'occurredAt'>,
  ): Promise<KeysetEntityPage<CaseChangeEntity>> {
    const builder = this.dataSource
      .getRepository(CaseChangeEntity)
      .createQueryBuilder('h')
      .leftJoinAndSelect('h.actor', 'actor')
      .where('h.case_id = :caseId', { caseId })
      .andWhere('NOT (h.section = ANY(:hiddenSections))', { hiddenSections });
    return readKeysetPage(this.dataSource, builder, HISTORY_LIST, query);
  }
}

/** What shredding leaves of a case: the coded facts, marked as anonymised. */
export interface Shredding {
  caseId: string;
  kind: AnonymisationKind;
  at: Date;
  /** Set when an open case is closed by its erasure. */
  close?: { closedAt: Date; closureReason: 'other' };
}

/**
 * "Starts with" as a range of the reference index (text_pattern_ops) rather than LIKE:
 * under row-level security PostgreSQL may evaluate only leakproof operators before the
 * policies, and LIKE is not, so a LIKE search read every case of the organisation where
 * the range reads only the matching ones (figures in docs/benchmarks.md).
 * References are ASCII, so every one that starts with the prefix sorts below prefix + U+FFFF.
 */
function referenceStartingWith(prefix: string) {
  return Raw((column) => `(${column} ~>=~ :referenceLow AND ${column} ~<~ :referenceHigh)`, {
    referenceLow: prefix,
    referenceHigh: `${prefix}\uffff`,
  });
}

/**
 * The cases of the organisation whose name index holds a hash of every term (each term has
 * one hash, or three for a birth year within a year either side), read from the index's
 * (organisation, token) key alone. Bound as arrays, so the statement is the same whatever the
 * number of words and is prepared once.
 */
function namesMatching(names: NameFilter, alsoOverdue: boolean | undefined) {
  return Raw(
    (column) =>
      `${alsoOverdue ? `${hasOverdueOpenTask(column)} AND ` : ''}${column} IN (
        SELECT t.case_id FROM app.case_name_token t
          JOIN unnest(CAST(:nameHashes AS bytea[]), CAST(:nameTerms AS int[])) AS q(token, term) ON t.token = q.token
         WHERE t.organisation_id = :nameOrganisationId
         GROUP BY t.case_id HAVING count(DISTINCT q.term) = :nameTermCount)`,
    {
      nameHashes: names.hashes,
      nameTerms: names.terms,
      nameOrganisationId: names.organisationId,
      nameTermCount: names.termCount,
    },
  );
}
