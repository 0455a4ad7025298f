import pg from 'pg';

/**
 * The database role the application serves requests as: it logs in, owns nothing,
 * is no superuser and does not bypass row-level security, and holds only the
 * statements each table needs. Migrations and these grants run as the owner of the
 * schema (docs/architecture.md, "Row-level security and database roles").
 */

/** A statement on the whole table, or UPDATE of named columns only (e.g. `UPDATE (sealed_comment)`). */
type Privilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE' | `UPDATE (${string})`;
const READ_WRITE: Privilege[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];

/** The schemas the application uses; `public` holds only the migrations table, which it only reads (readiness). */
export const APPLICATION_SCHEMAS = ['app', 'audit', 'stats'] as const;

/**
 * What the application may do to each table. A table missing here gets SELECT,
 * INSERT, UPDATE and DELETE if it is in `app` or `stats` (and nothing elsewhere); the
 * row-level security suite fails until it is listed, so each new table is a decision.
 */
export const APPLICATION_PRIVILEGES: Record<string, Privilege[]> = {
  // Read by the readiness check (/api/health/ready): which migrations the database holds.
  'public.migrations': ['SELECT'],
  'app.organisation': READ_WRITE,
  'app.user': READ_WRITE,
  'app.user_session': READ_WRITE,
  'app.login_failure': READ_WRITE,
  'app.user_two_factor': READ_WRITE,
  'app.recovery_code': READ_WRITE,
  'app.pending_sign_in': READ_WRITE,
  // One-time activation and reset links: issued, spent or superseded (updated), removed with their user.
  'app.account_link': ['SELECT', 'INSERT', 'UPDATE'],
  'app.case': READ_WRITE,
  'app.case_key': READ_WRITE,
  // History is appended to and, with the whole case, erased; never rewritten. Anonymisation
  // only removes the sealed comments (docs/architecture.md, rule 10): that one column, nothing else.
  'app.case_change': ['SELECT', 'INSERT', 'DELETE', 'UPDATE (sealed_comment)'],
  'app.survivor_identity': READ_WRITE,
  // The blind name index: a case's entries are replaced whole (deleted, inserted) and erased with it; never updated.
  'app.case_name_token': ['SELECT', 'INSERT', 'DELETE'],
  'app.consent': READ_WRITE,
  'app.assessment': READ_WRITE,
  'app.support_plan': READ_WRITE,
  'app.support_plan_goal': READ_WRITE,
  'app.service_record': READ_WRITE,
  'app.case_note': READ_WRITE,
  // Files on a case: written once with their chunks; deleted with the case's erasure. Only the scan's
  // verdict changes, when a file whose scan had failed is found clean by a later one.
  'app.case_document': ['SELECT', 'INSERT', 'DELETE', 'UPDATE (scan)'],
  'app.case_document_chunk': ['SELECT', 'INSERT', 'DELETE'],
  'app.task': READ_WRITE,
  'app.shelter': READ_WRITE,
  'app.placement': READ_WRITE,
  'app.shelter_room': READ_WRITE,
  'app.shelter_bed': READ_WRITE,
  'app.training_programme': READ_WRITE,
  'app.enrolment': READ_WRITE,
  // A session's record is replaced (updated) when its date is recorded again; follow-ups are appended, their
  // sealed notes cleared on anonymisation. Both go with the case.
  'app.enrolment_attendance': ['SELECT', 'INSERT', 'UPDATE (status, recorded_by, recorded_at)', 'DELETE'],
  'app.enrolment_follow_up': ['SELECT', 'INSERT', 'UPDATE (sealed_note)', 'DELETE'],
  'app.reintegration_goal': READ_WRITE,
  'app.follow_up_visit': READ_WRITE,
  'app.protection_review': READ_WRITE,
  // Screenings and status decisions are appended and never rewritten; anonymisation only clears their sealed text.
  'app.identification_screening': ['SELECT', 'INSERT', 'DELETE', 'UPDATE (sealed_interpreter_name)'],
  'app.trafficking_status_decision': ['SELECT', 'INSERT', 'DELETE', 'UPDATE (sealed_reason)'],
  // One row per case, changed in place (its history is the case's).
  'app.legal_status': READ_WRITE,
  // Children: guardians are ended (updated) when the next is appointed, determinations decided; all erased with the case's text.
  'app.child_guardian': ['SELECT', 'INSERT', 'UPDATE (ended_on)', 'DELETE'],
  'app.age_assessment': ['SELECT', 'INSERT', 'DELETE'],
  'app.child_views': ['SELECT', 'INSERT', 'DELETE'],
  'app.best_interests': [
    'SELECT',
    'INSERT',
    'UPDATE (status, decision, sealed_decision_reason, decided_by, decided_at)',
    'DELETE',
  ],
  // The programme's registers (campaigns, institutions, events, diaspora projects): no person in them; changed and removed by supervisors.
  'app.programme_record': READ_WRITE,
  // The programme's targets per result and year: set (inserted or replaced) by managers.
  'app.programme_target': ['SELECT', 'INSERT', 'UPDATE'],
  'app.referral': READ_WRITE,
  'app.transfer': READ_WRITE,
  'app.notification': READ_WRITE,
  // One row per user, moved forward when she looks at her referrals' answers; removed with the user.
  'app.referral_answers_seen': ['SELECT', 'INSERT', 'UPDATE'],
  'app.stats_pending': READ_WRITE,
  'app.demo_marker': ['SELECT', 'INSERT'],
  // Erasure tombstones: written once with the erasure, read on the case; never changed (they go with the case).
  'app.case_erasure': ['SELECT', 'INSERT'],
  // Erasure requests to other organisations' copies: written with an erasure, confirmed once (who, when), never otherwise changed.
  'app.case_erasure_request': ['SELECT', 'INSERT', 'UPDATE (confirmed_by, confirmed_at)'],
  // Duplicate checks per user and time, for the hourly limit: old rows are deleted as checks are made.
  'app.duplicate_check': ['SELECT', 'INSERT', 'DELETE'],
  // Retention runs: appended by the job, read by administrators; a record of what was done, never changed.
  'app.retention_run': ['SELECT', 'INSERT'],
  // Append-only: the hash chain is read to extend it, never changed.
  'audit.event': ['SELECT', 'INSERT'],
  // Events waiting for their transaction's commit, when a deferred trigger chains them (migration 1764460000000).
  'audit.pending_event': ['SELECT', 'INSERT', 'DELETE'],
  'stats.case_row': READ_WRITE,
  'stats.service_row': READ_WRITE,
  'stats.referral_row': READ_WRITE,
  'stats.placement_row': READ_WRITE,
  'stats.enrolment_row': READ_WRITE,
  'stats.follow_up_row': READ_WRITE,
  'stats.epsilon_ledger': READ_WRITE,
  'stats.release': READ_WRITE,
  'stats.release_figure': READ_WRITE,
  // A release's open-data file: written once with its release, removed with it; never updated.
  'stats.release_open_data': ['SELECT', 'INSERT', 'DELETE'],
  // Kept by triggers on the projection (migration 1764452000000), which run as the writer.
  'stats.new_case_count': READ_WRITE,
  'stats.projection_state': READ_WRITE,
};

