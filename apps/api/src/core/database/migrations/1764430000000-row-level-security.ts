import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Row-level security on the case tables: the database's own check that a query sees
 * only the rows of the organisation it runs for (docs/architecture.md, "Row-level
 * security and database roles"). The application serves requests as a role that owns
 * nothing and does not bypass these policies; migrations run as the owner, which does.
 *
 * The scope comes from three settings each borrowed connection carries
 * (core/database/scoped-connections.ts): `app.organisation_id`, `app.user_id` and
 * `app.system`. No setting means no case row.
 *
 * Every policy starts from the organisation's own rows (`*_of_scope`), indexed by
 * organisation or reached through the case's primary key. What another organisation
 * may see is added by named policies, one per reason:
 * - a partner, while a referral to it is open (sent or accepted): the case row, the
 *   identity only if the referral's lens shares an identifying or profile section, the
 *   assessments only if it shares health or legal needs; and, for as long as it may open
 *   the referral (sent, accepted, completed), the case key (to read the referral's
 *   sealed message) and the service records it made through that referral;
 * - the receiving organisation of a proposed transfer: the case row, key and identity
 *   (the proposal is read to create its own case), and closing the source case;
 * - a training provider (a partner running another organisation's programme): the
 *   enrolments of its programmes, which it updates, and their case rows (it lists its
 *   trainees by case reference);
 * - a recipient writes history entries on the sending organisation's case (its own
 *   name on them) and reads back only its own entries.
 */
const SCOPE_FUNCTIONS = `
  CREATE FUNCTION app.scope_organisation_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('app.organisation_id', true), '')::uuid $$;
  CREATE FUNCTION app.scope_user_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
  CREATE FUNCTION app.scope_is_system() RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT coalesce(current_setting('app.system', true), '') = 'on' $$;
  -- The cases enrolled in programmes the scope's organisation provides for another one. As
  -- the owner (no policies), so that the case policy can ask the enrolment table, whose own
  -- policy asks the case table, without the two policies recursing.
  CREATE FUNCTION app.cases_in_training_of_scope() RETURNS SETOF uuid LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog
    AS $$ SELECT e.case_id FROM app.enrolment e JOIN app.training_programme p ON p.id = e.programme_id
           WHERE p.provider_organisation_id = app.scope_organisation_id() AND p.provider_organisation_id <> p.owner_organisation_id $$;
`;

/** Tables whose rows belong to a case through `case_id` and that only the case's organisation sees. */
const OWNER_ONLY_CASE_TABLES = [
  'consent',
  'support_plan',
  'support_plan_goal',
  'case_note',
  'task',
  'placement',
  'enrolment',
  'reintegration_goal',
  'follow_up_visit',
  'protection_review',
];

/** Case tables that others may also see in part, by the policies below. */
const SHARED_CASE_TABLES = ['case_key', 'survivor_identity', 'assessment', 'service_record', 'case_change'];

const SYSTEM = 'app.scope_is_system()';
const ORGANISATION = 'app.scope_organisation_id()';
const ownedCase = (column: string) =>
  `EXISTS (SELECT 1 FROM app."case" c WHERE c.id = ${column} AND c.organisation_id = ${ORGANISATION})`;
const openReferralTo = (column: string, lens?: string[]) =>
  `EXISTS (SELECT 1 FROM app.referral r WHERE r.case_id = ${column} AND r.to_organisation_id = ${ORGANISATION} AND r.status IN ('sent', 'accepted')${
    lens ? ` AND r.lens && ARRAY[${lens.map((section) => `'${section}'`).join(', ')}]::text[]` : ''
  })`;
const proposedTransferTo = (column: string) =>
  `EXISTS (SELECT 1 FROM app.transfer t WHERE t.case_id = ${column} AND t.to_organisation_id = ${ORGANISATION} AND t.status = 'proposed')`;

function policy(
  name: string,
  table: string,
  command: 'ALL' | 'SELECT' | 'INSERT' | 'UPDATE',
  using: string | null,
  check: string | null,
): string {
  return `CREATE POLICY ${name} ON app.${table === 'case' ? '"case"' : table} FOR ${command}${using ? ` USING (${using})` : ''}${check ? ` WITH CHECK (${check})` : ''};`;
}

export class RowLevelSecurity1764430000000 implements MigrationInterface {
  name = 'RowLevelSecurity1764430000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(SCOPE_FUNCTIONS);
    const statements: string[] = [];
    const enable = (table: string) =>
      statements.push(`ALTER TABLE app.${table === 'case' ? '"case"' : table} ENABLE ROW LEVEL SECURITY;`);

    // The case itself: indexed by organisation (every list query starts with it).
    enable('case');
    const ownCase = `${SYSTEM} OR organisation_id = ${ORGANISATION}`;
    statements.push(policy('case_of_scope', 'case', 'ALL', ownCase, ownCase));
    statements.push(
      policy(
        'case_shared_by_open_referral',
        'case',
        'SELECT',
        `id IN (SELECT r.case_id FROM app.referral r WHERE r.to_organisation_id = ${ORGANISATION} AND r.status IN ('sent', 'accepted'))`,
        null,
      ),
      policy(
        'case_offered_by_transfer',
        'case',
        'SELECT',
        `id IN (SELECT t.case_id FROM app.transfer t WHERE t.to_organisation_id = ${ORGANISATION} AND t.status = 'proposed')`,
        null,
      ),
      // A training provider lists its trainees by case reference.
      policy('case_in_provider_training', 'case', 'SELECT', `id IN (SELECT app.cases_in_training_of_scope())`, null),
      // Accepting a transfer closes the source case as handed over.
      policy(
        'case_closed_by_accepted_transfer',
        'case',
        'UPDATE',
        proposedTransferTo('"case".id'),
        proposedTransferTo('"case".id'),
      ),
    );

    // Referrals and transfers name both organisations: the sender owns them, the recipient reads and answers.
    for (const table of ['referral', 'transfer']) {
      enable(table);
      const sender = `${SYSTEM} OR from_organisation_id = ${ORGANISATION}`;
      statements.push(
        policy(`${table}_of_scope`, table, 'ALL', sender, sender),
        policy(`${table}_to_recipient`, table, 'SELECT', `to_organisation_id = ${ORGANISATION}`, null),
        policy(
          `${table}_answered_by_recipient`,
          table,
          'UPDATE',
          `to_organisation_id = ${ORGANISATION}`,
          `to_organisation_id = ${ORGANISATION}`,
        ),
      );
    }

    for (const table of [...OWNER_ONLY_CASE_TABLES, ...SHARED_CASE_TABLES]) {
      enable(table);
      // Qualified: inside the sub-select an unqualified column would name the sub-select's own table.
      const own = `${SYSTEM} OR ${ownedCase(`${table}.case_id`)}`;
      statements.push(policy(`${table}_of_scope`, table, 'ALL', own, own));
    }

    const providedProgramme = `enrolment.programme_id IN (SELECT p.id FROM app.training_programme p WHERE p.provider_organisation_id = ${ORGANISATION})`;
    const referralTo = (statuses: string[]) =>
      `SELECT r.id FROM app.referral r WHERE r.to_organisation_id = ${ORGANISATION} AND r.status IN (${statuses.map((status) => `'${status}'`).join(', ')})`;
    statements.push(
      policy(
        'case_key_for_referral_recipient',
        'case_key',
        'SELECT',
        `EXISTS (SELECT 1 FROM app.referral r WHERE r.case_id = case_key.case_id AND r.to_organisation_id = ${ORGANISATION} AND r.status IN ('sent', 'accepted', 'completed'))`,
        null,
      ),
      policy('case_key_for_transfer_recipient', 'case_key', 'SELECT', proposedTransferTo('case_key.case_id'), null),
      policy(
        'survivor_identity_in_lens',
        'survivor_identity',
        'SELECT',
        openReferralTo('survivor_identity.case_id', ['basicProfile', 'identity', 'contact', 'documents']),
        null,
      ),
      policy(
        'survivor_identity_for_transfer_recipient',
        'survivor_identity',
        'SELECT',
        proposedTransferTo('survivor_identity.case_id'),
        null,
      ),
      policy(
        'assessment_in_lens',
        'assessment',
        'SELECT',
        openReferralTo('assessment.case_id', ['healthNeeds', 'legalNeeds']),
        null,
      ),
      policy(
        'service_record_of_recipient',
        'service_record',
        'SELECT',
        `referral_id IN (${referralTo(['sent', 'accepted', 'completed'])})`,
        null,
      ),
      policy(
        'service_record_by_recipient',
        'service_record',
        'INSERT',
        null,
        `provider_organisation_id = ${ORGANISATION} AND EXISTS (SELECT 1 FROM app.referral r WHERE r.id = service_record.referral_id AND r.case_id = service_record.case_id AND r.to_organisation_id = ${ORGANISATION} AND r.status = 'accepted')`,
      ),
      // The training provider records attendance, completion and the certificate.
      policy('enrolment_of_provider', 'enrolment', 'SELECT', providedProgramme, null),
      policy('enrolment_recorded_by_provider', 'enrolment', 'UPDATE', providedProgramme, providedProgramme),
      // The recipient's (or provider's) answer joins the sender's history in its own name.
      policy(
        'case_change_by_recipient',
        'case_change',
        'INSERT',
        null,
        `actor_user_id = app.scope_user_id() AND (EXISTS (SELECT 1 FROM app.referral r WHERE r.case_id = case_change.case_id AND r.to_organisation_id = ${ORGANISATION}) OR EXISTS (SELECT 1 FROM app.transfer t WHERE t.case_id = case_change.case_id AND t.to_organisation_id = ${ORGANISATION}) OR case_change.case_id IN (SELECT app.cases_in_training_of_scope()))`,
      ),
      // Only its own entries (an insert reads back its generated id).
      policy('case_change_own_entries', 'case_change', 'SELECT', `actor_user_id = app.scope_user_id()`, null),
    );
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['case', 'referral', 'transfer', ...OWNER_ONLY_CASE_TABLES, ...SHARED_CASE_TABLES]) {
      const name = table === 'case' ? '"case"' : table;
      const policies = (await queryRunner.query(
        `SELECT policyname FROM pg_policies WHERE schemaname = 'app' AND tablename = $1`,
        [table],
      )) as { policyname: string }[];
      for (const { policyname } of policies) await queryRunner.query(`DROP POLICY ${policyname} ON app.${name}`);
      await queryRunner.query(`ALTER TABLE app.${name} DISABLE ROW LEVEL SECURITY`);
    }
    await queryRunner.query(
      'DROP FUNCTION app.cases_in_training_of_scope(); DROP FUNCTION app.scope_organisation_id(); DROP FUNCTION app.scope_user_id(); DROP FUNCTION app.scope_is_system();',
    );
  }
}
