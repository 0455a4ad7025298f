import { expect } from '@jest/globals';
import { CSRF_HEADER } from '@haven/contracts';
import { newCase, queryDatabase, type HttpSession } from '@haven/testing';
import sharp from 'sharp';
import { type TestApp, type TestPerson } from '../support/test-app.js';
import { StatisticsReleases } from '../../apps/api/src/modules/statistics/statistics-releases.service.js';
import { OrganisationsService } from '../../apps/api/src/core/organisations/organisations.service.js';

/**
 * The records the security suites address: for each placeholder of a route (`:id`,
 * `:noteId`, …) a real record, on the caller's side (`own`), in another organisation
 * (`other`), and on a case whose referral to the partner was withdrawn (`withdrawn`).
 * The `own` case carries an open referral to the partner's organisation.
 */
export interface MatrixFixtures {
  own: Record<string, string>;
  other: Record<string, string>;
  withdrawn: Record<string, string>;
}

/** A case with one record of every kind a case route addresses, and an open referral to the clinic. */
async function caseFixtures(harness: TestApp, session: HttpSession): Promise<Record<string, string>> {
  const { id } = await newCase(session);
  const consent = await session.post(`/api/cases/${id}/consents`, {
    purpose: 'assistance',
    givenOn: '2026-01-01',
    method: 'written',
  });
  const note = await session.post(`/api/cases/${id}/notes`, { body: 'Fixture note' });
  const task = await session.post(`/api/cases/${id}/tasks`, { title: 'Fixture task', dueOn: '2027-01-01' });
  const goal = await session.post(`/api/cases/${id}/plan/goals`, { type: 'Legal', objective: 'Fixture goal' });
  const referralConsent = await session.post(`/api/cases/${id}/consents`, {
    purpose: 'referral',
    recipientOrganisationId: harness.organisations.clinic,
    givenOn: '2026-01-01',
    method: 'written',
  });
  // A medical photo, which the referral's lens shares (and which can be previewed).
  const document = await session.agent
    .post(`/api/cases/${id}/documents`)
    .set(CSRF_HEADER, session.me.csrfToken)
    .field('title', 'Fixture photo')
    .field('category', 'medical')
    .attach(
      'file',
      await sharp({ create: { width: 2, height: 2, channels: 3, background: '#888' } })
        .png()
        .toBuffer(),
      'fixture.png',
    );
  const referral = await session.post(`/api/cases/${id}/referrals`, {
    toOrganisationId: harness.organisations.clinic,
    services: ['medical'],
    lens: ['basicProfile', 'medicalFiles'],
  });
  for (const response of [consent, note, task, goal, referralConsent, document, referral])
    expect(response.status).toBe(201);
  const reintegrationGoal = await session.post(`/api/cases/${id}/reintegration/goals`, {
    dimension: 'social',
    goal: 'Housing',
  });
  const schedule = await session.post(`/api/cases/${id}/reintegration/schedule`, {
    referenceDate: '2026-01-01',
    monthsAfter: [3],
  });
  for (const response of [reintegrationGoal, schedule]) expect(response.status).toBe(201);
  // A 16-year-old's case beside it, with a best-interests determination waiting for a supervisor.
  const child = await newCase(session, { estimatedAge: 16 });
  const determination = await session.post(`/api/cases/${child.id}/child/best-interests`, {
    kind: 'determination',
    completedOn: '2026-01-01',
    summary: 'Fixture determination of her best interests',
  });
  expect(determination.status).toBe(201);
  const visitId = (await session.get(`/api/cases/${id}/reintegration`)).body.visits[0].id as string;
  return {
    id,
    consentId: consent.body.id,
    noteId: note.body.id,
    documentId: document.body.id,
    taskId: task.body.id,
    goalId: goal.body.id,
    referralId: referral.body.id,
    referralVersion: String(referral.body.version),
    reintegrationGoalId: reintegrationGoal.body.id,
    visitId,
    childCaseId: child.id,
    determinationId: determination.body.id,
  };
}

/** An information campaign as the programme registers take it. */
export const MATRIX_CAMPAIGN = {
  title: 'Safe migration radio spots',
  startsOn: '2026-01-01',
  endsOn: '2026-02-01',
  country: 'NE',
  area: 'Agadez',
  channel: 'radio',
  targetGroup: 'potentialMigrants',
  method: 'audienceEstimate',
  source: 'Broadcaster survey',
  reach: [{ sex: 'female', ageBand: '18to24', people: 1200 }],
};

/** A shelter, a partner-run programme and a campaign in the programme registers of a shelter organisation, with the case enrolled. */
async function organisationFixtures(
  harness: TestApp,
  supervisor: TestPerson,
  caseId: string,
): Promise<Record<string, string>> {
  const session = await harness.signInAs(supervisor);
  const shelter = await session.post('/api/shelters', {
    name: `Fixture house ${supervisor}`,
    kind: 'mixed',
    area: 'North',
    capacity: 5,
    address: 'Via Nascosta 3',
  });
  const programme = await session.post('/api/training-programmes', {
    providerOrganisationId: harness.organisations.clinic,
    trade: 'Tailoring',
    place: 'Centre',
    startsOn: '2027-01-01',
    endsOn: '2027-06-01',
    seats: 5,
    language: 'en',
  });
  const enrolment = await session.post(`/api/cases/${caseId}/enrolments`, { programmeId: programme.body.id });
  const campaign = await session.post('/api/programme/campaigns', { fields: MATRIX_CAMPAIGN });
  for (const response of [shelter, programme, enrolment, campaign]) expect(response.status).toBe(201);
  const rooms = await session.get(`/api/shelters/${shelter.body.id}/rooms`);
  return {
    shelterId: shelter.body.id,
    roomId: rooms.body.items[0].id,
    bedId: rooms.body.items[0].beds[0].id,
    programmeId: programme.body.id,
    enrolmentId: enrolment.body.id,
    programmeRecordId: campaign.body.id,
  };
}