function privilegesOf(table: string): Privilege[] {
  const listed = APPLICATION_PRIVILEGES[table];
  if (listed) return listed;
  return table.startsWith('app.') || table.startsWith('stats.') ? READ_WRITE : [];
}

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteTable = (table: string) => table.split('.').map(quoteIdentifier).join('.');

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'haven-setup' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The login name in a connection URL. */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username) || 'postgres';
}

/** `url` with another login and password: the application's connection to the same database. */
export function withCredentials(url: string, role: string, password: string): string {
  const next = new URL(url);
  next.username = encodeURIComponent(role);
  next.password = encodeURIComponent(password);
  return next.toString();
}

/**
 * Creates the login role if it does not exist (roles are shared by the whole server,
 * so two processes may try at once: the loser's "already exists" is success). With
 * `resetPassword`, an existing role gets `password` (the embedded server, where the
 * password lives in the data folder). Whether an existing role could bypass the
 * policies is for `checkApplicationConnection` to say.
 */
export async function ensureApplicationRole(
  ownerUrl: string,
  role: string,
  password: string,
  options: { resetPassword?: boolean } = {},
): Promise<void> {
  await withClient(ownerUrl, async (client) => {
    const existing = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    if (existing.rowCount === 0) {
      try {
        await client.query(
          `CREATE ROLE ${quoteIdentifier(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION PASSWORD ${password ? client.escapeLiteral(password) : 'NULL'}`,
        );
        return;
      } catch (error) {
        const code = (error as { code?: string }).code;
        // 42710 duplicate_object, 23505 unique_violation: created by a concurrent process.
        if (code !== '42710' && code !== '23505') throw error;
      }
    }
    if (options.resetPassword && password)
      await client.query(`ALTER ROLE ${quoteIdentifier(role)} PASSWORD ${client.escapeLiteral(password)}`);
  });
}

