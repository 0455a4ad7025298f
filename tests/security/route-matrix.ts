import type { Role } from '@haven/contracts';
import { registration } from '../support/test-app.js';
import { MATRIX_CAMPAIGN } from './fixtures.js';

/**
 * Who may call what, written out as a table: for each route, the roles that reach it on
 * a record in their scope, and a valid body. Everyone else gets 404 on a route that
 * addresses a record (its existence is not revealed) and 403 on a collection route;
 * on a record of another organisation every role gets 404. The test fails on any route
 * the table does not cover.
 */
export const CASE_WORKERS: Role[] = ['caseworker', 'supervisor'];
export const EVERYONE: Role[] = ['caseworker', 'supervisor', 'partner', 'manager', 'admin'];

/** What one role gets: the route is reached (anything but a policy refusal), or exactly this status. */
export type Expected = 'reached' | number;

/**
 * The partner on a case referred to its organisation: while the referral is open, and after
 * it was withdrawn. Partners act only through the /api/referrals routes, never a case route.
 */
export interface ReferredExpectation {
  open: Expected;
  withdrawn: Expected;
}

/** Every case route: the partner gets 404 whatever the state of its referral. */
export const PARTNER_NOT_THROUGH_CASE: ReferredExpectation = { open: 404, withdrawn: 404 };
/** A referral route: reachable while the referral is open, gone once it is withdrawn. */
export const PARTNER_THROUGH_OPEN_REFERRAL: ReferredExpectation = { open: 'reached', withdrawn: 404 };
/** A step on a referral: reachable while it is open; once it has ended, 409 and nothing changes. */
export const PARTNER_STEP_ON_OPEN_REFERRAL: ReferredExpectation = { open: 'reached', withdrawn: 409 };

export interface MatrixEntry {
  allowed: Role[];
  body?: Record<string, unknown>;
  /** An exact answer for a role, where a business rule answers rather than the access policy. */
  exact?: Partial<Record<Role, number>>;
  /** The route addresses a case: also tried on another organisation's case. */
  caseRoute?: boolean;
  /** Which fixture fills `:id` when it is not a case id. */
  idIs?: string;
  /** Which fixture fills another placeholder, when the route needs a different record than the default. */
  paramsAs?: Record<string, string>;
  /** A query string the route needs. */
  query?: string;
  /**
   * The partner on a referred case (open / withdrawn referral). Case routes that do not say
   * get PARTNER_NOT_THROUGH_CASE; routes with `:referralId` under /api/referrals must say.
   */
  referred?: ReferredExpectation;
}

