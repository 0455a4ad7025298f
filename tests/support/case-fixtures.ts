import { expect } from '@jest/globals';
import { queryDatabase, type HttpSession } from '@haven/testing';
import { readAesZip } from './aes-zip.js';
import { registration, type TestApp } from './test-app.js';

export interface CaseWithText {
  id: string;
  reference: string;
  referralId: string;
  givenName: string;
}

/**
 * A case with free text in every feature that keeps some (identity, note, assessment,
 * service, task, plan goal, referral message, a partner's service notes, a screening's interpreter,
 * a status decision's reason, a closure comment),
 * closed by the supervisor. The given name appears in each text, so a scan can prove it is gone.
 */
export async function closedCaseWithText(
  harness: TestApp,
  sessions: { caseworker: HttpSession; supervisor: HttpSession; partner: HttpSession },
  givenName: string,
): Promise<CaseWithText> {
  const { caseworker, supervisor, partner } = sessions;
  const created = await caseworker.post('/api/cases', registration({ givenName, familyName: 'Syntheticson' }));
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const writes = [
    await caseworker.post(`/api/cases/${id}/notes`, { body: `${givenName} described the journey.` }),
    await caseworker.post(`/api/cases/${id}/assessments`, {
      type: 'risk',
      riskLevel: 'medium',
      notes: `${givenName} feels safer.`,
    }),
    await caseworker.post(`/api/cases/${id}/services`, {
      type: 'medical',
      deliveredOn: '2026-01-05',
      outcome: 'completed',
      notes: `${givenName} saw a doctor.`,
    }),
    await caseworker.post(`/api/cases/${id}/tasks`, { title: `Call ${givenName}`, dueOn: '2027-01-01' }),
    await caseworker.post(`/api/cases/${id}/plan/goals`, { type: 'Health', objective: `${givenName} regains health` }),
    await caseworker.post(`/api/cases/${id}/identification/screenings`, {
      screenedOn: '2026-01-02',
      language: 'en',
      interpreterUsed: true,
      interpreterName: 'Tesfay Interpreterson',
      answers: { drNatureOfJob: 'yes' },
    }),
    await caseworker.post(`/api/cases/${id}/identification/decisions`, {
      status: 'PossibleVictimOfTrafficking',
      decidedBy: 'NGO',
      decidedOn: '2026-01-03',
      reason: `${givenName} was deceived about the job.`,
    }),
    await caseworker.post(`/api/cases/${id}/consents`, {
      purpose: 'referral',
      recipientOrganisationId: harness.organisations.clinic,
      givenOn: '2026-01-01',
      method: 'written',
    }),
  ];
  for (const write of writes) expect(write.status).toBe(201);
  const referral = await caseworker.post(`/api/cases/${id}/referrals`, {
    toOrganisationId: harness.organisations.clinic,
    services: ['medical'],
    lens: ['basicProfile', 'identity'],
    message: `Please see ${givenName} this week.`,
  });
  expect(referral.status).toBe(201);
  const accepted = await partner.post(`/api/referrals/${referral.body.id}/accept`, { version: referral.body.version });
  expect(accepted.status).toBe(200);
  const partnerService = await partner.post(`/api/referrals/${referral.body.id}/services`, {
    type: 'medical',
    deliveredOn: '2026-01-10',
    outcome: 'completed',
    notes: `${givenName} was treated.`,
  });
  expect(partnerService.status).toBeLessThan(300);
  // Training: a completed enrolment with a follow-up whose note names her.
  const programme = await supervisor.post('/api/training-programmes', {
    providerOrganisationId: harness.organisations.clinic,
    trade: 'Tailoring',
    place: 'Training centre',
    startsOn: '2026-01-05',
    endsOn: '2099-06-30',
    seats: 5,
    language: 'en',
  });
  expect(programme.status).toBe(201);
  const enrolment = await caseworker.post(`/api/cases/${id}/enrolments`, { programmeId: programme.body.id });
  expect(enrolment.status).toBe(201);
  const enrolmentUrl = `/api/training-programmes/${programme.body.id}/enrolments/${enrolment.body.id}`;
  const completed = await supervisor.patch(enrolmentUrl, {
    version: enrolment.body.version,
    status: 'completed',
    completedOn: '2026-01-20',
  });
  expect(completed.status).toBe(200);
  const followUp = await supervisor.post(`${enrolmentUrl}/follow-ups`, {
    followedUpOn: '2026-01-25',
    outcome: 'employed',
    note: `${givenName} works at a tailor's.`,
  });
  expect(followUp.status).toBe(201);
  const current = await supervisor.get(`/api/cases/${id}`);
  const closed = await supervisor.post(`/api/cases/${id}/closure`, {
    version: current.body.version,
    reason: 'goalsAchieved',
    comment: `${givenName} is doing well.`,
  });
  expect(closed.status).toBe(200);
  expect(closed.body.status).toBe('Closed');
  return { id, reference: created.body.reference as string, referralId: referral.body.id as string, givenName };
}

