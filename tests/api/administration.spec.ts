import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { HTCDS_ORGANISATION_TYPE, ORGANISATION_KINDS, type UserWithLink } from '@haven/contracts';
import { queryDatabase, signIn, type HttpSession } from '@haven/testing';
import { UserAdministrationService } from '../../apps/api/src/core/users/user-administration.service.js';
import { registration, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

const NEW_PASSWORD = 'A long passphrase for Haven 2026';
const tokenOf = (link: { url: string }) => new URL(link.url).hash.replace('#token=', '');

describe('administration: organisations, invitations, activation and delegation', () => {
  let harness: TestApp;
  let admin: HttpSession;
  let supervisor: HttpSession;
  let counter = 0;
  const nextEmail = (prefix: string) => `${prefix}${(counter += 1)}@admin.haven.test`;

  const activate = (token: string, password = NEW_PASSWORD) =>
    request(harness.server).post('/api/auth/activate').send({ token, password });
  const bareLogin = (email: string, password: string) =>
    request(harness.server).post('/api/auth/login').send({ email, password });
  const audited = (action: string, subjectId: string) =>
    queryDatabase<{ subject_organisation_id: string | null; actor_user_id: string | null }>(
      harness.database.url,
      'SELECT subject_organisation_id, actor_user_id FROM audit.event WHERE action = $1 AND subject_id = $2',
      [action, subjectId],
    );

  /** Invites through the API, activates through the API, and signs in (enrolling the second factor through the harness). */
  async function invitedAndActive(session: HttpSession, body: { role: string; organisationId: string; team?: string }) {
    const email = nextEmail(body.role);
    const invited = await session.post('/api/users', { email, displayName: `Invited ${counter}`, ...body });
    expect(invited.status).toBe(201);
    expect((await activate(tokenOf((invited.body as UserWithLink).activationLink))).status).toBe(200);
    harness.twoFactor.adopt(email);
    return {
      id: (invited.body as UserWithLink).user.id,
      email,
      session: await signIn(harness.server, email, NEW_PASSWORD),
    };
  }

  beforeAll(async () => {
    harness = await startTestApp();
    [admin, supervisor] = await Promise.all([harness.signInAs('admin'), harness.signInAs('supervisor')]);
  }, 120_000);
  afterAll(() => harness.close());

  describe('organisations', () => {
    it('creates an organisation with its directory entry, maps its kind to HTCDS org_Type, and audits it under that organisation', async () => {
      const created = await admin.post('/api/organisations', {
        name: 'Lagos Return Office',
        kind: 'reintegration',
        country: 'ng',
        area: 'Lagos',
        contactPoint: 'Front desk',
        services: ['reintegration', 'psychosocial'],
        languages: ['en', 'yo'],
        eligibleSexes: ['Feminine'],
        eligibleAgeMin: 18,
        eligibleAgeMax: 60,
        openingHours: 'Mon–Fri 9–17',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        kind: 'reintegration',
        htcdsOrgType: 'NGO',
        country: 'NG',
        active: true,
        languages: ['en', 'yo'],
        settings: { teamMode: false, teams: [], listsShowNames: false },
        activeUsers: 0,
      });
      expect(await audited('organisation.created', created.body.id)).toEqual([
        { subject_organisation_id: created.body.id, actor_user_id: harness.people.admin.id },
      ]);
      expect((await admin.post('/api/organisations', { name: 'Lagos Return Office', kind: 'partner' })).status).toBe(
        409,
      );
      const bad = await admin.post('/api/organisations', { name: 'X', kind: 'castle' });
      expect(bad.status).toBe(400);
      expect((bad.body.errors as { field: string }[]).map((error) => error.field).sort()).toEqual(['kind', 'name']);
      const ages = await admin.post('/api/organisations', {
        name: 'Ages Upside Down',
        kind: 'partner',
        eligibleAgeMin: 40,
        eligibleAgeMax: 20,
      });
      expect({ status: ages.status, field: ages.body.errors?.[0]?.field }).toEqual({
        status: 400,
        field: 'eligibleAgeMax',
      });
      const hidden = await admin.post('/api/organisations', { name: 'Clinic \u202Eevil', kind: 'partner' });
      expect({ status: hidden.status, field: hidden.body.errors?.[0]?.field }).toEqual({ status: 400, field: 'name' });
      const registry = (await admin.get('/api/organisations/registry')).body.items as { name: string }[];
      expect(registry.map((organisation) => organisation.name)).toContain('Lagos Return Office');
    });

    it('maps every organisation kind to an HTCDS org_Type', () => {
      for (const kind of ORGANISATION_KINDS) expect(HTCDS_ORGANISATION_TYPE[kind]).toBeTruthy();
      expect(HTCDS_ORGANISATION_TYPE.training).toBe('SchoolOrCollege');
      expect(HTCDS_ORGANISATION_TYPE.government).toBe('CentralGovernmentOrganisation');
    });

    it('never offers one’s own organisation or a deactivated one, filters by service, country and language, and refuses referrals and transfers to a deactivated one', async () => {
      const clinic = await admin.post('/api/organisations', {
        name: 'Tigrinya Clinic',
        kind: 'partner',
        country: 'IT',
        services: ['medical'],
        languages: ['ti', 'en'],
      });
      const caseworker = await harness.signInAs('caseworker');
      const names = async (query: string) =>
        ((await caseworker.get(`/api/organisations${query}`)).body.items as { name: string }[]).map(
          (entry) => entry.name,
        );
      expect(await names('')).not.toContain('Test Shelter A');
      expect(await names('')).toContain('Test Shelter B');
      expect(await names('?language=ti')).toEqual(['Tigrinya Clinic']);
      expect(await names('?service=medical&country=IT&language=en')).toEqual(['Tigrinya Clinic']);
      expect(await names('?purpose=transfer')).not.toContain('Tigrinya Clinic');

      const survivor = (await caseworker.post('/api/cases', registration())).body;
      await caseworker.post(`/api/cases/${survivor.id}/consents`, {
        purpose: 'referral',
        recipientOrganisationId: clinic.body.id,
        givenOn: '2026-01-01',
        method: 'written',
      });
      await caseworker.post(`/api/cases/${survivor.id}/consents`, {
        purpose: 'transfer',
        recipientOrganisationId: harness.organisations.shelterB,
        givenOn: '2026-01-01',
        method: 'written',
      });
      expect((await admin.post(`/api/organisations/${clinic.body.id}/deactivate`)).body.active).toBe(false);
      expect(await names('?language=ti')).toEqual([]);
      const referral = await caseworker.post(`/api/cases/${survivor.id}/referrals`, {
        toOrganisationId: clinic.body.id,
        services: ['medical'],
        lens: ['basicProfile'],
      });
      expect(referral.status).toBe(400);
      // Nobody deactivates their own organisation.
      expect((await admin.post(`/api/organisations/${harness.organisations.operations}/deactivate`)).status).toBe(403);

      await admin.post(`/api/organisations/${harness.organisations.shelterB}/deactivate`);
      const supervisorOfA = await harness.signInAs('supervisor');
      const transfer = await supervisorOfA.post(`/api/cases/${survivor.id}/transfers`, {
        toOrganisationId: harness.organisations.shelterB,
      });
      expect(transfer.status).toBe(400);
      await admin.post(`/api/organisations/${harness.organisations.shelterB}/reactivate`);
      expect(
        (
          await supervisorOfA.post(`/api/cases/${survivor.id}/transfers`, {
            toOrganisationId: harness.organisations.shelterB,
          })
        ).status,
      ).toBe(201);
      expect(await audited('organisation.deactivated', harness.organisations.shelterB)).toHaveLength(1);
    });

    it('signs out the staff of a deactivated organisation and refuses their sign-in like a wrong password, until it is reactivated', async () => {
      const { otherCaseworker, otherSupervisor } = harness.people;
      const signedIn = await harness.signInAs('otherCaseworker');
      expect((await signedIn.get('/api/auth/me')).status).toBe(200);
      const wrongPassword = await bareLogin(otherCaseworker.email, 'Not-the-right-password-1');
      expect(wrongPassword.status).toBe(401);
      // A sign-in halfway through (password given, second step not yet) when the organisation is deactivated.
      await harness.twoFactor.prepare(otherSupervisor.email);
      const halfway = request.agent(harness.server);
      const challenged = await halfway
        .post('/api/auth/login')
        .send({ email: otherSupervisor.email, password: TEST_PASSWORD });
      expect(challenged.status).toBe(200);
      expect(challenged.body.secondFactor).toBe('required');

      expect((await admin.post(`/api/organisations/${harness.organisations.shelterB}/deactivate`)).body.active).toBe(
        false,
      );
      try {
        expect((await signedIn.get('/api/auth/me')).status).toBe(401);
        expect((await signedIn.get('/api/cases')).status).toBe(401);
        const refused = await bareLogin(otherCaseworker.email, TEST_PASSWORD);
        expect({ status: refused.status, detail: refused.body.detail }).toEqual({
          status: wrongPassword.status,
          detail: wrongPassword.body.detail,
        });
        const secondStep = await halfway
          .post('/api/auth/login/second-factor')
          .send({ code: await harness.twoFactor.nextCode(otherSupervisor.email) });
        expect(secondStep.status).toBe(401);
        expect(
          (
            await queryDatabase<{ n: number }>(
              harness.database.url,
              `SELECT count(*)::int AS n FROM app.user_session s JOIN app."user" u ON u.id = s.user_id
              WHERE u.organisation_id = $1 AND s.revoked_at IS NULL`,
              [harness.organisations.shelterB],
            )
          )[0]!.n,
        ).toBe(0);
      } finally {
        await admin.post(`/api/organisations/${harness.organisations.shelterB}/reactivate`);
      }
      expect((await (await harness.signInAs('otherCaseworker')).get('/api/auth/me')).status).toBe(200);
    });

    it('lets a supervisor set her own organisation’s settings, never another’s', async () => {
      const own = await supervisor.patch(`/api/organisations/${harness.organisations.shelterA}/settings`, {
        teamMode: true,
        teams: ['North', 'South'],
        listsShowNames: true,
      });
      expect(own.status).toBe(200);
      expect(own.body).toEqual({
        teamMode: true,
        teams: ['North', 'South'],
        retentionMonths: null,
        listsShowNames: true,
      });
      expect(
        (await supervisor.get(`/api/organisations/${harness.organisations.shelterA}/settings`)).body.teams,
      ).toEqual(['North', 'South']);
      expect(
        (await supervisor.patch(`/api/organisations/${harness.organisations.shelterB}/settings`, { teamMode: true }))
          .status,
      ).toBe(404);
      expect(
        (await supervisor.patch(`/api/organisations/${harness.organisations.shelterA}/settings`, { teams: ['A', 'a'] }))
          .status,
      ).toBe(400);
      const caseworker = await harness.signInAs('caseworker');
      expect(
        (await caseworker.patch(`/api/organisations/${harness.organisations.shelterA}/settings`, { teamMode: false }))
          .status,
      ).toBe(404);
      const [row] = await queryDatabase<{ team_mode: boolean }>(
        harness.database.url,
        'SELECT team_mode FROM app.organisation WHERE id = $1',
        [harness.organisations.shelterB],
      );
      expect(row!.team_mode).toBe(false);
      expect(await audited('organisation.settings.updated', harness.organisations.shelterA)).toEqual([
        { subject_organisation_id: harness.organisations.shelterA, actor_user_id: harness.people.supervisor.id },
      ]);
      await supervisor.patch(`/api/organisations/${harness.organisations.shelterA}/settings`, { teamMode: false });
    });
  });

  describe('invitations and one-time links', () => {
    it('invites a supervisor whose link sets the password once; the invited account cannot sign in before', async () => {
      const email = nextEmail('supervisor');
      const invited = await admin.post('/api/users', {
        email,
        displayName: 'Grace Supervisor',
        role: 'supervisor',
        organisationId: harness.organisations.shelterB,
      });
      expect(invited.status).toBe(201);
      const { user, activationLink } = invited.body as UserWithLink;
      expect(user).toMatchObject({ email, role: 'supervisor', state: 'invited', lastSignInAt: null });
      expect(activationLink.url).toMatch(/\/activate#token=[A-Za-z0-9_-]{43}$/);
      expect(new Date(activationLink.expiresAt).getTime() - Date.now()).toBeGreaterThan(71 * 3_600_000);
      // Only the hash is kept.
      const stored = await queryDatabase<{ token_hash: Buffer }>(
        harness.database.url,
        'SELECT token_hash FROM app.account_link WHERE user_id = $1',
        [user.id],
      );
      expect(stored).toHaveLength(1);
      expect(JSON.stringify(stored)).not.toContain(tokenOf(activationLink));

      expect((await bareLogin(email, '')).status).toBe(400);
      expect((await bareLogin(email, 'anything-at-all-here')).status).toBe(401);
      const weak = await activate(tokenOf(activationLink), 'short');
      expect(weak.status).toBe(400);
      expect(weak.body.errors[0].field).toBe('password');
      const done = await activate(tokenOf(activationLink));
      expect(done.status).toBe(200);
      expect(done.body).toEqual({ email });
      const again = await activate(tokenOf(activationLink));
      expect({ status: again.status, code: again.body.code }).toEqual({ status: 410, code: 'activation-link-used' });
      // The next sign-in asks a supervisor to enrol a second factor.
      const signedIn = await bareLogin(email, NEW_PASSWORD);
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.twoFactor.enrolmentRequired).toBe(true);
      expect(await audited('auth.account.activated', user.id)).toEqual([
        { subject_organisation_id: harness.organisations.shelterB, actor_user_id: user.id },
      ]);
      expect((await admin.get(`/api/users?q=${encodeURIComponent('grace sup')}`)).body.items).toEqual([
        expect.objectContaining({ id: user.id, state: 'active', lastSignInAt: expect.any(String) }),
      ]);
    });

    it('answers an expired, superseded or unknown link without telling whether an account exists', async () => {
      const email = nextEmail('caseworker');
      const first = (
        await admin.post('/api/users', {
          email,
          displayName: 'Lost Link',
          role: 'caseworker',
          organisationId: harness.organisations.shelterA,
        })
      ).body as UserWithLink;
      const second = (await admin.post(`/api/users/${first.user.id}/password-reset`)).body as UserWithLink;
      const superseded = await activate(tokenOf(first.activationLink));
      expect({ status: superseded.status, code: superseded.body.code }).toEqual({
        status: 410,
        code: 'activation-link-used',
      });
      await queryDatabase(
        harness.database.url,
        `UPDATE app.account_link SET expires_at = now() - interval '1 minute' WHERE user_id = $1 AND superseded_at IS NULL`,
        [first.user.id],
      );
      const expired = await activate(tokenOf(second.activationLink));
      expect({ status: expired.status, code: expired.body.code }).toEqual({
        status: 410,
        code: 'activation-link-expired',
      });
      const unknown = await activate('A'.repeat(43));
      expect({ status: unknown.status, code: unknown.body.code }).toEqual({
        status: 410,
        code: 'activation-link-invalid',
      });
      for (const answer of [superseded, expired, unknown]) expect(JSON.stringify(answer.body)).not.toContain(email);
      expect((await bareLogin(email, NEW_PASSWORD)).status).toBe(401);
    });

    it('spends a link once when it is used twenty times at the same moment', async () => {
      const email = nextEmail('caseworker');
      const invited = (
        await admin.post('/api/users', {
          email,
          displayName: 'Race Person',
          role: 'caseworker',
          organisationId: harness.organisations.shelterA,
        })
      ).body as UserWithLink;
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, index) => activate(tokenOf(invited.activationLink), `${NEW_PASSWORD} ${index}`)),
      );
      expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
      expect(answers.filter((answer) => answer.status === 410)).toHaveLength(19);
      expect(await audited('auth.account.activated', invited.user.id)).toHaveLength(1);
    });

    it('refuses an invitation to an e-mail already in use, and a role the organisation cannot hold', async () => {
      const taken = await admin.post('/api/users', {
        email: harness.people.caseworker.email.toUpperCase(),
        displayName: 'Copy',
        role: 'caseworker',
        organisationId: harness.organisations.shelterA,
      });
      expect(taken.status).toBe(409);
      expect(taken.body.detail).toMatch(/already exists/);
      const wrongRole = await admin.post('/api/users', {
        email: nextEmail('x'),
        displayName: 'Wrong Role',
        role: 'manager',
        organisationId: harness.organisations.shelterA,
      });
      expect(wrongRole.status).toBe(400);
      expect(wrongRole.body.errors[0].field).toBe('role');
      const parallel = await Promise.all(
        Array.from({ length: 10 }, () =>
          admin.post('/api/users', {
            email: 'twice@admin.haven.test',
            displayName: 'Twice',
            role: 'caseworker',
            organisationId: harness.organisations.shelterA,
          }),
        ),
      );
      expect(parallel.map((answer) => answer.status).sort()).toEqual([201, ...Array(9).fill(409)]);
    });

    it('ends the sessions of a user who sets a new password through a reset link', async () => {
      const person = await invitedAndActive(admin, {
        role: 'caseworker',
        organisationId: harness.organisations.shelterA,
      });
      expect((await person.session.get('/api/auth/me')).status).toBe(200);
      const reset = (await supervisor.post(`/api/users/${person.id}/password-reset`)).body as UserWithLink;
      expect((await activate(tokenOf(reset.activationLink), 'Another long passphrase 2027')).status).toBe(200);
      expect((await person.session.get('/api/auth/me')).status).toBe(401);
    });
  });

  describe('delegation to supervisors', () => {
    it('lets a supervisor invite, edit, deactivate and reactivate caseworkers of her own organisation only', async () => {
      const caseworker = await invitedAndActive(supervisor, {
        role: 'caseworker',
        organisationId: harness.organisations.shelterA,
      });
      expect((await caseworker.session.get('/api/cases')).status).toBe(200);

      for (const role of ['supervisor', 'admin', 'partner'] as const) {
        expect(
          (
            await supervisor.post('/api/users', {
              email: nextEmail(role),
              displayName: 'Too High',
              role,
              organisationId: harness.organisations.shelterA,
            })
          ).status,
        ).toBe(403);
      }
      expect(
        (
          await supervisor.post('/api/users', {
            email: nextEmail('c'),
            displayName: 'Elsewhere',
            role: 'caseworker',
            organisationId: harness.organisations.shelterB,
          })
        ).status,
      ).toBe(403);
      expect((await supervisor.patch(`/api/users/${caseworker.id}`, { role: 'supervisor' })).status).toBe(403);
      expect(
        (await supervisor.patch(`/api/users/${harness.people.otherCaseworker.id}`, { displayName: 'Renamed' })).status,
      ).toBe(404);
      expect((await supervisor.post(`/api/users/${harness.people.otherCaseworker.id}/deactivate`)).status).toBe(404);
      // Another supervisor of her own organisation is not hers to manage either.
      const colleague = await harness.addPerson({
        email: nextEmail('supervisor'),
        displayName: 'Peer Supervisor',
        role: 'supervisor',
        organisation: 'shelterA',
      });
      expect((await supervisor.post(`/api/users/${colleague.id}/deactivate`)).status).toBe(404);

      expect(
        (await supervisor.patch(`/api/users/${caseworker.id}`, { displayName: 'Renamed Caseworker' })).body.displayName,
      ).toBe('Renamed Caseworker');
      expect((await supervisor.post(`/api/users/${caseworker.id}/deactivate`)).status).toBe(204);
      // Deactivation ends the session at once.
      expect((await caseworker.session.get('/api/cases')).status).toBe(401);
      expect((await bareLogin(caseworker.email, NEW_PASSWORD)).status).toBe(401);
      const reactivated = await supervisor.post(`/api/users/${caseworker.id}/reactivate`);
      expect(reactivated.body.state).toBe('active');
      expect((await bareLogin(caseworker.email, NEW_PASSWORD)).status).toBe(200);
      for (const action of ['user.invited', 'user.updated', 'user.deactivated', 'user.reactivated']) {
        expect(await audited(action, caseworker.id)).toEqual([
          { subject_organisation_id: harness.organisations.shelterA, actor_user_id: expect.any(String) },
        ]);
      }
      const teams = await supervisor.patch(`/api/users/${caseworker.id}`, { team: 'Nowhere' });
      expect(teams.status).toBe(400);
      expect(teams.body.errors[0].field).toBe('team');
    });

    it('lets nobody change their own role or active state', async () => {
      expect(
        (await supervisor.patch(`/api/users/${harness.people.supervisor.id}`, { role: 'caseworker' })).status,
      ).toBe(404);
      expect((await admin.patch(`/api/users/${harness.people.admin.id}`, { role: 'supervisor' })).status).toBe(403);
      expect((await admin.post(`/api/users/${harness.people.admin.id}/password-reset`)).status).toBe(403);
      expect((await admin.patch(`/api/users/${harness.people.admin.id}`, { displayName: 'Test admin' })).status).toBe(
        200,
      );
    });
  });

  describe('bulk import of staff', () => {
    const header = 'email,name,role,organisation,team\n';

    it('lists every row’s problem in a dry run, refuses the whole file if any row has one, and imports the rest in one go', async () => {
      const csv = `${header}good1@import.haven.test,Good One,caseworker,Test Shelter A,\n${harness.people.caseworker.email},Taken,caseworker,Test Shelter A,\nbad-email,Bad,caseworker,Test Shelter A,\ngood2@import.haven.test,"Good, Two",supervisor,Nowhere House,\ngood1@import.haven.test,Twice,caseworker,Test Shelter A,\n`;
      const dry = await admin.post('/api/users/import', { csv, dryRun: true });
      expect(dry.status).toBe(200);
      expect(
        dry.body.rows.map((row: { line: number; problems: { field: string }[] }) => [
          row.line,
          row.problems.map((problem) => problem.field),
        ]),
      ).toEqual([
        [2, []],
        [3, ['email']],
        [4, ['email']],
        [5, ['organisation']],
        [6, ['email']],
      ]);
      expect(dry.body.rows[3].displayName).toBe('Good, Two');
      const refused = await admin.post('/api/users/import', { csv, dryRun: false });
      expect(refused.status).toBe(422);
      const [{ count }] = await queryDatabase<{ count: number }>(
        harness.database.url,
        `SELECT count(*)::int AS count FROM app."user" WHERE email LIKE '%@import.haven.test'`,
      );
      expect(count).toBe(0);

      const clean = `${header}good1@import.haven.test,Good One,caseworker,Test Shelter A,\ngood2@import.haven.test,Good Two,caseworker,Test Shelter A,\n`;
      const imported = await admin.post('/api/users/import', { csv: clean, dryRun: false });
      expect(imported.status).toBe(200);
      expect(imported.body.imported).toBe(2);
      expect((await activate(tokenOf(imported.body.rows[1].activationLink))).status).toBe(200);
    });

    it('lets a supervisor import caseworkers of her own organisation only', async () => {
      const csv = `${header}mine@import.haven.test,Mine,caseworker,Test Shelter A,\ntheirs@import.haven.test,Theirs,caseworker,Test Shelter B,\nboss@import.haven.test,Boss,supervisor,Test Shelter A,\n`;
      const dry = await supervisor.post('/api/users/import', { csv, dryRun: true });
      expect(dry.body.rows.map((row: { problems: unknown[] }) => row.problems.length)).toEqual([0, 1, 1]);
      expect((await supervisor.post('/api/users/import', { csv, dryRun: false })).status).toBe(422);
      const caseworker = await harness.signInAs('caseworker');
      expect((await caseworker.post('/api/users/import', { csv, dryRun: true })).status).toBe(403);
    });
  });

  it('still signs in the harness people with their passwords', async () => {
    expect((await bareLogin(harness.people.manager.email, TEST_PASSWORD)).status).toBe(200);
  });

  describe('never without an active administrator', () => {
    it('refuses the only administrator’s deactivation of herself', async () => {
      const alone = await admin.post(`/api/users/${harness.people.admin.id}/deactivate`);
      expect(alone.status).toBe(403);
      const [row] = await queryDatabase<{ active: boolean }>(
        harness.database.url,
        'SELECT active FROM app."user" WHERE id = $1',
        [harness.people.admin.id],
      );
      expect(row!.active).toBe(true);
      expect((await admin.get('/api/users')).status).toBe(200);
    });

    it('keeps one administrator when two deactivate or demote each other at the same moment', async () => {
      const second = await invitedAndActive(admin, { role: 'admin', organisationId: harness.organisations.operations });
      const [one, other] = await Promise.all([
        admin.post(`/api/users/${second.id}/deactivate`),
        second.session.post(`/api/users/${harness.people.admin.id}/deactivate`),
      ]);
      // One wins. The other is refused (409), or, when the winner's deactivation has already ended the loser's
      // session before its request was read, is no longer signed in (401); either way it changed nothing.
      const [won, lost] = [one.status, other.status].sort();
      expect(won).toBe(204);
      expect([401, 409]).toContain(lost);
      const [{ count }] = await queryDatabase<{ count: number }>(
        harness.database.url,
        `SELECT count(*)::int AS count FROM app."user" WHERE role = 'admin' AND active`,
      );
      expect(count).toBe(1);
      // An operations organisation holds administrators only, so nobody can demote the one that remains either.
      const remaining = one.status === 204 ? admin : second.session;
      const remainingId = one.status === 204 ? harness.people.admin.id : second.id;
      expect((await remaining.patch(`/api/users/${remainingId}`, { role: 'manager' })).status).toBe(403);
      const [{ admins }] = await queryDatabase<{ admins: number }>(
        harness.database.url,
        `SELECT count(*)::int AS admins FROM app."user" WHERE role = 'admin' AND active`,
      );
      expect(admins).toBe(1);
    });

    it('creates the first administrator only on a Haven without one, unless asked for an additional one', async () => {
      const administration = harness.app.get(UserAdministrationService);
      await expect(
        administration.createAdministrator({
          email: 'first@admin.haven.test',
          displayName: 'First Admin',
          organisationName: 'Test Operations',
          additional: false,
        }),
      ).rejects.toThrow(/already has an active administrator/);
      const added = await administration.createAdministrator({
        email: 'first@admin.haven.test',
        displayName: 'First Admin',
        organisationName: 'Test Operations',
        additional: true,
      });
      expect(added.user).toMatchObject({ role: 'admin', state: 'invited' });
      expect((await activate(tokenOf(added.activationLink))).status).toBe(200);
    });
  });
});

