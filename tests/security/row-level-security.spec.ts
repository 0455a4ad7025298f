import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { queryDatabase, TEST_APPLICATION_ROLE } from '@haven/testing';
import { ConfigurationError } from '../../apps/api/src/config/config.js';
import {
  APPLICATION_PRIVILEGES,
  checkApplicationConnection,
} from '../../apps/api/src/core/database/application-role.js';
import { dataSourceOptions } from '../../apps/api/src/core/database/data-source-options.js';
import { prepareDatabase } from '../../apps/api/src/core/database/prepare-database.js';
import { scopedPostgres } from '../../apps/api/src/core/database/scoped-connections.js';
import { TransactionHost } from '../../apps/api/src/core/database/transaction-host.js';
import { runAsOrganisation, runAsSystem } from '../../apps/api/src/core/request-context/database-scope.js';
import { CasesRepository } from '../../apps/api/src/modules/cases/cases.repository.js';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The database's own line of defence: whatever the application's queries forget, the
 * application role sees only the rows of the organisation its work runs for.
 */

/** Every table whose rows belong to a case, with the column naming the case. */
const CASE_TABLES: Record<string, string> = {
  case: 'id',
  case_key: 'case_id',
  case_change: 'case_id',
  survivor_identity: 'case_id',
  case_name_token: 'case_id',
  consent: 'case_id',
  assessment: 'case_id',
  support_plan: 'case_id',
  support_plan_goal: 'case_id',
  service_record: 'case_id',
  case_note: 'case_id',
  case_document: 'case_id',
  case_document_chunk: 'case_id',
  task: 'case_id',
  placement: 'case_id',
  enrolment: 'case_id',
  enrolment_attendance: 'case_id',
  enrolment_follow_up: 'case_id',
  reintegration_goal: 'case_id',
  follow_up_visit: 'case_id',
  protection_review: 'case_id',
  child_guardian: 'case_id',
  age_assessment: 'case_id',
  child_views: 'case_id',
  best_interests: 'case_id',
  identification_screening: 'case_id',
  trafficking_status_decision: 'case_id',
  legal_status: 'case_id',
  referral: 'case_id',
  transfer: 'case_id',
  case_erasure: 'case_id',
  case_erasure_request: 'case_id',
};

/**
 * Tables with a case id that are deliberately not under row-level security: the
 * statistics queue holds only ids (written by triggers of every organisation's changes,
 * read by the projection). Notifications (no case_id column) are not either: each is
 * addressed to one user, often of another organisation, and names only a subject id.
 */
const UNPROTECTED_WITH_CASE_IDS = ['stats_pending'];

const table = (name: string) => (name === 'case' ? 'app."case"' : `app.${name}`);