/** Every free-text column Haven has about a case that is still filled (ciphertexts included), by table. */
export async function remainingCaseText(
  query: <T extends Record<string, unknown>>(sql: string, params: unknown[]) => Promise<T[]>,
  caseId: string,
): Promise<Record<string, number>> {
  const checks: Record<string, string> = {
    case_key: `SELECT count(*)::int AS n FROM app.case_key WHERE case_id = $1`,
    survivor_identity: `SELECT count(*)::int AS n FROM app.survivor_identity WHERE case_id = $1`,
    case_change: `SELECT count(*)::int AS n FROM app.case_change WHERE case_id = $1 AND sealed_comment IS NOT NULL`,
    case_note: `SELECT count(*)::int AS n FROM app.case_note WHERE case_id = $1`,
    assessment: `SELECT count(*)::int AS n FROM app.assessment WHERE case_id = $1 AND sealed_notes IS NOT NULL`,
    support_plan: `SELECT count(*)::int AS n FROM app.support_plan WHERE case_id = $1 AND sealed_decision_comment IS NOT NULL`,
    support_plan_goal: `SELECT count(*)::int AS n FROM app.support_plan_goal WHERE case_id = $1 AND (sealed_objective IS NOT NULL OR sealed_actions IS NOT NULL)`,
    service_record: `SELECT count(*)::int AS n FROM app.service_record WHERE case_id = $1 AND sealed_notes IS NOT NULL`,
    task: `SELECT count(*)::int AS n FROM app.task WHERE case_id = $1 AND sealed_title IS NOT NULL`,
    referral: `SELECT count(*)::int AS n FROM app.referral WHERE case_id = $1 AND (sealed_message IS NOT NULL OR sealed_override_reason IS NOT NULL OR sealed_response IS NOT NULL)`,
    protection_review: `SELECT count(*)::int AS n FROM app.protection_review WHERE case_id = $1 AND sealed_reason IS NOT NULL`,
    transfer: `SELECT count(*)::int AS n FROM app.transfer WHERE (case_id = $1 OR received_case_id = $1) AND (sealed_reason IS NOT NULL OR sealed_decision_comment IS NOT NULL)`,
    placement: `SELECT count(*)::int AS n FROM app.placement WHERE case_id = $1 AND sealed_override_reason IS NOT NULL`,
    reintegration_goal: `SELECT count(*)::int AS n FROM app.reintegration_goal WHERE case_id = $1 AND (sealed_goal IS NOT NULL OR sealed_assistance IS NOT NULL)`,
    identification_screening: `SELECT count(*)::int AS n FROM app.identification_screening WHERE case_id = $1 AND sealed_interpreter_name IS NOT NULL`,
    trafficking_status_decision: `SELECT count(*)::int AS n FROM app.trafficking_status_decision WHERE case_id = $1 AND sealed_reason IS NOT NULL`,
    follow_up_visit: `SELECT count(*)::int AS n FROM app.follow_up_visit WHERE case_id = $1 AND sealed_notes IS NOT NULL`,
    child_guardian: `SELECT count(*)::int AS n FROM app.child_guardian WHERE case_id = $1`,
    age_assessment: `SELECT count(*)::int AS n FROM app.age_assessment WHERE case_id = $1`,
    child_views: `SELECT count(*)::int AS n FROM app.child_views WHERE case_id = $1`,
    best_interests: `SELECT count(*)::int AS n FROM app.best_interests WHERE case_id = $1`,
    enrolment_follow_up: `SELECT count(*)::int AS n FROM app.enrolment_follow_up WHERE case_id = $1 AND sealed_note IS NOT NULL`,
  };
  const remaining: Record<string, number> = {};
  for (const [table, sql] of Object.entries(checks)) {
    const [row] = await query<{ n: number }>(sql, [caseId]);
    if (row!.n > 0) remaining[table] = row!.n;
  }
  return remaining;
}