describe('invitation links by e-mail', () => {
  let harness: TestApp;

  beforeAll(async () => {
    harness = await startTestApp({
      environment: {
        SMTP_URL: 'json',
        SMTP_FROM: 'Haven <no-reply@haven.test>',
        HAVEN_PUBLIC_URL: 'https://haven.example.org/',
      },
    });
  }, 120_000);
  afterAll(() => harness.close());

  it('mails the one-time link to the invited person, built on the configured public address, after the commit', async () => {
    const { NotificationMailer } = await import('../../apps/api/src/modules/notifications/notification-mailer.js');
    const transport = harness.app.get(NotificationMailer).transport!;
    const sent: { to: string; subject: string; text: string }[] = [];
    transport.sendMail = (async (message: { to: string; subject: string; text: string }) => {
      sent.push(message);
      return {};
    }) as unknown as typeof transport.sendMail;
    const admin = await harness.signInAs('admin');
    const invited = (
      await admin.post('/api/users', {
        email: 'mailed@admin.haven.test',
        displayName: 'Mailed Person',
        role: 'caseworker',
        organisationId: harness.organisations.shelterA,
      })
    ).body as UserWithLink;
    expect(invited.activationLink.url).toMatch(/^https:\/\/haven\.example\.org\/activate#token=/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent.map((message) => message.to)).toEqual(['mailed@admin.haven.test']);
    expect(sent[0]!.text).toContain(invited.activationLink.url);
    expect(sent[0]!.text).not.toMatch(/Test Shelter|Test admin|caseworker/);
  });
});