describe('row-level security on the case tables', () => {
  let harness: TestApp;
  let dataSource: DataSource;
  let organisationA: string;
  let organisationB: string;
  let clinic: string;
  let caseA: string;
  let caseB: string;
  const owner = <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) =>
    queryDatabase<T>(harness.database.url, sql, params);
  const visibleCaseIds = async (name: string) =>
    (
      (await dataSource.query(`SELECT ${CASE_TABLES[name]} AS case_id FROM ${table(name)}`)) as { case_id: string }[]
    ).map((row) => row.case_id);

  /** One row in every case table for `caseId`, written as the owner (as a full case history would leave them). */
  async function fillCase(
    caseId: string,
    organisationId: string,
    userId: string,
    shelterId: string,
    programmeId: string,
  ): Promise<void> {
    const sealed = "'\\x00'::bytea";
    await owner(
      `INSERT INTO app.consent (case_id, purpose, given_on, method, interpreter_used, recorded_by) VALUES ($1, 'assistance', current_date, 'written', false, $2)`,
      [caseId, userId],
    );
    await owner(
      `INSERT INTO app.assessment (case_id, type, findings, assessed_by) VALUES ($1, 'needs', '{}'::jsonb, $2)`,
      [caseId, userId],
    );
    await owner(`INSERT INTO app.support_plan (case_id) VALUES ($1)`, [caseId]);
    await owner(
      `INSERT INTO app.support_plan_goal (case_id, type, sealed_objective, sealed_actions, status, created_by) VALUES ($1, 'health', ${sealed}, ${sealed}, 'planned', $2)`,
      [caseId, userId],
    );
    await owner(
      `INSERT INTO app.service_record (case_id, type, delivered_on, outcome, recorded_by) VALUES ($1, 'medical', current_date, 'completed', $2)`,
      [caseId, userId],
    );
    await owner(`INSERT INTO app.case_note (case_id, sealed_body, author_id) VALUES ($1, ${sealed}, $2)`, [
      caseId,
      userId,
    ]);
    await owner(
      `WITH document AS (
         INSERT INTO app.case_document (case_id, category, sealed_title, sealed_file_name, content_type, byte_size, chunk_count, scan, uploaded_by)
         VALUES ($1, 'medical', ${sealed}, ${sealed}, 'text/plain', 1, 1, 'not-scanned', $2) RETURNING id)
       INSERT INTO app.case_document_chunk (document_id, case_id, chunk_index, sealed) SELECT id, $1, 0, ${sealed} FROM document`,
      [caseId, userId],
    );
    await owner(
      `INSERT INTO app.task (case_id, sealed_title, due_on, assignee_id, created_by) VALUES ($1, ${sealed}, current_date, $2, $2)`,
      [caseId, userId],
    );
    await owner(
      `INSERT INTO app.placement (case_id, shelter_id, from_date, placed_by) VALUES ($1, $2, current_date, $3)`,
      [caseId, shelterId, userId],
    );
    await owner(
      `WITH enrolment AS (
         INSERT INTO app.enrolment (programme_id, case_id, status, created_by) VALUES ($1, $2, 'waitingList', $3) RETURNING id),
       attendance AS (
         INSERT INTO app.enrolment_attendance (enrolment_id, programme_id, case_id, session_on, status, recorded_by)
         SELECT id, $1, $2, current_date, 'present', $3 FROM enrolment)
       INSERT INTO app.enrolment_follow_up (enrolment_id, case_id, followed_up_on, outcome, recorded_by)
       SELECT id, $2, current_date, 'employed', $3 FROM enrolment`,
      [programmeId, caseId, userId],
    );
    await owner(
      `INSERT INTO app.reintegration_goal (case_id, dimension, sealed_goal, sealed_assistance, status, created_by) VALUES ($1, 'economic', ${sealed}, ${sealed}, 'planned', $2)`,
      [caseId, userId],
    );
    await owner(`INSERT INTO app.follow_up_visit (case_id, months_after, due_on) VALUES ($1, 3, current_date)`, [
      caseId,
    ]);
    await owner(
      `INSERT INTO app.protection_review (case_id, decision, sealed_reason, decided_by) VALUES ($1, 'returnBlocked', ${sealed}, $2)`,
      [caseId, userId],
    );
    await owner(
      `INSERT INTO app.child_guardian (case_id, appointed_on, sealed_name, sealed_organisation, recorded_by) VALUES ($1, current_date, ${sealed}, ${sealed}, $2)`,
      [caseId, userId],
    );
    await owner(
      `INSERT INTO app.age_assessment (case_id, assessed_on, method, assessed_age, sealed_assessed_by, disputed, recorded_by) VALUES ($1, current_date, 'documents', 16, ${sealed}, false, $2)`,
      [caseId, userId],
    );
    await owner(
      `INSERT INTO app.child_views (case_id, expressed_on, sealed_views, recorded_by) VALUES ($1, current_date, ${sealed}, $2)`,
      [caseId, userId],
    );
    await owner(
      `INSERT INTO app.best_interests (case_id, kind, completed_on, sealed_summary, status, recorded_by) VALUES ($1, 'determination', current_date, ${sealed}, 'pendingApproval', $2)`,
      [caseId, userId],
    );
    await owner(
      `INSERT INTO app.identification_screening (case_id, screened_on, language, interpreter_used, answers, proposal, positive_dimensions, screened_by) VALUES ($1, current_date, 'en', false, '{}', 'notIndicated', '{}', $2)`,
      [caseId, userId],
    );
    await owner(
      `INSERT INTO app.trafficking_status_decision (case_id, status, decided_by, decided_on, recorded_by) VALUES ($1, 'PossibleVictimOfTrafficking', 'NGO', current_date, $2)`,
      [caseId, userId],
    );
    await owner(`INSERT INTO app.legal_status (case_id, migration_status, updated_by) VALUES ($1, 'InTransit', $2)`, [
      caseId,
      userId,
    ]);
    await owner(
      `INSERT INTO app.referral (case_id, from_organisation_id, to_organisation_id, services, urgency, lens, status, sent_by) VALUES ($1, $2, $3, '{medical}', 'routine', '{basicProfile}', 'declined', $4)`,
      [caseId, organisationId, clinic, userId],
    );
    await owner(
      `INSERT INTO app.transfer (case_id, from_organisation_id, to_organisation_id, status, proposed_by) VALUES ($1, $2, $3, 'cancelled', $4)`,
      [caseId, organisationId, clinic, userId],
    );
    await owner(
      `INSERT INTO app.case_erasure (case_id, reason, channel, recorded_by, recorded_at) VALUES ($1, 'survivorRequest', 'inPerson', $2, now())`,
      [caseId, userId],
    );
    await owner(
      `INSERT INTO app.case_erasure_request (case_id, requested_from_case_id, requesting_organisation_id, reason, channel, requested_by, requested_at) VALUES ($1, $1, $2, 'survivorRequest', 'inPerson', $3, now())`,
      [caseId, organisationId, userId],
    );
  }

  async function register(person: 'caseworker' | 'otherCaseworker', givenName: string): Promise<string> {
    const session = await harness.signInAs(person);
    const response = await session.post('/api/cases', registration({ givenName }));
    expect(response.status).toBe(201);
    return response.body.id as string;
  }

  beforeAll(async () => {
    harness = await startTestApp();
    dataSource = harness.app.get(DataSource);
    ({ shelterA: organisationA, shelterB: organisationB, clinic } = harness.organisations);
    caseA = await register('caseworker', 'Aminata');
    caseB = await register('otherCaseworker', 'Beatrice');
    for (const [caseId, organisationId, userId] of [
      [caseA, organisationA, harness.people.caseworker.id],
      [caseB, organisationB, harness.people.otherCaseworker.id],
    ] as const) {
      const [{ id: shelterId }] = await owner<{ id: string }>(
        `INSERT INTO app.shelter (organisation_id, name, kind, area, capacity, wrapped_key, sealed_address) VALUES ($1, 'Shelter', 'women', 'North', 10, '\\x00', '\\x00') RETURNING id`,
        [organisationId],
      );
      const [{ id: programmeId }] = await owner<{ id: string }>(
        `INSERT INTO app.training_programme (owner_organisation_id, provider_organisation_id, trade, place, starts_on, ends_on, seats, language, created_by) VALUES ($1, $1, 'Tailoring', 'Town', current_date, current_date, 5, 'en', $2) RETURNING id`,
        [organisationId, userId],
      );
      await fillCase(caseId, organisationId, userId, shelterId, programmeId);
    }
  });
  afterAll(() => harness.close());

  it('serves requests as the application role: no superuser, no BYPASSRLS, owns nothing', async () => {
    expect(await dataSource.query('SELECT current_user AS role')).toEqual([{ role: TEST_APPLICATION_ROLE }]);
    expect(await checkApplicationConnection(harness.config.databaseUrl)).toEqual({
      role: TEST_APPLICATION_ROLE,
      problems: [],
    });
    // The owner's connection is what the check is there to catch: a production start refuses it.
    expect((await checkApplicationConnection(harness.database.url)).problems).toContain('is a superuser');
    const asOwner = { ownerUrl: harness.database.url, applicationUrl: harness.database.url, dataDir: '.haven' };
    await expect(prepareDatabase({ ...asOwner, production: true })).rejects.toThrow(ConfigurationError);
    await expect(prepareDatabase({ ...asOwner, production: true })).rejects.toThrow(
      /is a superuser.*row-level security does not apply/,
    );
  });

  it('protects every table that holds case rows, and each table has a deliberate grant', async () => {
    const protectedTables = (
      await owner<{ name: string }>(
        `SELECT relname AS name FROM pg_class WHERE relnamespace = 'app'::regnamespace AND relkind = 'r' AND relrowsecurity ORDER BY 1`,
      )
    ).map((row) => row.name);
    expect(protectedTables).toEqual(Object.keys(CASE_TABLES).sort());
    const withCaseIds = (
      await owner<{ name: string }>(
        `SELECT DISTINCT table_name AS name FROM information_schema.columns WHERE table_schema = 'app' AND column_name = 'case_id' ORDER BY 1`,
      )
    ).map((row) => row.name);
    expect(withCaseIds.filter((name) => !protectedTables.includes(name)).sort()).toEqual(
      [...UNPROTECTED_WITH_CASE_IDS].sort(),
    );
    const allTables = (
      await owner<{ name: string }>(
        `SELECT schemaname || '.' || tablename AS name FROM pg_tables WHERE schemaname IN ('app', 'audit', 'stats') ORDER BY 1`,
      )
    ).map((row) => row.name);
    expect(allTables.filter((name) => !(name in APPLICATION_PRIVILEGES))).toEqual([]);
  });

  it("inside organisation A's scope, no table shows a row of B's case, and A's own rows are all there", async () => {
    await runAsOrganisation(organisationA, async () => {
      for (const name of Object.keys(CASE_TABLES)) {
        const seen = await visibleCaseIds(name);
        expect({ table: name, seesOwn: seen.includes(caseA), seesOther: seen.includes(caseB) }).toEqual({
          table: name,
          seesOwn: true,
          seesOther: false,
        });
      }
    });
    // The owner (who bypasses the policies) sees both: the rows are there.
    for (const name of Object.keys(CASE_TABLES)) {
      const all = (await owner<{ case_id: string }>(`SELECT ${CASE_TABLES[name]} AS case_id FROM ${table(name)}`)).map(
        (row) => row.case_id,
      );
      expect(all).toEqual(expect.arrayContaining([caseA, caseB]));
    }
  });

  it('a placement belongs to its case’s organisation, whatever its writer says (its policy trusts that column)', async () => {
    const organisationOf = async () =>
      (
        await owner<{ organisation_id: string }>(`SELECT organisation_id FROM app.placement WHERE case_id = $1`, [
          caseA,
        ])
      ).map((row) => row.organisation_id);
    expect(await organisationOf()).toEqual([organisationA]);
    // Claiming the other organisation, by update and by insert: the trigger puts the case's back.
    await runAsOrganisation(organisationA, () =>
      dataSource.query(`UPDATE app.placement SET organisation_id = $1 WHERE case_id = $2`, [organisationB, caseA]),
    );
    expect(await organisationOf()).toEqual([organisationA]);
    const [{ shelter_id: shelterId }] = await owner<{ shelter_id: string }>(
      `SELECT shelter_id FROM app.placement WHERE case_id = $1`,
      [caseA],
    );
    await owner(
      `INSERT INTO app.placement (case_id, organisation_id, shelter_id, from_date, to_date, exit_reason, placed_by) VALUES ($1, $2, $3, current_date - 9, current_date - 2, 'moved', $4)`,
      [caseA, organisationB, shelterId, harness.people.caseworker.id],
    );
    expect(await organisationOf()).toEqual([organisationA, organisationA]);
    await runAsOrganisation(organisationB, async () => expect(await visibleCaseIds('placement')).not.toContain(caseA));
    await owner(`DELETE FROM app.placement WHERE case_id = $1 AND to_date IS NOT NULL`, [caseA]);
  });

  it('a repository query that forgets its scope still cannot read another organisation’s case', async () => {
    const cases = harness.app.get(CasesRepository);
    await runAsOrganisation(organisationA, async () => {
      expect(await cases.findById(caseB)).toBeNull();
      expect((await cases.findById(caseA))?.id).toBe(caseA);
    });
    await runAsOrganisation(organisationB, async () => expect((await cases.findById(caseB))?.id).toBe(caseB));
  });

  it("a new case never takes a reference held by another organisation's case, though it cannot see that case", async () => {
    const cases = harness.app.get(CasesRepository);
    const [{ reference: referenceOfB }] = await owner<{ reference: string }>(
      `SELECT reference FROM app."case" WHERE id = $1`,
      [caseB],
    );
    const offered = [referenceOfB!, 'HV-FREE-0001'];
    const rolledBack = new Error('roll back');
    const transactions = harness.app.get(TransactionHost);
    await runAsOrganisation(organisationA, () =>
      transactions
        .withTransaction(async () => {
          const now = new Date();
          const inserted = await cases.insertCase(() => offered.shift()!, {
            organisationId: organisationA,
            assigneeId: harness.people.caseworker.id,
            team: null,
            status: 'Active',
            stage: 'identification',
            riskLevel: 'low',
            sensitive: false,
            sex: 'Feminine',
            nationality: 'NG',
            ageAtRegistration: 30,
            exploitationTypes: [],
            profile: {},
            registeredBy: harness.people.caseworker.id,
            registeredAt: now,
            updatedAt: now,
          });
          expect(inserted.reference).toBe('HV-FREE-0001');
          throw rolledBack;
        })
        .catch((error: unknown) => {
          if (error !== rolledBack) throw error;
        }),
    );
    expect(offered).toEqual([]);
  });

  it('without a scope nothing is readable, and nothing can be written', async () => {
    for (const name of Object.keys(CASE_TABLES))
      expect({ table: name, rows: await visibleCaseIds(name) }).toEqual({ table: name, rows: [] });
    await expect(
      dataSource.query(`UPDATE app."case" SET risk_level = 'low' WHERE id = $1 RETURNING id`, [caseA]),
    ).resolves.toEqual([[], 0]);
    await expect(
      dataSource.query(
        `INSERT INTO app."case" (reference, organisation_id, status, risk_level, sex, nationality, registered_by) VALUES ('HV-NO-SCOPE', $1, 'Active', 'low', 'Feminine', 'NG', $2)`,
        [organisationA, harness.people.caseworker.id],
      ),
    ).rejects.toThrow(/row-level security/);
    // Writing a row into another organisation is refused too, not only reading it.
    await runAsOrganisation(organisationA, async () => {
      await expect(
        dataSource.query(`INSERT INTO app.case_note (case_id, sealed_body, author_id) VALUES ($1, '\\x00', $2)`, [
          caseB,
          harness.people.caseworker.id,
        ]),
      ).rejects.toThrow(/row-level security/);
      expect(await dataSource.query(`DELETE FROM app.case_note WHERE case_id = $1 RETURNING id`, [caseB])).toEqual([
        [],
        0,
      ]);
    });
  });

  it('the system scope, entered explicitly, sees every organisation', async () => {
    await runAsSystem('row-level security test', async () => {
      const seen = await visibleCaseIds('case');
      expect(seen).toEqual(expect.arrayContaining([caseA, caseB]));
    });
  });

  it('a partner sees the case only while its referral is open, and the identity and needs only if the lens shares them', async () => {
    const sharedCase = await register('otherCaseworker', 'Clementine');
    const [{ id: referralId }] = await owner<{ id: string }>(
      `INSERT INTO app.referral (case_id, from_organisation_id, to_organisation_id, services, urgency, lens, status, sent_by) VALUES ($1, $2, $3, '{medical}', 'routine', '{riskSummary}', 'sent', $4) RETURNING id`,
      [sharedCase, organisationB, clinic, harness.people.otherCaseworker.id],
    );
    await owner(
      `INSERT INTO app.assessment (case_id, type, findings, assessed_by) VALUES ($1, 'needs', '{}'::jsonb, $2)`,
      [sharedCase, harness.people.otherCaseworker.id],
    );
    const asClinic = <T>(work: () => Promise<T>) => runAsOrganisation(clinic, work, harness.people.partner.id);
    const seenByClinic = () =>
      asClinic(async () => ({
        case: (await visibleCaseIds('case')).includes(sharedCase),
        identity: (await visibleCaseIds('survivor_identity')).includes(sharedCase),
        assessment: (await visibleCaseIds('assessment')).includes(sharedCase),
        key: (await visibleCaseIds('case_key')).includes(sharedCase),
        note: (await visibleCaseIds('case_note')).includes(sharedCase),
        otherCase: (await visibleCaseIds('case')).includes(caseB),
      }));

    expect(await seenByClinic()).toEqual({
      case: true,
      identity: false,
      assessment: false,
      key: true,
      note: false,
      otherCase: false,
    });
    await owner(`UPDATE app.referral SET lens = '{basicProfile,healthNeeds}', status = 'accepted' WHERE id = $1`, [
      referralId,
    ]);
    expect(await seenByClinic()).toEqual({
      case: true,
      identity: true,
      assessment: true,
      key: true,
      note: false,
      otherCase: false,
    });
    // Completed: the partner still opens the referral (its message, its services) but no longer the case.
    await owner(`UPDATE app.referral SET status = 'completed' WHERE id = $1`, [referralId]);
    expect(await seenByClinic()).toEqual({
      case: false,
      identity: false,
      assessment: false,
      key: true,
      note: false,
      otherCase: false,
    });
    await owner(`UPDATE app.referral SET status = 'withdrawn' WHERE id = $1`, [referralId]);
    expect(await seenByClinic()).toEqual({
      case: false,
      identity: false,
      assessment: false,
      key: false,
      note: false,
      otherCase: false,
    });
    // The partner never changes the sender's case.
    await owner(`UPDATE app.referral SET status = 'accepted' WHERE id = $1`, [referralId]);
    await asClinic(async () =>
      expect(
        await dataSource.query(`UPDATE app."case" SET risk_level = 'low' WHERE id = $1 RETURNING id`, [sharedCase]),
      ).toEqual([[], 0]),
    );
  });

  it('a partner reads a file and its chunks only while an open referral’s lens shares the file’s category', async () => {
    const sharedCase = await register('otherCaseworker', 'Philippa');
    const uploader = harness.people.otherCaseworker.id;
    const addFile = async (category: string) => {
      const [{ id }] = await owner<{ id: string }>(
        `INSERT INTO app.case_document (case_id, category, sealed_title, sealed_file_name, content_type, byte_size, chunk_count, scan, uploaded_by)
         VALUES ($1, $2, '\\x00', '\\x00', 'text/plain', 1, 1, 'not-scanned', $3) RETURNING id`,
        [sharedCase, category, uploader],
      );
      await owner(
        `INSERT INTO app.case_document_chunk (document_id, case_id, chunk_index, sealed) VALUES ($1, $2, 0, '\\x00')`,
        [id, sharedCase],
      );
      return id;
    };
    const medical = await addFile('medical');
    await addFile('identity-document');
    const [{ id: referralId }] = await owner<{ id: string }>(
      `INSERT INTO app.referral (case_id, from_organisation_id, to_organisation_id, services, urgency, lens, status, sent_by) VALUES ($1, $2, $3, '{medical}', 'routine', '{basicProfile,medicalFiles}', 'sent', $4) RETURNING id`,
      [sharedCase, organisationB, clinic, uploader],
    );
    const seenByClinic = () =>
      runAsOrganisation(
        clinic,
        async () => ({
          documents: (
            (await dataSource.query(`SELECT id FROM app.case_document WHERE case_id = $1`, [sharedCase])) as {
              id: string;
            }[]
          ).map((row) => row.id),
          chunks: (
            (await dataSource.query(`SELECT document_id FROM app.case_document_chunk WHERE case_id = $1`, [
              sharedCase,
            ])) as { document_id: string }[]
          ).map((row) => row.document_id),
        }),
        harness.people.partner.id,
      );
    expect(await seenByClinic()).toEqual({ documents: [medical], chunks: [medical] });
    await owner(`UPDATE app.referral SET status = 'accepted' WHERE id = $1`, [referralId]);
    expect(await seenByClinic()).toEqual({ documents: [medical], chunks: [medical] });
    // However it ends — done, refused, or withdrawn (by the caseworker or with her consent) — the files go with it.
    for (const status of ['completed', 'declined', 'withdrawn']) {
      await owner(`UPDATE app.referral SET status = $2 WHERE id = $1`, [referralId, status]);
      expect({ status, seen: await seenByClinic() }).toEqual({ status, seen: { documents: [], chunks: [] } });
    }
    await owner(`UPDATE app.referral SET status = 'sent', lens = '{basicProfile}' WHERE id = $1`, [referralId]);
    expect(await seenByClinic()).toEqual({ documents: [], chunks: [] });
  });

  it('the receiving organisation reads a proposed transfer’s case, and nothing once it is decided', async () => {
    const offered = await register('otherCaseworker', 'Delphine');
    const [{ id: transferId }] = await owner<{ id: string }>(
      `INSERT INTO app.transfer (case_id, from_organisation_id, to_organisation_id, status, proposed_by) VALUES ($1, $2, $3, 'proposed', $4) RETURNING id`,
      [offered, organisationB, organisationA, harness.people.otherSupervisor.id],
    );
    const seenByA = () =>
      runAsOrganisation(organisationA, async () => ({
        case: (await visibleCaseIds('case')).includes(offered),
        identity: (await visibleCaseIds('survivor_identity')).includes(offered),
        history: (await visibleCaseIds('case_change')).includes(offered),
      }));
    expect(await seenByA()).toEqual({ case: true, identity: true, history: false });
    await owner(`UPDATE app.transfer SET status = 'rejected' WHERE id = $1`, [transferId]);
    expect(await seenByA()).toEqual({ case: false, identity: false, history: false });
  });

  it('a training provider sees the enrolments of the programmes it runs and their cases, nothing else', async () => {
    const trainee = await register('otherCaseworker', 'Estelle');
    const [{ id: programmeId }] = await owner<{ id: string }>(
      `INSERT INTO app.training_programme (owner_organisation_id, provider_organisation_id, trade, place, starts_on, ends_on, seats, language, created_by) VALUES ($1, $2, 'Baking', 'Town', current_date, current_date, 5, 'en', $3) RETURNING id`,
      [organisationB, clinic, harness.people.otherSupervisor.id],
    );
    await owner(
      `WITH enrolment AS (
         INSERT INTO app.enrolment (programme_id, case_id, status, created_by) VALUES ($1, $2, 'enrolled', $3) RETURNING id),
       attendance AS (
         INSERT INTO app.enrolment_attendance (enrolment_id, programme_id, case_id, session_on, status, recorded_by)
         SELECT id, $1, $2, current_date, 'present', $3 FROM enrolment)
       INSERT INTO app.enrolment_follow_up (enrolment_id, case_id, followed_up_on, outcome, sealed_note, recorded_by)
       SELECT id, $2, current_date, 'employed', '\\x00'::bytea, $3 FROM enrolment`,
      [programmeId, trainee, harness.people.otherSupervisor.id],
    );
    const seen = await runAsOrganisation(clinic, async () => ({
      trainee: (await visibleCaseIds('case')).includes(trainee),
      otherCases: (await visibleCaseIds('case')).filter((id) => [caseA, caseB].includes(id)),
      enrolments: await visibleCaseIds('enrolment'),
      // The provider records sessions, so it sees them; follow-ups (and their notes) are the owner's only.
      attendance: await visibleCaseIds('enrolment_attendance'),
      followUps: (await visibleCaseIds('enrolment_follow_up')).length,
      identity: (await visibleCaseIds('survivor_identity')).includes(trainee),
      notes: (await visibleCaseIds('case_note')).length,
    }));
    expect(seen).toEqual({
      trainee: true,
      otherCases: [],
      enrolments: [trainee],
      attendance: [trainee],
      followUps: 0,
      identity: false,
      notes: 0,
    });
  });

  it('the application role cannot change the audit trail, the schema, or read what it does not need', async () => {
    const client = new pg.Client({ connectionString: harness.config.databaseUrl });
    await client.connect();
    const refused = async (sql: string) => {
      await client.query('SAVEPOINT attempt');
      const error = await client.query(sql).then(
        () => null,
        (caught: { code?: string }) => caught,
      );
      await client.query('ROLLBACK TO SAVEPOINT attempt');
      return error?.code;
    };
    try {
      await client.query('BEGIN');
      expect((await client.query('SELECT count(*)::int AS n FROM audit.event')).rows[0].n).toBeGreaterThan(0);
      // 42501: insufficient privilege (the trigger that also guards the audit table is not even reached).
      expect(await refused('UPDATE audit.event SET action = action')).toBe('42501');
      expect(await refused('DELETE FROM audit.event')).toBe('42501');
      expect(await refused('TRUNCATE audit.event')).toBe('42501');
      expect(await refused('ALTER TABLE app."case" DISABLE ROW LEVEL SECURITY')).toBe('42501');
      expect(await refused('ALTER TABLE app."case" ADD COLUMN x int')).toBe('42501');
      expect(await refused('DROP TABLE app.case_note')).toBe('42501');
      expect(await refused('DROP POLICY case_of_scope ON app."case"')).toBe('42501');
      expect(await refused('CREATE TABLE app.smuggled (id int)')).toBe('42501');
      // The migrations table is read by the readiness check, never written.
      expect((await client.query('SELECT count(*)::int AS n FROM public.migrations')).rows[0].n).toBeGreaterThan(0);
      expect(await refused('DELETE FROM public.migrations')).toBe('42501');
      expect(await refused(`INSERT INTO public.migrations (timestamp, name) VALUES (1, 'x')`)).toBe('42501');
      expect(await refused('UPDATE app.case_change SET action = action')).toBe('42501');
      expect(await refused('SET ROLE postgres')).toBe('42501');
      await client.query('ROLLBACK');
    } finally {
      await client.end();
    }
  });

  it('keeps the case list on its index with the policies on (a few thousand cases of three organisations)', async () => {
    await owner(
      `INSERT INTO app."case" (reference, organisation_id, status, risk_level, sex, nationality, registered_by, registered_at)
       SELECT 'HV-GEN-' || n, (ARRAY[$1, $2, $3]::uuid[])[1 + n % 3], 'Active', 'medium', 'Feminine', 'NG', $4, now() - n * interval '1 minute'
         FROM generate_series(1, 6000) AS n`,
      [organisationA, organisationB, clinic, harness.people.caseworker.id],
    );
    await owner('ANALYZE app."case"; ANALYZE app.referral; ANALYZE app.transfer');
    const plan = await runAsOrganisation(organisationA, async () =>
      (
        (await dataSource.query(
          `EXPLAIN SELECT c.id FROM app."case" c LEFT JOIN app."user" u ON u.id = c.assignee_id
          WHERE c.organisation_id = $1 AND c.status = 'Active' ORDER BY c.registered_at DESC, c.id DESC LIMIT 20`,
          [organisationA],
        )) as { 'QUERY PLAN': string }[]
      )
        .map((row) => row['QUERY PLAN'])
        .join('\n'),
    );
    // One of the organisation-first indexes (by status, or by registration in the list's order).
    expect(plan).toMatch(/Index Scan using case_org_(status|registered)_idx/);
    expect(plan).not.toMatch(/Seq Scan on "?case"?/);
    await owner(`DELETE FROM app."case" WHERE reference LIKE 'HV-GEN-%'`);
  });

  it('reads every allowed sort of a supervisor’s and a caseworker’s case list from an index, with no sort, deep or not', async () => {
    await owner(
      `INSERT INTO app."case" (reference, organisation_id, assignee_id, status, risk_level, sex, nationality, registered_by, registered_at, updated_at)
       SELECT 'HV-SRT-' || n, (ARRAY[$1, $2, $3]::uuid[])[1 + n % 3], CASE WHEN n % 2 = 0 THEN $4::uuid END,
              'Active', 'medium', 'Feminine', 'NG', $4, now() - n * interval '1 minute', now() - (n * 7 % 6000) * interval '1 minute'
         FROM generate_series(1, 6000) AS n`,
      [organisationA, organisationB, clinic, harness.people.caseworker.id],
    );
    try {
      await owner('ANALYZE app."case"; ANALYZE app.referral; ANALYZE app.transfer');
      // The shape of CasesRepository.list: scope, then the keyset position, in the index's order.
      const columns = { registeredAt: 'registered_at', updatedAt: 'updated_at', reference: 'reference' } as const;
      const plans: string[] = [];
      for (const [sort, column] of Object.entries(columns))
        for (const order of ['ASC', 'DESC'])
          for (const assignee of [null, harness.people.caseworker.id])
            for (const deep of [false, true]) {
              const [position] = await owner<{ key: string; id: string }>(
                `SELECT ${column}::text AS key, id FROM app."case" WHERE organisation_id = $1 ORDER BY ${column} ${order}, id ${order} OFFSET 900 LIMIT 1`,
                [organisationA],
              );
              const params: unknown[] = [organisationA, ...(assignee ? [assignee] : []), position!.key, position!.id];
              const keyType = column === 'reference' ? 'text' : 'timestamptz';
              const sql = `EXPLAIN SELECT c.id, u.display_name FROM app."case" c LEFT JOIN app."user" u ON u.id = c.assignee_id
                 WHERE (c.organisation_id = $1${assignee ? ' AND c.assignee_id = $2' : ''})
                 ${deep ? `AND (c.${column}, c.id) ${order === 'ASC' ? '>' : '<'} ($${params.length - 1}::${keyType}, $${params.length}::uuid)` : ''}
                 ORDER BY c.${column} ${order}, c.id ${order} LIMIT 26`;
              const plan = await runAsOrganisation(organisationA, async () =>
                ((await dataSource.query(sql, deep ? params : params.slice(0, -2))) as { 'QUERY PLAN': string }[])
                  .map((row) => row['QUERY PLAN'])
                  .join('\n'),
              );
              plans.push(
                `${sort} ${order} ${assignee ? 'caseworker' : 'supervisor'} ${deep ? 'deep' : 'first'}\n${plan}`,
              );
            }
      for (const plan of plans) {
        expect(plan).toMatch(/Index (Only )?Scan (Backward )?using case_org_/);
        expect(plan).not.toMatch(/\bSort\b/);
        expect(plan).not.toMatch(/Seq Scan on "?case"?/);
      }
    } finally {
      await owner(`DELETE FROM app."case" WHERE reference LIKE 'HV-SRT-%'`);
    }
  });

  it('pages the partner inbox from its index and counts it from the index alone, with the policies on', async () => {
    // Thousands of referrals, a third of them to the clinic, in every state (only sent, accepted and completed are in the inbox).
    await owner(
      `INSERT INTO app.referral (case_id, from_organisation_id, to_organisation_id, services, urgency, lens, status, sent_by, sent_at)
       SELECT $1, $2, (ARRAY[$3, $2, $2]::uuid[])[1 + n % 3], '{medical}', 'routine', '{traffickingProfile}',
              (ARRAY['sent', 'accepted', 'completed', 'declined', 'withdrawn'])[1 + n % 5], $4, now() - n * interval '1 minute'
         FROM generate_series(1, 6000) AS n`,
      [caseB, organisationB, clinic, harness.people.otherCaseworker.id],
    );
    try {
      await owner('VACUUM ANALYZE app.referral');
      const planAsClinic = (sql: string, params: unknown[]) =>
        runAsOrganisation(
          clinic,
          async () =>
            ((await dataSource.query(`EXPLAIN ${sql}`, params)) as { 'QUERY PLAN': string }[])
              .map((row) => row['QUERY PLAN'])
              .join('\n'),
          harness.people.partner.id,
        );
      // The repository's two queries (referrals.repository.ts `inbox`), as it sends them.
      const page = await planAsClinic(
        `SELECT r.id, r.from_organisation_id AS "fromOrganisationId", o.name AS "fromOrganisationName",
                r.services, r.urgency, r.status, r.sent_at AS "sentAt", r.version
           FROM app.referral r JOIN app.organisation o ON o.id = r.from_organisation_id
          WHERE ((r.to_organisation_id = $1)) AND r.status IN ('sent', 'accepted', 'completed') AND r.status = ANY($2::text[])
          ORDER BY r.sent_at DESC, r.id DESC LIMIT $3 OFFSET $4`,
        [clinic, ['sent', 'accepted', 'completed'], 25, 0],
      );
      // Read in the page's order from the top of the index: no sort, no scan of the table.
      expect(page).toMatch(/Index Scan using referral_inbox_page_idx/);
      expect(page).not.toMatch(/Sort|Seq Scan on referral/);
      const count = await planAsClinic(
        `SELECT r.status, count(*)::int AS count FROM app.referral r
          WHERE ((r.to_organisation_id = $1)) AND r.status IN ('sent', 'accepted', 'completed') GROUP BY r.status`,
        [clinic],
      );
      expect(count).toMatch(/Index Only Scan using referral_inbox_page_idx/);
      // The policies read the scope once per statement, not once per referral.
      expect(count).toMatch(/InitPlan/);
      expect(count).not.toMatch(/current_setting/);
    } finally {
      await owner(`DELETE FROM app.referral WHERE case_id = $1 AND lens = '{traffickingProfile}'`, [caseB]);
    }
  });

  it('concurrent work of different organisations never sees the other’s setting', async () => {
    const rounds = 25;
    const worker = (organisationId: string, own: string, other: string) =>
      runAsOrganisation(organisationId, async () => {
        const failures: string[] = [];
        for (let round = 0; round < rounds; round += 1) {
          // Alternate single queries (a pooled connection each) and transactions (one held connection).
          const [setting] = (await dataSource.query(
            `SELECT current_setting('app.organisation_id') AS value, pg_sleep(0.002)`,
          )) as { value: string }[];
          if (setting!.value !== organisationId) failures.push(`setting ${setting!.value}`);
          const seen = await dataSource.transaction(async (manager) =>
            ((await manager.query('SELECT id FROM app."case"')) as { id: string }[]).map((row) => row.id),
          );
          if (!seen.includes(own) || seen.includes(other)) failures.push(`round ${round} saw ${seen.length} cases`);
        }
        return failures;
      });
    const results = await Promise.all([
      worker(organisationA, caseA, caseB),
      worker(organisationB, caseB, caseA),
      worker(organisationA, caseA, caseB),
      worker(organisationB, caseB, caseA),
    ]);
    expect(results).toEqual([[], [], [], []]);
  });

  it('every connection carries its borrower’s scope: a reused one, one the pool opened after closing its idle ones, one after the server ended it', async () => {
    // The application's own pg driver (scopedPostgres), on one connection that the pool closes after 250 ms idle.
    const pooled = new DataSource({
      ...dataSourceOptions(harness.config.databaseUrl),
      driver: scopedPostgres(),
      extra: { max: 1, idleTimeoutMillis: 250 },
    });
    await pooled.initialize();
    const seen = async () => {
      const [row] = (await pooled.query(
        `SELECT pg_backend_pid() AS pid, current_setting('app.organisation_id', true) AS organisation, current_setting('app.user_id', true) AS "user",
                current_setting('app.system', true) AS system, ARRAY(SELECT id FROM app."case" WHERE id = ANY($1::uuid[]) ORDER BY id) AS cases`,
        [[caseA, caseB]],
      )) as { pid: number; organisation: string; user: string; system: string; cases: string[] }[];
      return row!;
    };
    const idle = () => new Promise((resolve) => setTimeout(resolve, 1000));
    const userA = harness.people.caseworker.id;
    try {
      // Borrowed back to back: the same connection, rescoped for each borrower.
      const [asA, asB] = [
        await runAsOrganisation(organisationA, seen, userA),
        await runAsOrganisation(organisationB, seen),
      ];
      expect(asB.pid).toBe(asA.pid);
      expect(asA).toMatchObject({ organisation: organisationA, user: userA, system: '', cases: [caseA] });
      expect(asB).toMatchObject({ organisation: organisationB, user: '', system: '', cases: [caseB] });

      // The pool closed its idle connection: the next borrower's new one is scoped before its first query.
      await idle();
      const recycled = await runAsOrganisation(organisationA, seen, userA);
      expect(recycled.pid).not.toBe(asB.pid);
      expect(recycled).toMatchObject({ organisation: organisationA, user: userA, system: '', cases: [caseA] });

      // Ended by the server (a restart, a pooler): the connection after it is scoped too, whatever the scope.
      await owner('SELECT pg_terminate_backend($1)', [recycled.pid]);
      await idle();
      const system = await runAsSystem('scope test: every organisation', seen);
      expect(system.pid).not.toBe(recycled.pid);
      expect(system).toMatchObject({ organisation: '', user: '', system: 'on', cases: [caseA, caseB].sort() });
      // And work without a scope, on the connection the system scope just used, sees nothing.
      const unscoped = await seen();
      expect(unscoped).toMatchObject({ pid: system.pid, organisation: '', user: '', system: '', cases: [] });
    } finally {
      await pooled.destroy();
    }
  });

  it('writes the scope once per connection and scope: a borrower of the same scope gets the connection as it is, through a callback or a promise', async () => {
    const { Pool } = scopedPostgres();
    const pool = new Pool({ connectionString: harness.config.databaseUrl, max: 1 });
    const sent: string[] = [];
    const original = pg.Client.prototype.query;
    const spy = jest.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args) {
      const [text] = args as unknown[];
      sent.push(typeof text === 'string' ? text : ((text as { text?: string }).text ?? ''));
      return (original as (...sentArgs: unknown[]) => unknown).apply(this, args) as never;
    });
    const scopeWrites = () => sent.filter((text) => text.includes('set_config')).length;
    const settingThrough = async (borrow: 'callback' | 'promise') => {
      const client =
        borrow === 'promise'
          ? await pool.connect()
          : await new Promise<pg.PoolClient>((resolve, reject) =>
              pool.connect((error, borrowed) => (error || !borrowed ? reject(error) : resolve(borrowed))),
            );
      try {
        const { rows } = await client.query<{ organisation: string; pid: number }>(
          `SELECT current_setting('app.organisation_id', true) AS organisation, pg_backend_pid() AS pid`,
        );
        return rows[0]!;
      } finally {
        client.release();
      }
    };
    try {
      const first = await runAsOrganisation(organisationA, () => settingThrough('promise'));
      const again = await runAsOrganisation(organisationA, () => settingThrough('callback'));
      const andAgain = await runAsOrganisation(organisationA, () => settingThrough('promise'));
      expect([first, again, andAgain].map((seen) => seen.organisation)).toEqual([
        organisationA,
        organisationA,
        organisationA,
      ]);
      expect(new Set([first.pid, again.pid, andAgain.pid]).size).toBe(1);
      expect(scopeWrites()).toBe(1);

      const other = await runAsOrganisation(organisationB, () => settingThrough('callback'));
      expect(other).toEqual({ organisation: organisationB, pid: first.pid });
      expect(scopeWrites()).toBe(2);
      const none = await settingThrough('promise');
      expect(none).toEqual({ organisation: '', pid: first.pid });
      expect(scopeWrites()).toBe(3);
    } finally {
      spy.mockRestore();
      await pool.end();
    }
  });

  it('writes a changed scope in the same round trip as the first query, and keeps it right when users take turns on one connection', async () => {
    const { Pool } = scopedPostgres();
    const pool = new Pool({ connectionString: harness.config.databaseUrl, max: 1 });
    let queries = 0;
    const original = pg.Client.prototype.query;
    const spy = jest.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args) {
      queries += 1;
      return (original as (...sentArgs: unknown[]) => unknown).apply(this, args) as never;
    });
    // A request's first query, with a parameter as every repository read has: what scope does it run under?
    const request = async (probe = 1) => {
      const client = await pool.connect();
      try {
        const { rows } = await client.query<{ organisation: string; user: string; pid: number; probe: number }>(
          `SELECT current_setting('app.organisation_id', true) AS organisation, current_setting('app.user_id', true) AS "user",
                  pg_backend_pid() AS pid, 1 / $1::int AS probe`,
          [probe],
        );
        return rows[0]!;
      } finally {
        client.release();
      }
    };
    const users = {
      caseworker: harness.people.caseworker.id,
      supervisor: harness.people.supervisor.id,
      otherCaseworker: harness.people.otherCaseworker.id,
    };
    try {
      const turns = [
        ['A', users.caseworker],
        ['A', users.supervisor],
        ['B', users.otherCaseworker],
        ['A', users.caseworker],
        ['A', users.caseworker],
        ['B', users.otherCaseworker],
      ] as const;
      const seen = [];
      for (const [organisation, user] of turns) {
        const before = queries;
        const row = await runAsOrganisation(
          organisation === 'A' ? organisationA : organisationB,
          () => request(),
          user,
        );
        seen.push({ organisation: row.organisation, user: row.user, pid: row.pid, queries: queries - before });
      }
      const pid = seen[0]!.pid;
      // One query each, on the one connection: the scope went with it, or was already there.
      expect(seen).toEqual(
        turns.map(([organisation, user]) => ({
          organisation: organisation === 'A' ? organisationA : organisationB,
          user,
          pid,
          queries: 1,
        })),
      );
      expect((await request()).organisation).toBe('');
      // pg's own Pool.query (a callback inside) takes the same path.
      const before = queries;
      const pooled = await runAsOrganisation(
        organisationB,
        () =>
          pool.query<{ organisation: string }>(
            `SELECT current_setting('app.organisation_id', true) AS organisation, $1::int AS one`,
            [1],
          ),
        users.otherCaseworker,
      );
      expect({ organisation: pooled.rows[0]!.organisation, queries: queries - before }).toEqual({
        organisation: organisationB,
        queries: 1,
      });

      // A first query that fails takes its scope with it (one transaction): the connection's next
      // query, in the same borrow or the next, writes the scope again rather than trusting it.
      await runAsOrganisation(organisationB, () => request(), users.otherCaseworker);
      const failing = runAsOrganisation(organisationA, () => request(0), users.caseworker);
      await expect(failing).rejects.toThrow(/division by zero/);
      const afterFailure = await runAsOrganisation(organisationA, () => request(), users.caseworker);
      expect(afterFailure).toMatchObject({ organisation: organisationA, user: users.caseworker, pid });
      const sameBorrow = await runAsOrganisation(organisationB, async () => {
        const client = await pool.connect();
        try {
          await expect(client.query('SELECT 1 / $1::int', [0])).rejects.toThrow(/division by zero/);
          return (await client.query(`SELECT current_setting('app.organisation_id', true) AS organisation`)).rows[0];
        } finally {
          client.release();
        }
      });
      expect(sameBorrow).toEqual({ organisation: organisationB });
    } finally {
      spy.mockRestore();
      await pool.end();
    }
  });

  it('concurrent requests of callers of different organisations each see only their own cases', async () => {
    const [a, b] = await Promise.all([harness.signInAs('supervisor'), harness.signInAs('otherSupervisor')]);
    const list = async (session: typeof a) =>
      ((await session.get('/api/cases')).body.items as { id: string }[]).map((item) => item.id);
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        index % 2
          ? list(b).then((ids) => ({ organisation: 'B', ids }))
          : list(a).then((ids) => ({ organisation: 'A', ids })),
      ),
    );
    for (const { organisation, ids } of responses) {
      expect(ids).toContain(organisation === 'A' ? caseA : caseB);
      expect(ids).not.toContain(organisation === 'A' ? caseB : caseA);
    }
  });
});