/**
 * The whole anonymised statistics projection, as sorted text: equal before and after means
 * no figure moved. Bookkeeping is left out: the privacy budget spent, and the projection's
 * version (it counts every rewrite, even one that changes no figure).
 */
export async function statisticsSnapshot(
  query: <T extends Record<string, unknown>>(sql: string, params: unknown[]) => Promise<T[]>,
): Promise<Record<string, string[]>> {
  const tables = await query<{ name: string }>(
    // The projection, not the stored releases (which the schedule may add to at any time).
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'stats' AND table_name NOT IN ('epsilon_ledger', 'projection_state', 'release', 'release_figure') ORDER BY 1`,
    [],
  );
  const snapshot: Record<string, string[]> = {};
  for (const { name } of tables) {
    const rows = await query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM stats.${name} t`, []);
    snapshot[name] = rows.map((row) => row.row).sort();
  }
  return snapshot;
}

/**
 * A referral of the case to the harness's clinic, as a caseworker makes it: the clinic opened to
 * medical referrals (by the administrator), the survivor's referral consent recorded, the referral
 * sent with the given lens. Answers the referral's id.
 */
export async function referToClinic(
  harness: TestApp,
  caseworker: HttpSession,
  caseId: string,
  lens: readonly string[],
): Promise<string> {
  const opened = await (
    await harness.signInAs('admin')
  ).patch(`/api/organisations/${harness.organisations.clinic}`, {
    services: ['medical'],
    country: 'IT',
    acceptingReferrals: true,
  });
  expect(opened.status).toBe(200);
  const consent = await caseworker.post(`/api/cases/${caseId}/consents`, {
    purpose: 'referral',
    recipientOrganisationId: harness.organisations.clinic,
    givenOn: '2026-11-01',
    method: 'verbal',
  });
  expect(consent.status).toBe(201);
  const referral = await caseworker.post(`/api/cases/${caseId}/referrals`, {
    toOrganisationId: harness.organisations.clinic,
    services: ['medical'],
    lens,
  });
  expect(referral.status).toBe(201);
  return referral.body.id as string;
}

/**
 * Shelter A in team mode with the caseworker and her colleague in one team: the colleague reads
 * and updates the team's cases but not their identities (nor the names sealed on their records).
 */
export async function caseworkerAndColleagueInOneTeam(harness: TestApp): Promise<void> {
  await queryDatabase(harness.database.url, 'UPDATE app.organisation SET team_mode = true WHERE id = $1', [
    harness.organisations.shelterA,
  ]);
  await queryDatabase(harness.database.url, `UPDATE app."user" SET team = 'night' WHERE id = ANY($1)`, [
    [harness.people.caseworker.id, harness.people.colleague.id],
  ]);
}

/** The survivor's access-request archive, as the supervisor downloads it, opened: its entries by name. */
export async function accessExportEntries(session: HttpSession, caseId: string): Promise<Map<string, Buffer>> {
  const password = 'Correct-horse-battery-42';
  const exported = await session
    .post(`/api/cases/${caseId}/access-export`, { password })
    .buffer(true)
    .parse((response, done) => {
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () => done(null, Buffer.concat(parts)));
    });
  expect(exported.status).toBe(200);
  return readAesZip(exported.body as Buffer, password);
}