export const ROUTE_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/auth/me': { allowed: EVERYONE },
  'POST /api/auth/logout': { allowed: EVERYONE },
  'POST /api/auth/session/extend': { allowed: EVERYONE },
  'POST /api/auth/password': {
    allowed: EVERYONE,
    body: { currentPassword: 'wrong', newPassword: 'not-the-current-one' },
  },
  'GET /api/users': { allowed: ['supervisor', 'admin'] },
  // Staff administration: supervisors manage the caseworkers of their own organisation, administrators everyone.
  // An invitation into an organisation that is not the supervisor's own is refused (403); the administrator
  // reaches the route (400: no such organisation).
  'POST /api/users': {
    allowed: ['supervisor', 'admin'],
    exact: { supervisor: 403 },
    body: {
      email: 'matrix.invite@test.haven.test',
      displayName: 'Matrix Invite',
      role: 'caseworker',
      organisationId: '00000000-0000-4000-8000-000000000000',
    },
  },
  'POST /api/users/import': {
    allowed: ['supervisor', 'admin'],
    body: { csv: 'email,name,role,organisation,team\n', dryRun: true },
  },
  'PATCH /api/users/:id': {
    allowed: ['supervisor', 'admin'],
    idIs: 'staffId',
    body: { displayName: 'Matrix Staff Renamed' },
  },
  'POST /api/users/:id/deactivate': { allowed: ['supervisor', 'admin'], idIs: 'staffId' },
  'POST /api/users/:id/reactivate': { allowed: ['supervisor', 'admin'], idIs: 'staffId' },
  'POST /api/users/:id/password-reset': { allowed: ['supervisor', 'admin'], idIs: 'staffId' },
  'POST /api/users/:id/two-factor/reset': { allowed: ['admin'], idIs: 'userId' },
  // Every signed-in user manages their own second factor (the harness people are enrolled: 409/400, never 403/404).
  'POST /api/auth/two-factor/enrolment': { allowed: EVERYONE },
  'POST /api/auth/two-factor/enrolment/confirm': { allowed: EVERYONE, body: { code: '000000' } },
  'POST /api/auth/two-factor/recovery-codes': { allowed: EVERYONE, body: { code: '000000' } },
  'GET /api/my-work': { allowed: CASE_WORKERS },
  'POST /api/my-work/referral-answers/seen': { allowed: CASE_WORKERS, body: { upTo: '2026-12-01T08:00:00.000Z' } },
  'GET /api/cases': { allowed: CASE_WORKERS },
  // The cases are in the body, not the path: a collection route (a role that may not assign gets 403). The
  // supervisor passes the policy and is answered 404 for the body's case, which is nobody's: all or none.
  'POST /api/cases/reassignment': {
    allowed: ['supervisor'],
    exact: { supervisor: 404 },
    body: { caseIds: ['00000000-0000-4000-8000-000000000000'], assigneeId: '00000000-0000-4000-8000-000000000000' },
  },
  'POST /api/cases': { allowed: CASE_WORKERS, body: registration() },
  'POST /api/cases/duplicate-check': { allowed: CASE_WORKERS, body: { givenName: 'A', estimatedAge: 30 } },
  'GET /api/cases/:id': { allowed: CASE_WORKERS, caseRoute: true },
  'PATCH /api/cases/:id': { allowed: CASE_WORKERS, caseRoute: true, body: { version: 1, stage: 'assessment' } },
  'GET /api/cases/:id/identity': { allowed: CASE_WORKERS, caseRoute: true },
  'PATCH /api/cases/:id/identity': { allowed: CASE_WORKERS, caseRoute: true, body: { version: 1, aliases: ['Z'] } },
  'POST /api/cases/:id/assignee': {
    allowed: ['supervisor'],
    caseRoute: true,
    body: { version: 1, assigneeId: '00000000-0000-4000-8000-000000000000' },
  },
  'POST /api/cases/:id/closure': { allowed: CASE_WORKERS, caseRoute: true, body: { version: 1, reason: 'other' } },
  'POST /api/cases/:id/closure/decision': {
    allowed: ['supervisor'],
    caseRoute: true,
    body: { version: 1, decision: 'approve' },
  },
  'POST /api/cases/:id/reopen': { allowed: CASE_WORKERS, caseRoute: true, body: { version: 1, reason: 'Asked again' } },
  'GET /api/cases/:id/history': { allowed: CASE_WORKERS, caseRoute: true },
  'GET /api/cases/:id/consents': { allowed: CASE_WORKERS, caseRoute: true },
  'POST /api/cases/:id/consents': {
    allowed: CASE_WORKERS,
    caseRoute: true,
    body: { purpose: 'research', givenOn: '2026-01-01', method: 'verbal' },
  },
  'POST /api/cases/:id/consents/:consentId/withdraw': {
    allowed: CASE_WORKERS,
    caseRoute: true,
    body: { withdrawnOn: '2026-02-01' },
  },
  'GET /api/cases/:id/assessments': { allowed: CASE_WORKERS, caseRoute: true },
  'POST /api/cases/:id/assessments': {
    allowed: CASE_WORKERS,
    caseRoute: true,
    body: { type: 'risk', riskLevel: 'high' },
  },
  'GET /api/cases/:id/services': { allowed: CASE_WORKERS, caseRoute: true },
  'POST /api/cases/:id/services': {
    allowed: CASE_WORKERS,
    caseRoute: true,
    body: { type: 'medical', deliveredOn: '2026-01-05', outcome: 'completed' },
  },
  'GET /api/cases/:id/notes': { allowed: CASE_WORKERS, caseRoute: true },
  'POST /api/cases/:id/notes': { allowed: CASE_WORKERS, caseRoute: true, body: { body: 'Matrix note' } },
  // Only the author edits a note; the supervisor can see it, so the refusal is an honest 403.
  'PATCH /api/cases/:id/notes/:noteId': {
    allowed: CASE_WORKERS,
    caseRoute: true,
    body: { version: 1, body: 'Edited' },
    exact: { supervisor: 403 },
  },
  'GET /api/cases/:id/documents': { allowed: CASE_WORKERS, caseRoute: true },
  // A JSON body is not an upload: the roles that may add files reach the route and get 400. Its bad uploads
  // (too large, wrong type, bad fields, a record of another case or organisation) are tried in
  // tests/api/documents.spec.ts.
  'POST /api/cases/:id/documents': { allowed: CASE_WORKERS, caseRoute: true },
  'GET /api/cases/:id/documents/:documentId/content': { allowed: CASE_WORKERS, caseRoute: true },
  'GET /api/cases/:id/documents/:documentId/preview': { allowed: CASE_WORKERS, caseRoute: true },
  'GET /api/cases/:id/tasks': { allowed: CASE_WORKERS, caseRoute: true },
  'POST /api/cases/:id/tasks': {
    allowed: CASE_WORKERS,
    caseRoute: true,
    body: { title: 'Call back', dueOn: '2027-01-01' },
  },
  'PATCH /api/cases/:id/tasks/:taskId': {
    allowed: CASE_WORKERS,
    caseRoute: true,
    body: { version: 1, status: 'done' },
  },
  'GET /api/cases/:id/plan': { allowed: CASE_WORKERS, caseRoute: true },
  'POST /api/cases/:id/plan/goals': {
    allowed: CASE_WORKERS,
    caseRoute: true,
    body: { type: 'Health', objective: 'Check-ups' },
  },
  'GET /api/organisations': { allowed: ['caseworker', 'supervisor', 'admin'] },
  'PATCH /api/organisations/:id': { allowed: ['admin'], idIs: 'organisationId', body: { acceptingReferrals: true } },
  'GET /api/organisations/registry': { allowed: ['admin'] },
  'POST /api/organisations': {
    allowed: ['admin'],
    body: { name: 'Matrix Organisation', kind: 'partner', services: ['legal'] },
  },
  'POST /api/organisations/:id/deactivate': { allowed: ['admin'], idIs: 'organisationId' },
  'POST /api/organisations/:id/reactivate': { allowed: ['admin'], idIs: 'organisationId' },
  // An organisation's settings: its own supervisors and the administrators; another organisation's answer 404.
  'GET /api/organisations/:id/settings': { allowed: ['supervisor', 'admin'], idIs: 'homeOrganisationId' },
  'PATCH /api/organisations/:id/settings': {
    allowed: ['supervisor', 'admin'],
    idIs: 'homeOrganisationId',
    body: { listsShowNames: false },
  },
  // Data protection: individual-data exports and erasure are for supervisors of the case's organisation only.
  'GET /api/cases/:id/data-protection': { allowed: ['supervisor'], caseRoute: true },
  // A reference that does not match: the supervisor is answered 400 and the fixture case is not erased.
  'POST /api/cases/:id/erasure': {
    allowed: ['supervisor'],
    caseRoute: true,
    body: { reason: 'survivorRequest', channel: 'inPerson', confirmReference: 'HV-NOT-THIS-ONE' },
  },
  // Confirming another organisation's erasure request: a reference that does not match answers 400, nothing is erased.
  'POST /api/cases/:id/erasure-requests/confirm': {
    allowed: ['supervisor'],
    caseRoute: true,
    body: { confirmReference: 'HV-NOT-THIS-ONE' },
  },
  'POST /api/cases/:id/access-export': {
    allowed: ['supervisor'],
    caseRoute: true,
    body: { password: 'Matrix-export-passphrase-7' },
  },
  'GET /api/data-protection/organisations': { allowed: ['admin'] },
  'GET /api/data-protection/retention-runs': { allowed: ['admin'] },
  'GET /api/notifications': { allowed: EVERYONE },
  'POST /api/notifications/read-all': { allowed: EVERYONE },
  // Someone else's notification: nobody may mark it.
  'POST /api/notifications/:id/read': {
    allowed: EVERYONE,
    idIs: 'notificationId',
    exact: { caseworker: 404, supervisor: 404, partner: 404, manager: 404, admin: 404 },
  },
  'GET /api/cases/:id/referrals': { allowed: CASE_WORKERS, caseRoute: true },
  'POST /api/cases/:id/referrals': {
    allowed: CASE_WORKERS,
    caseRoute: true,
    body: { toOrganisationId: '00000000-0000-4000-8000-000000000000', services: ['medical'], lens: ['basicProfile'] },
  },
  'POST /api/cases/:id/referrals/preview': { allowed: CASE_WORKERS, caseRoute: true, body: { lens: ['basicProfile'] } },
  'POST /api/cases/:id/summary': { allowed: CASE_WORKERS, caseRoute: true, body: { sections: ['basicProfile'] } },
  'POST /api/cases/:id/referrals/:referralId/withdraw': {
    allowed: CASE_WORKERS,
    caseRoute: true,
    body: { version: 99 },
  },
  'GET /api/referrals/inbox': { allowed: ['partner'], query: '?page=1&pageSize=25&status=sent' },
  'GET /api/referrals/:referralId': { allowed: ['partner'], referred: PARTNER_THROUGH_OPEN_REFERRAL },
  'POST /api/referrals/:referralId/summary': {
    allowed: ['partner'],
    referred: PARTNER_THROUGH_OPEN_REFERRAL,
    body: { sections: ['basicProfile'] },
  },
  // A file the lens shares: while the referral is open, never after.
  'GET /api/referrals/:referralId/documents/:documentId/content': {
    allowed: ['partner'],
    referred: PARTNER_THROUGH_OPEN_REFERRAL,
  },
  'GET /api/referrals/:referralId/documents/:documentId/preview': {
    allowed: ['partner'],
    referred: PARTNER_THROUGH_OPEN_REFERRAL,
  },
  'POST /api/referrals/:referralId/accept': {
    allowed: ['partner'],
    referred: PARTNER_STEP_ON_OPEN_REFERRAL,
    body: { version: 99 },
  },
  'POST /api/referrals/:referralId/decline': {
    allowed: ['partner'],
    referred: PARTNER_STEP_ON_OPEN_REFERRAL,
    body: { version: 99, reason: 'No capacity' },
  },
  'POST /api/referrals/:referralId/services': {
    allowed: ['partner'],
    referred: PARTNER_STEP_ON_OPEN_REFERRAL,
    body: { type: 'medical', deliveredOn: '2026-01-05', outcome: 'completed' },
  },
  'POST /api/referrals/:referralId/complete': {
    allowed: ['partner'],
    referred: PARTNER_STEP_ON_OPEN_REFERRAL,
    body: { version: 99, outcome: 'completed' },
  },
  'GET /api/cases/:id/transfers': { allowed: CASE_WORKERS, caseRoute: true },
  'POST /api/cases/:id/transfers': {
    allowed: ['supervisor'],
    caseRoute: true,
    body: { toOrganisationId: '00000000-0000-4000-8000-000000000000' },
  },
  'POST /api/cases/:id/transfers/:transferId/cancel': {
    allowed: ['supervisor'],
    caseRoute: true,
    body: { version: 99 },
    paramsAs: { transferId: 'cancelTransferId' },
  },
  'GET /api/transfers/incoming': { allowed: ['supervisor'] },
  'POST /api/transfers/:transferId/decision': { allowed: ['supervisor'], body: { version: 99, decision: 'reject' } },
  'GET /api/cases/:id/protection-reviews': { allowed: CASE_WORKERS, caseRoute: true },
  'POST /api/cases/:id/protection-reviews': {
    allowed: ['supervisor'],
    caseRoute: true,
    body: { decision: 'returnBlocked', reason: 'Screening pending, wait for counsel' },
  },
  // Identification and legal status: the case's own staff only; no lens shares them, so a partner gets 404.
  'GET /api/cases/:id/identification': { allowed: CASE_WORKERS, caseRoute: true },
  'POST /api/cases/:id/identification/screenings': {
    allowed: CASE_WORKERS,
    caseRoute: true,
    body: { screenedOn: '2026-01-05', language: 'en', answers: { drNatureOfJob: 'yes' } },
  },
  'POST /api/cases/:id/identification/decisions': {
    allowed: CASE_WORKERS,
    caseRoute: true,
    body: { status: 'PossibleVictimOfTrafficking', decidedBy: 'NGO', decidedOn: '2026-01-05', reason: 'Matrix' },
  },
  'GET /api/cases/:id/legal-status': { allowed: CASE_WORKERS, caseRoute: true },
  'PATCH /api/cases/:id/legal-status': {
    allowed: CASE_WORKERS,
    caseRoute: true,
    body: {
      version: 99,
      migrationStatus: 'Unknown',
      reflectionStartsOn: null,
      reflectionEndsOn: null,
      permitAppliedOn: null,
      permitDecision: null,
      permitExpiresOn: null,
    },
  },
  // Children: the case's own staff only; no lens section shares any of it, so a partner gets 404 on every route.
  // On the adult fixture case a guardian, views or best-interests record answers 409 (reached).
  'GET /api/cases/:id/child': { allowed: CASE_WORKERS, caseRoute: true },
  'POST /api/cases/:id/child/guardians': {
    allowed: CASE_WORKERS,
    caseRoute: true,
    body: { appointedOn: '2026-01-01', name: 'Matrix Guardian', organisation: 'Matrix Office' },
  },
  'POST /api/cases/:id/child/age-assessments': {
    allowed: CASE_WORKERS,
    caseRoute: true,
    body: { assessedOn: '2026-01-01', method: 'documents', assessedAge: 30, assessedBy: 'Registry', disputed: false },
  },
  'POST /api/cases/:id/child/views': {
    allowed: CASE_WORKERS,
    caseRoute: true,
    body: { expressedOn: '2026-01-01', views: 'Matrix views' },
  },
  'POST /api/cases/:id/child/best-interests': {
    allowed: CASE_WORKERS,
    caseRoute: true,
    body: { kind: 'assessment', completedOn: '2026-01-01', summary: 'Matrix best-interests assessment' },
  },
  'POST /api/cases/:id/child/best-interests/:recordId/decision': {
    allowed: ['supervisor'],
    caseRoute: true,
    paramsAs: { id: 'childCaseId', recordId: 'determinationId' },
    body: { decision: 'reject', reason: 'Matrix decision on the determination' },
  },
  // The programme registers: an organisation's supervisors keep them; managers read only the report's sums.
  'GET /api/programme/:register': { allowed: ['supervisor'] },
  'POST /api/programme/:register': { allowed: ['supervisor'], body: { fields: MATRIX_CAMPAIGN } },
  'POST /api/programme/:register/import': {
    allowed: ['supervisor'],
    body: { csv: 'title,startsOn\nRadio,2026-01-01\n', dryRun: true },
  },
  'GET /api/programme/:register/:id': { allowed: ['supervisor'], idIs: 'programmeRecordId' },
  'PATCH /api/programme/:register/:id': {
    allowed: ['supervisor'],
    idIs: 'programmeRecordId',
    body: { version: 99, fields: MATRIX_CAMPAIGN },
  },
  'DELETE /api/programme/:register/:id': { allowed: ['supervisor'], idIs: 'programmeRecordId' },
  // The results report: aggregates for those who read statistics; targets set by managers.
  'GET /api/programme-results': { allowed: ['supervisor', 'manager'] },
  'GET /api/programme-results/download': { allowed: ['supervisor', 'manager'], query: '?format=csv' },
  'GET /api/programme-results/targets': { allowed: ['supervisor', 'manager'] },
  'PUT /api/programme-results/targets': {
    allowed: ['manager'],
    body: { result: 'diaspora-projects', year: 2026, baseline: 0, target: 10 },
  },
  'GET /api/shelters': { allowed: CASE_WORKERS },
  'POST /api/shelters': {
    allowed: ['supervisor'],
    body: { name: 'Matrix house', kind: 'mixed', area: 'North', capacity: 3, address: 'Via Matrice 1' },
  },
  'GET /api/shelters/occupancy': { allowed: CASE_WORKERS },
  'GET /api/shelters/:id': { allowed: CASE_WORKERS, idIs: 'shelterId' },
  'PATCH /api/shelters/:id': { allowed: ['supervisor'], idIs: 'shelterId', body: { version: 99, capacity: 4 } },
  'GET /api/shelters/:id/rooms': { allowed: CASE_WORKERS, idIs: 'shelterId' },
  'POST /api/shelters/:id/rooms': {
    allowed: ['supervisor'],
    idIs: 'shelterId',
    body: { name: 'Matrix room', sex: 'any', ageGroup: 'any', beds: 1 },
  },
  'POST /api/shelters/:id/rooms/:roomId/beds': {
    allowed: ['supervisor'],
    idIs: 'shelterId',
    body: { label: 'Matrix bed' },
  },
  'PATCH /api/shelters/:id/beds/:bedId': { allowed: ['supervisor'], idIs: 'shelterId', body: { accessible: true } },
  'GET /api/cases/:id/placements': { allowed: CASE_WORKERS, caseRoute: true },
  'POST /api/cases/:id/placements': {
    allowed: CASE_WORKERS,
    caseRoute: true,
    body: { shelterId: '00000000-0000-4000-8000-000000000000', fromDate: '2026-01-01' },
  },
  'POST /api/cases/:id/placements/move': {
    allowed: CASE_WORKERS,
    caseRoute: true,
    body: { version: 99, shelterId: '00000000-0000-4000-8000-000000000000', fromDate: '2026-01-01' },
  },
  'POST /api/cases/:id/placements/discharge': {
    allowed: CASE_WORKERS,
    caseRoute: true,
    body: { version: 99, toDate: '2026-01-02', exitReason: 'reintegrated' },
  },
  'GET /api/training-programmes': { allowed: ['caseworker', 'supervisor', 'partner'] },
  'POST /api/training-programmes': {
    allowed: ['supervisor'],
    body: {
      trade: 'Tailoring',
      place: 'Centre',
      startsOn: '2026-01-01',
      endsOn: '2026-03-01',
      seats: 2,
      language: 'en',
    },
  },
  'GET /api/training-programmes/:id': { allowed: ['caseworker', 'supervisor', 'partner'], idIs: 'programmeId' },
  'PATCH /api/training-programmes/:id': {
    allowed: ['supervisor'],
    idIs: 'programmeId',
    body: { version: 99, seats: 3 },
  },
  'PATCH /api/training-programmes/:programmeId/enrolments/:enrolmentId': {
    allowed: ['supervisor', 'partner'],
    body: { version: 99, sessionsAttended: 1 },
  },
  'PUT /api/training-programmes/:programmeId/enrolments/:enrolmentId/attendance': {
    allowed: ['supervisor', 'partner'],
    body: { date: '2026-01-05', status: 'present' },
  },
  // The provider reaches the programme's enrolments but follow-ups are the programme's own organisation's: 403.
  'POST /api/training-programmes/:programmeId/enrolments/:enrolmentId/follow-ups': {
    allowed: ['supervisor', 'partner'],
    exact: { partner: 403 },
    body: { followedUpOn: '2026-01-05', outcome: 'employed' },
  },
  'GET /api/cases/:id/enrolments': { allowed: CASE_WORKERS, caseRoute: true },
  'POST /api/cases/:id/enrolments': {
    allowed: CASE_WORKERS,
    caseRoute: true,
    body: { programmeId: '00000000-0000-4000-8000-000000000000' },
  },
  'GET /api/cases/:id/reintegration': { allowed: CASE_WORKERS, caseRoute: true },
  'POST /api/cases/:id/reintegration/goals': {
    allowed: CASE_WORKERS,
    caseRoute: true,
    body: { dimension: 'economic', goal: 'Small business' },
  },
  'PATCH /api/cases/:id/reintegration/goals/:goalId': {
    allowed: CASE_WORKERS,
    caseRoute: true,
    body: { version: 99, status: 'inProgress' },
    paramsAs: { goalId: 'reintegrationGoalId' },
  },
  'POST /api/cases/:id/reintegration/schedule': {
    allowed: CASE_WORKERS,
    caseRoute: true,
    body: { referenceDate: '2026-01-01', monthsAfter: [3] },
  },
  'PATCH /api/cases/:id/reintegration/visits/:visitId': {
    allowed: CASE_WORKERS,
    caseRoute: true,
    body: { version: 99, visitedOn: '2026-04-01', economicScore: 3, socialScore: 3, psychosocialScore: 3 },
  },
  // Statistics: too few people in the fixtures answers 422, which is still the route reached.
  'GET /api/statistics/tables': { allowed: ['supervisor', 'manager'] },
  'GET /api/statistics/tables/:table': { allowed: ['supervisor', 'manager'] },
  'GET /api/statistics/tables/:table/download': { allowed: ['supervisor', 'manager'], query: '?format=csv' },
  'GET /api/statistics/indicators': { allowed: ['supervisor', 'manager'] },
  'GET /api/statistics/indicators/download': { allowed: ['supervisor', 'manager'], query: '?format=csv' },
  // Open data covers every organisation: for managers only (a supervisor gets 403).
  'GET /api/statistics/open-data': { allowed: ['manager'], query: '?format=csv' },
  'GET /api/statistics/open-data/report': { allowed: ['manager'] },
  'PATCH /api/cases/:id/plan/goals/:goalId': {
    allowed: CASE_WORKERS,
    caseRoute: true,
    body: { version: 1, status: 'inProgress' },
  },
  'POST /api/cases/:id/plan/submit': { allowed: CASE_WORKERS, caseRoute: true, body: { version: 1 } },
  'POST /api/cases/:id/plan/decision': {
    allowed: ['supervisor'],
    caseRoute: true,
    body: { version: 1, decision: 'approve' },
  },
  // Audit for people: a case's access log for its organisation's supervisors; sign-in and system events for administrators.
  'GET /api/cases/:id/access-log': { allowed: ['supervisor'], caseRoute: true },
  // Administrators: every organisation's sign-in and system events; supervisors: the system events about their own organisation.
  'GET /api/audit/events': { allowed: ['supervisor', 'admin'] },
};
