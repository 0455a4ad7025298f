import { Injectable } from '@nestjs/common';
import type { ProgrammeRegister, ProgrammeTarget, RegisterListQuery } from '@haven/contracts';
import {
  boundedCountSql,
  keysetCondition,
  keysetPage,
  keysetPlan,
  sortKeySql,
  type SortColumn,
} from '../../core/database/keyset.js';
import { SqlParameters } from '../../core/database/scope-sql.js';
import { TransactionHost } from '../../core/database/transaction-host.js';
import { ProgrammeRecordEntity } from './programme-record.entity.js';

export type NewProgrammeRecord = Pick<
  ProgrammeRecordEntity,
  'organisationId' | 'register' | 'label' | 'startsOn' | 'endsOn' | 'fields' | 'recordedBy'
>;
export type ProgrammeRecordChanges = Pick<ProgrammeRecordEntity, 'label' | 'startsOn' | 'endsOn' | 'fields'>;

/** A record as lists show it, with who recorded it. */
export type ProgrammeRecordRow = ProgrammeRecordEntity & { recordedByName: string; sortKey: string };

const RECORDED_AT: SortColumn = { column: 'r.recorded_at', type: 'timestamptz' };
const UNIQUE_INSTITUTION = 'programme_institution_name_idx';

function isUniqueViolation(error: unknown): boolean {
  const failure = error as { code?: string; constraint?: string };
  return failure?.code === '23505' && failure.constraint === UNIQUE_INSTITUTION;
}

const SELECT_ROW = `SELECT r.id, r.organisation_id AS "organisationId", r.register, r.label,
       to_char(r.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(r.ends_on, 'YYYY-MM-DD') AS "endsOn",
       r.fields, r.recorded_by AS "recordedBy", r.recorded_at AS "recordedAt", r.updated_at AS "updatedAt", r.version,
       u.display_name AS "recordedByName", ${sortKeySql(RECORDED_AT)} AS "sortKey"
  FROM app.programme_record r JOIN app."user" u ON u.id = r.recorded_by`;

/**
 * The programme registers of one organisation. Every query names the organisation: the table
 * holds no person and is not under row-level security (migration 1764498000000).
 */
@Injectable()
export class ProgrammeRepository {
  constructor(private readonly transactions: TransactionHost) {}

  /** A page of one register, newest first by default, with a count bounded like every list's. */
  async list(organisationId: string, register: ProgrammeRegister, query: RegisterListQuery) {
    const plan = keysetPlan(query, RECORDED_AT);
    const parameters = new SqlParameters(organisationId, register);
    const filters = [`r.organisation_id = $1`, `r.register = $2`];
    if (query.from) filters.push(`r.ends_on >= ${parameters.add(query.from)}::date`);
    if (query.to) filters.push(`r.starts_on <= ${parameters.add(query.to)}::date`);
    if (query.search) filters.push(`r.label ILIKE ${parameters.add(`%${query.search.replace(/[\\%_]/g, '\\$&')}%`)}`);
    const countParameters = [...parameters.values];
    const position = keysetCondition(plan, RECORDED_AT, 'r.id', (value) => parameters.add(value));
    const where = [...filters, ...(position ? [position] : [])].join(' AND ');
    const [rows, counted] = await Promise.all([
      this.transactions.manager.query(
        `${SELECT_ROW} WHERE ${where} ORDER BY r.recorded_at ${plan.readOrder}, r.id ${plan.readOrder} LIMIT ${plan.limit} OFFSET ${plan.offset}`,
        parameters.values,
      ) as Promise<ProgrammeRecordRow[]>,
      this.transactions.manager.query(
        boundedCountSql(`SELECT 1 FROM app.programme_record r WHERE ${filters.join(' AND ')}`),
        countParameters,
      ) as Promise<{ count: number }[]>,
    ]);
    const page = keysetPage(rows, query, plan, (row) => ({ value: row.sortKey, id: row.id }));
    return { ...page, counted: Number(counted[0]?.count ?? 0) };
  }

  async find(organisationId: string, register: ProgrammeRegister, id: string): Promise<ProgrammeRecordRow | null> {
    const rows: ProgrammeRecordRow[] = await this.transactions.manager.query(
      `${SELECT_ROW} WHERE r.organisation_id = $1 AND r.register = $2 AND r.id = $3`,
      [organisationId, register, id],
    );
    return rows[0] ?? null;
  }