/** A transfer proposed by one shelter to another organisation, so the receiving supervisor can decide it. */
async function transferBetween(harness: TestApp, from: TestPerson, sender: TestPerson, to: string): Promise<string> {
  const caseId = (await newCase(await harness.signInAs(from))).id;
  const proposing = await harness.signInAs(sender);
  await proposing.post(`/api/cases/${caseId}/consents`, {
    purpose: 'transfer',
    recipientOrganisationId: to,
    givenOn: '2026-01-01',
    method: 'written',
  });
  const transfer = await proposing.post(`/api/cases/${caseId}/transfers`, { toOrganisationId: to });
  expect(transfer.status).toBe(201);
  return transfer.body.id;
}

export async function buildMatrixFixtures(harness: TestApp): Promise<MatrixFixtures> {
  const caseworker = await harness.signInAs('caseworker');
  const own = await caseFixtures(harness, caseworker);
  const other = await caseFixtures(harness, await harness.signInAs('otherCaseworker'));
  const withdrawn = await caseFixtures(harness, caseworker);
  const withdrawal = await caseworker.post(`/api/cases/${withdrawn.id}/referrals/${withdrawn.referralId}/withdraw`, {
    version: Number(withdrawn.referralVersion),
  });
  expect(withdrawal.status).toBe(200);
  // Own side: a transfer proposed to shelter A (decided by its supervisor), and one it proposed.
  const incomingTransfer = await transferBetween(
    harness,
    'otherCaseworker',
    'otherSupervisor',
    harness.organisations.shelterA,
  );
  const supervisor = await harness.signInAs('supervisor');
  await supervisor.post(`/api/cases/${own.id}/consents`, {
    purpose: 'transfer',
    recipientOrganisationId: harness.organisations.shelterB,
    givenOn: '2026-01-01',
    method: 'written',
  });
  const outgoing = (
    await supervisor.post(`/api/cases/${own.id}/transfers`, { toOrganisationId: harness.organisations.shelterB })
  ).body.id;
  // Shelter B's transfer to a third shelter: a transfer shelter A's supervisor has no part in.
  const shelterC = await harness.app
    .get(OrganisationsService)
    .ensure({ name: 'Matrix Shelter C', kind: 'shelter', country: 'IT' });
  const otherOutgoing = await transferBetween(harness, 'otherCaseworker', 'otherSupervisor', shelterC.id);
  const [notification] = await queryDatabase<{ id: string }>(
    harness.database.url,
    'SELECT id FROM app.notification WHERE user_id = $1 LIMIT 1',
    [harness.people.otherSupervisor.id],
  );
  // The organisation the matrix edits, deactivates and reactivates: one whose staff the matrix does not
  // sign in as, since deactivating an organisation signs its staff out.
  const editedOrganisation = await harness.app
    .get(OrganisationsService)
    .ensure({ name: 'Matrix Partner', kind: 'partner', country: 'IT' });
  const shared = {
    userId: harness.people.otherCaseworker.id,
    organisationId: editedOrganisation.id,
    notificationId: notification?.id ?? '00000000-0000-4000-8000-000000000000',
    table: 'cases-by-status',
    register: 'campaigns',
  };
  const ownOrganisation = await organisationFixtures(harness, 'supervisor', own.id);
  // Statistics are served from a stored release: make one, as the schedule does at start.
  await harness.app.get(StatisticsReleases).publish();
  // Staff administration: a caseworker of each shelter whom the matrix may rename, deactivate and reactivate.
  const ownStaff = {
    homeOrganisationId: harness.organisations.shelterA,
    staffId: (
      await harness.addPerson({
        email: 'matrix.staff.a@test.haven.test',
        displayName: 'Matrix Staff A',
        role: 'caseworker',
        organisation: 'shelterA',
      })
    ).id,
  };
  const otherStaff = {
    homeOrganisationId: harness.organisations.shelterB,
    staffId: (
      await harness.addPerson({
        email: 'matrix.staff.b@test.haven.test',
        displayName: 'Matrix Staff B',
        role: 'caseworker',
        organisation: 'shelterB',
      })
    ).id,
  };
  return {
    own: {
      ...own,
      ...ownOrganisation,
      ...shared,
      ...ownStaff,
      transferId: incomingTransfer,
      cancelTransferId: outgoing,
    },
    other: {
      ...other,
      ...(await organisationFixtures(harness, 'otherSupervisor', other.id)),
      ...shared,
      ...otherStaff,
      transferId: otherOutgoing,
    },
    withdrawn: {
      ...withdrawn,
      ...ownOrganisation,
      ...shared,
      ...ownStaff,
      transferId: incomingTransfer,
      cancelTransferId: outgoing,
    },
  };
}

/** Fills a route pattern's placeholders from one side of the fixtures, as the matrix entry says. */
export function fillRoute(
  pattern: string,
  values: Record<string, string>,
  entry: { idIs?: string; paramsAs?: Record<string, string> },
): string {
  const fixtureFor = (name: string) => (name === 'id' && entry.idIs ? entry.idIs : (entry.paramsAs?.[name] ?? name));
  return pattern.replace(/:(\w+)/g, (_, name: string) => values[fixtureFor(name)] ?? values[name]!);
}

/** Calls a route as the session's user; writes carry the session's anti-forgery token. */
export function callRoute(session: HttpSession, method: string, path: string, body?: unknown) {
  const verb = method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
  const pending = session.agent[verb](path);
  if (method === 'GET' || method === 'HEAD') return pending;
  return pending.set(CSRF_HEADER, session.me.csrfToken).send((body ?? {}) as object);
}