/**
 * Grants `role` exactly what APPLICATION_PRIVILEGES says on this database (and takes
 * back anything else), in one transaction: run after every migration, at each start.
 * Grants belong to the database, so each database of a shared server gets its own.
 */
export async function grantApplicationPrivileges(ownerUrl: string, role: string): Promise<void> {
  await withClient(ownerUrl, async (client) => {
    const grantee = quoteIdentifier(role);
    const schemas = APPLICATION_SCHEMAS.join(', ');
    const tables = await client.query<{ name: string }>(
      `SELECT schemaname || '.' || tablename AS name FROM pg_tables WHERE schemaname = ANY($1) OR (schemaname = 'public' AND tablename = 'migrations') ORDER BY 1`,
      [[...APPLICATION_SCHEMAS]],
    );
    await client.query('BEGIN');
    try {
      await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${schemas}, public FROM ${grantee}`);
      await client.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${schemas}, public FROM ${grantee}`);
      await client.query(`GRANT USAGE ON SCHEMA ${schemas} TO ${grantee}`);
      await client.query(`REVOKE CREATE ON SCHEMA ${schemas} FROM ${grantee}`);
      for (const { name } of tables.rows) {
        const privileges = privilegesOf(name);
        if (privileges.length)
          await client.query(`GRANT ${privileges.join(', ')} ON ${quoteTable(name)} TO ${grantee}`);
      }
      // Identity columns of the tables it inserts into (bigserial ids).
      await client.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${schemas} TO ${grantee}`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  });
}

export interface ApplicationConnectionCheck {
  role: string;
  problems: string[];
}

/**
 * What would let the application's connection see past row-level security: being a
 * superuser, having BYPASSRLS, or owning (directly or through membership) a table of
 * the application's schemas.
 */
export async function checkApplicationConnection(url: string): Promise<ApplicationConnectionCheck> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ role: string; rolsuper: boolean; rolbypassrls: boolean; owned: string[] }>(
      `SELECT current_user AS role, r.rolsuper, r.rolbypassrls,
              ARRAY(SELECT t.schemaname || '.' || t.tablename FROM pg_tables t
                    WHERE t.schemaname = ANY($1) AND pg_has_role(current_user, t.tableowner, 'USAGE') ORDER BY 1) AS owned
         FROM pg_roles r WHERE r.rolname = current_user`,
      [[...APPLICATION_SCHEMAS]],
    );
    const row = rows[0]!;
    const problems: string[] = [];
    if (row.rolsuper) problems.push('is a superuser');
    if (row.rolbypassrls) problems.push('has BYPASSRLS');
    if (row.owned.length) problems.push(`owns ${row.owned.length} table(s), e.g. ${row.owned[0]}`);
    return { role: row.role, problems };
  });
}