  /** The new record's id, or null when an institution of that name and country is already registered. */
  async insert(record: NewProgrammeRecord): Promise<string | null> {
    try {
      const rows: { id: string }[] = await this.transactions.manager.query(
        `INSERT INTO app.programme_record (organisation_id, register, label, starts_on, ends_on, fields, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          record.organisationId,
          record.register,
          record.label,
          record.startsOn,
          record.endsOn,
          record.fields,
          record.recordedBy,
        ],
      );
      return rows[0]!.id;
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  /** Applies the changes only at `version`. */
  async updateIfVersion(
    organisationId: string,
    id: string,
    version: number,
    changes: ProgrammeRecordChanges,
  ): Promise<'updated' | 'stale' | 'duplicate'> {
    try {
      // An UPDATE answers [rows, affected] through TypeORM's driver.
      const [rows]: [unknown[], number] = await this.transactions.manager.query(
        `UPDATE app.programme_record
            SET label = $4, starts_on = $5, ends_on = $6, fields = $7, updated_at = clock_timestamp(), version = version + 1
          WHERE organisation_id = $1 AND id = $2 AND version = $3 RETURNING id`,
        [organisationId, id, version, changes.label, changes.startsOn, changes.endsOn, changes.fields],
      );
      return rows.length === 1 ? 'updated' : 'stale';
    } catch (error) {
      if (isUniqueViolation(error)) return 'duplicate';
      throw error;
    }
  }

  async delete(organisationId: string, id: string): Promise<void> {
    await this.transactions.manager.query(`DELETE FROM app.programme_record WHERE organisation_id = $1 AND id = $2`, [
      organisationId,
      id,
    ]);
  }

  /**
   * The organisation's institutions among `ids`, locked until the transaction ends: an event naming them
   * shares the lock (`share`), a removal takes it alone (`update`), so a removal either waits for the event
   * and then sees it, or goes first and the event finds the institution gone.
   */
  async lockInstitutions(
    organisationId: string,
    ids: readonly string[],
    mode: 'share' | 'update' = 'share',
  ): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { id: string }[] = await this.transactions.manager.query(
      `SELECT id FROM app.programme_record
        WHERE organisation_id = $1 AND register = 'institutions' AND id = ANY($2::uuid[])
          FOR ${mode === 'share' ? 'SHARE' : 'UPDATE'}`,
      [organisationId, ids],
    );
    return new Set(rows.map((row) => row.id));
  }

  /** Whether an event of the organisation names the institution. */
  async institutionTookPart(organisationId: string, institutionId: string): Promise<boolean> {
    const rows: unknown[] = await this.transactions.manager.query(
      `SELECT 1 FROM app.programme_record
        WHERE organisation_id = $1 AND register = 'capacity-events'
          AND fields->'participants' @> jsonb_build_array(jsonb_build_object('institutionId', $2::text))
        LIMIT 1`,
      [organisationId, institutionId],
    );
    return rows.length > 0;
  }

  /** The organisation's institutions by lower-cased name and country, for imports that name them. */
  async institutionsByName(organisationId: string): Promise<Map<string, string>> {
    const rows: { id: string; key: string }[] = await this.transactions.manager.query(
      `SELECT id, lower(label) || '|' || (fields->>'country') AS key
         FROM app.programme_record WHERE organisation_id = $1 AND register = 'institutions'`,
      [organisationId],
    );
    return new Map(rows.map((row) => [row.key, row.id]));
  }

  // ── Sums for the results report ───────────────────────────────────────────

  /** People reached per campaign, with the month each campaign ended, of the organisations (null: all). */
  async campaignReach(
    organisationIds: string[] | null,
    from: string,
    to: string,
  ): Promise<{ month: string; people: number }[]> {
    const rows: { month: string; people: string }[] = await this.transactions.manager.query(
      `SELECT to_char(r.ends_on, 'YYYY-MM') AS month, sum((cell->>'people')::bigint) AS people
         FROM app.programme_record r CROSS JOIN LATERAL jsonb_array_elements(r.fields->'reach') AS cell
        WHERE r.register = 'campaigns' AND r.ends_on BETWEEN $1 AND $2
          AND ($3::uuid[] IS NULL OR r.organisation_id = ANY($3::uuid[]))
        GROUP BY 1`,
      [from, to, organisationIds],
    );
    return rows.map((row) => ({ month: row.month, people: Number(row.people) }));
  }

  /** The institutions that took part in each event, with the month the event ended. */
  async eventInstitutions(
    organisationIds: string[] | null,
    from: string,
    to: string,
  ): Promise<{ month: string; institutionId: string }[]> {
    return this.transactions.manager.query(
      `SELECT DISTINCT to_char(r.ends_on, 'YYYY-MM') AS month, participant->>'institutionId' AS "institutionId"
         FROM app.programme_record r CROSS JOIN LATERAL jsonb_array_elements(r.fields->'participants') AS participant
        WHERE r.register = 'capacity-events' AND r.ends_on BETWEEN $1 AND $2
          AND ($3::uuid[] IS NULL OR r.organisation_id = ANY($3::uuid[]))`,
      [from, to, organisationIds],
    );
  }

  /** Projects whose promoters are of the diaspora, by the month they started. */
  async diasporaProjects(
    organisationIds: string[] | null,
    from: string,
    to: string,
  ): Promise<{ month: string; projects: number }[]> {
    const rows: { month: string; projects: string }[] = await this.transactions.manager.query(
      `SELECT to_char(r.starts_on, 'YYYY-MM') AS month, count(*) AS projects
         FROM app.programme_record r
        WHERE r.register = 'diaspora-projects' AND (r.fields->>'diasporaPromoters')::boolean
          AND r.starts_on BETWEEN $1 AND $2
          AND ($3::uuid[] IS NULL OR r.organisation_id = ANY($3::uuid[]))
        GROUP BY 1`,
      [from, to, organisationIds],
    );
    return rows.map((row) => ({ month: row.month, projects: Number(row.projects) }));
  }

  async targets(): Promise<ProgrammeTarget[]> {
    return this.transactions.manager.query(
      `SELECT result, year, baseline, target FROM app.programme_target ORDER BY year, result`,
    );
  }

  async saveTarget(target: ProgrammeTarget, userId: string): Promise<void> {
    await this.transactions.manager.query(
      `INSERT INTO app.programme_target (result, year, baseline, target, updated_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (result, year) DO UPDATE
         SET baseline = EXCLUDED.baseline, target = EXCLUDED.target, updated_by = EXCLUDED.updated_by, updated_at = clock_timestamp()`,
      [target.result, target.year, target.baseline, target.target, userId],
    );
  }
}
