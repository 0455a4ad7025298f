import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Scope } from '@haven/access';
import type { CaseAccessKind, KeysetQuery, Role, SystemEventKind } from '@haven/contracts';
import { DataSource } from 'typeorm';
import { boundedCountSql, keysetSql, type KeysetList, type KeysetPlan } from '../../core/database/keyset.js';
import { scopeCondition, SqlParameters } from '../../core/database/scope-sql.js';
import { CASE_ACCESS_ACTIONS, SHARING_PREFIXES, SIGN_IN_PREFIX } from './access-kinds.js';

/** An audit event with its actor's name, role and organisation looked up now (the event holds ids only). */
export interface AuditEventRow {
  id: string;
  occurredAt: Date;
  action: string;
  outcome: 'success' | 'failure' | 'denied';
  address: string | null;
  reason: string | null;
  subjectType: string | null;
  subjectId: string | null;
  actorId: string | null;
  actorName: string | null;
  actorRole: Role | null;
  actorOrganisationName: string | null;
}

/** A row of a log page with the keys of its cursors. */
export type AuditEventPageRow = AuditEventRow & { sort_key: string; key_id: string };

/**
 * The logs' one sort, the order events were recorded in: their ids, which the indexes on
 * (subject, id) and (category, id) hold (audit_event_subject_idx, audit_event_category_idx).
 */
const AUDIT_LOG_LIST: KeysetList<'occurredAt'> = {
  sorts: { occurredAt: { column: 'e.id', type: 'bigint' } },
  id: { column: 'e.id', type: 'bigint' },
};

/** The columns of audit.event an AuditLog rule may put conditions on. */
const SCOPE_COLUMNS: Record<string, string> = { organisationId: 'e.subject_organisation_id', category: 'e.category' };

/** Builds a WHERE clause with numbered parameters. */
class Conditions {
  readonly clauses: string[] = [];
  private readonly parameters = new SqlParameters();

  get params(): unknown[] {
    return this.parameters.values;
  }

  param(value: unknown): string {
    return this.parameters.add(value);
  }

  add(clause: string): void {
    this.clauses.push(clause);
  }

  /** The caller's scope: OR of AND-ed equalities; an empty scope matches nothing. */
  scope(scope: Scope): void {
    this.add(scopeCondition(scope, SCOPE_COLUMNS, this.parameters));
  }

  actionIn(actions: readonly string[]): string {
    return `e.action = ANY(${this.param(actions)})`;
  }

  actionStartsWith(prefixes: readonly string[]): string {
    // Prefixes are fixed codes without LIKE wildcards.
    return `(${prefixes.map((prefix) => `e.action LIKE ${this.param(`${prefix}%`)}`).join(' OR ')})`;
  }

  get where(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

/** An event's columns with its actor, and the keys of the page's cursors. */
const selectEvents = (keySelect: string) => `
  SELECT ${keySelect}, e.id, e.occurred_at AS "occurredAt", e.action, e.outcome, e.address, e.reason,
         e.subject_type AS "subjectType", e.subject_id AS "subjectId",
         u.id AS "actorId", u.display_name AS "actorName", u.role AS "actorRole", o.name AS "actorOrganisationName"
    FROM audit.event e
    LEFT JOIN app."user" u ON u.id = e.actor_user_id
    LEFT JOIN app.organisation o ON o.id = u.organisation_id`;

@Injectable()
export class AccessLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One page of the events about one case inside the caller's AuditLog scope. */
  async forCase(
    caseId: string,
    scope: Scope,
    filter: { kind?: CaseAccessKind },
    query: KeysetQuery<'occurredAt'>,
  ): Promise<AuditLogPage> {
    const { kind } = filter;
    const where = new Conditions();
    where.add(`e.subject_type = 'Case'`);
    where.add(`e.subject_id = ${where.param(caseId)}`);
    where.scope(scope);
    if (kind === 'identity') where.add(where.actionIn(CASE_ACCESS_ACTIONS.identity));
    if (kind === 'oversight') where.add(where.actionIn(CASE_ACCESS_ACTIONS.oversight));
    if (kind === 'sharing') where.add(where.actionStartsWith(SHARING_PREFIXES));
    if (kind === 'changes') {
      where.add(`NOT ${where.actionIn([...CASE_ACCESS_ACTIONS.identity, ...CASE_ACCESS_ACTIONS.oversight])}`);
      where.add(`NOT ${where.actionStartsWith(SHARING_PREFIXES)}`);
    }
    return this.page(where, query);
  }

  /**
   * Sign-in events and system changes inside the caller's scope, newest first. Events about a
   * case are excluded here as well as by the scope: an administrator never sees one.
   */
  async systemEvents(
    scope: Scope,
    filter: {
      kind?: SystemEventKind;
      from?: string;
      to?: string;
      userId?: string;
      withoutSignIns?: boolean;
    },
    query: KeysetQuery<'occurredAt'>,
  ): Promise<AuditLogPage> {
    const where = new Conditions();
    where.scope(scope);
    where.add(`e.category = 'system'`);
    where.add(`e.subject_type IS DISTINCT FROM 'Case'`);
    where.add(`e.action NOT LIKE 'case.%'`);
    if (filter.kind === 'sign-in') where.add(where.actionStartsWith([SIGN_IN_PREFIX]));
    if (filter.kind === 'system' || filter.withoutSignIns) where.add(`NOT ${where.actionStartsWith([SIGN_IN_PREFIX])}`);
    if (filter.from) where.add(`e.occurred_at >= ${where.param(filter.from)}::date`);
    if (filter.to) where.add(`e.occurred_at < ${where.param(filter.to)}::date + 1`);
    if (filter.userId) {
      where.add(
        `(e.actor_user_id = ${where.param(filter.userId)}::uuid OR (e.subject_type = 'User' AND e.subject_id = ${where.param(filter.userId)}))`,
      );
    }
    return this.page(where, query);
  }

  /** The page after (or before) the cursor, and the events counted up to LIST_COUNT_LIMIT. */
  private async page(where: Conditions, query: KeysetQuery<'occurredAt'>): Promise<AuditLogPage> {
    const counted = boundedCountSql(`SELECT 1 FROM audit.event e ${where.where}`);
    const countParameters = [...where.params];
    const page = keysetSql(AUDIT_LOG_LIST, query, (value) => where.param(value));
    if (page.condition) where.add(page.condition);
    const [rows, count] = await Promise.all([
      this.dataSource.query(
        `${selectEvents(page.keySelect)} ${where.where} ORDER BY ${page.orderBy} ${page.limitOffset}`,
        where.params,
      ) as Promise<AuditEventPageRow[]>,
      this.dataSource.query(counted, countParameters) as Promise<{ count: number }[]>,
    ]);
    return {
      rows: rows.map((row) => ({ ...row, id: String(row.id), occurredAt: new Date(row.occurredAt) })),
      plan: page.plan,
      count: count[0]?.count ?? 0,
    };
  }
}

export interface AuditLogPage {
  rows: AuditEventPageRow[];
  plan: KeysetPlan;
  count: number;
}
