import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { queryDatabase } from '@haven/testing';
import { verifyAuditDatabase } from '../../apps/api/src/cli/verify-audit.js';
import { AuditService } from '../../apps/api/src/core/audit/audit.service.js';
import { registration, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

describe('audit trail', () => {
  let harness: TestApp;
  let caseId: string;

  beforeAll(async () => {
    harness = await startTestApp();
    const caseworker = await harness.signInAs('caseworker');
    caseId = (await caseworker.post('/api/cases', registration({ givenName: 'Auditname', familyName: 'Tracefamily' })))
      .body.id;
    await caseworker.get(`/api/cases/${caseId}/identity`);
    await request(harness.server)
      .post('/api/auth/login')
      .send({ email: 'searched.person@test.haven.test', password: 'Wrong-guess' });
    await request(harness.server)
      .post('/api/auth/login')
      .send({ email: harness.people.caseworker.email, password: 'Wrong-guess' });
    await caseworker.get('/api/cases?reference=HV-SEARCH');
    await caseworker.post('/api/auth/logout');
  });
  afterAll(() => harness.close());

  it('records sign-in, failed sign-in, sign-out, case creation and identity reads, with who, what and from where', async () => {
    const rows = await queryDatabase<{
      action: string;
      actor_user_id: string | null;
      subject_id: string | null;
      address: string | null;
      outcome: string;
    }>(harness.database.url, 'SELECT action, actor_user_id, subject_id, address, outcome FROM audit.event ORDER BY id');
    const actions = rows.map((row) => row.action);
    expect(actions).toEqual(
      expect.arrayContaining(['auth.login', 'case.created', 'case.identity.read', 'auth.login.failed', 'auth.logout']),
    );
    const identityRead = rows.find((row) => row.action === 'case.identity.read')!;
    expect(identityRead).toMatchObject({
      actor_user_id: harness.people.caseworker.id,
      subject_id: caseId,
      outcome: 'success',
    });
    expect(identityRead.address).toMatch(/127\.0\.0\.1|::1|::ffff:127\.0\.0\.1/);
    const failures = rows.filter((row) => row.action === 'auth.login.failed');
    expect(failures.map((row) => row.actor_user_id)).toEqual([null, harness.people.caseworker.id]);
  });

  it('holds ids and codes, never names, e-mails, passwords or search terms', async () => {
    const dump = JSON.stringify(await queryDatabase(harness.database.url, 'SELECT * FROM audit.event'));
    for (const secret of [
      'Auditname',
      'Tracefamily',
      'searched.person',
      '@test.haven.test',
      'Wrong-guess',
      TEST_PASSWORD,
      'HV-SEARCH',
    ]) {
      expect(dump).not.toContain(secret);
    }
  });

  it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(queryDatabase(harness.database.url, "UPDATE audit.event SET action = 'tampered'")).rejects.toThrow(
      /append-only/,
    );
    await expect(queryDatabase(harness.database.url, 'DELETE FROM audit.event')).rejects.toThrow(/append-only/);
    await expect(queryDatabase(harness.database.url, 'TRUNCATE audit.event')).rejects.toThrow(/append-only/);
  });

  it('keeps one unbroken chain when many write at once, each event linked to a different predecessor', async () => {
    const caseworker = await harness.signInAs('caseworker');
    const audit = harness.app.get(AuditService);
    const [{ last }] = (await queryDatabase<{ last: string }>(
      harness.database.url,
      'SELECT max(id) AS last FROM audit.event',
    )) as [{ last: string }];
    // Registrations (the event inside the case's transaction) and events of their own, all at once.
    const registrations = Array.from({ length: 12 }, (_, n) =>
      caseworker.post('/api/cases', registration({ givenName: `Concurrent${n}` })),
    );
    const ownEvents = Array.from({ length: 24 }, (_, n) =>
      audit.record(
        { address: `10.0.0.${n}` },
        {
          action: 'auth.login.failed',
          category: 'system',
          outcome: 'failure',
          reason: n % 2 ? 'outside-assignment' : undefined,
        },
      ),
    );
    const answers = await Promise.all(registrations);
    await Promise.all(ownEvents);
    expect(answers.map((answer) => answer.status)).toEqual(Array(12).fill(201));
    const [{ added, predecessors }] = (await queryDatabase<{ added: number; predecessors: number }>(
      harness.database.url,
      `SELECT count(*)::int AS added, count(DISTINCT previous_hash)::int AS predecessors FROM audit.event WHERE id > ${Number(last)}`,
    )) as [{ added: number; predecessors: number }];
    // A registration writes the case's event and those of its duplicate check (how many depends on what the
    // check finds among registrations running at once); with the 24 of their own, each links to its own predecessor.
    expect(added).toBeGreaterThanOrEqual(12 + 24);
    expect(predecessors).toBe(added);
    expect((await audit.verify(7)).firstBrokenId).toBeNull();
    // Every event was chained as its transaction committed: nothing waits.
    expect(await queryDatabase(harness.database.url, 'SELECT id FROM audit.pending_event')).toEqual([]);
  });

  it('chains every event to the one before it, and the verifier finds the first broken link', async () => {
    const audit = harness.app.get(AuditService);
    const intact = await audit.verify(3);
    expect(intact.firstBrokenId).toBeNull();
    expect(intact.checked).toBeGreaterThan(5);
    const intactOutput: string[] = [];
    expect(await verifyAuditDatabase(harness.database.url, (line) => intactOutput.push(line))).toBe(0);
    expect(intactOutput.join('\n')).toContain(`intact: ${intact.checked} events`);

    // Tampering needs a superuser who disables the guard trigger first; the chain still tells.
    const [victim] = await queryDatabase<{ id: string }>(
      harness.database.url,
      "SELECT id FROM audit.event WHERE action = 'case.identity.read'",
    );
    await queryDatabase(
      harness.database.url,
      `
      BEGIN;
      ALTER TABLE audit.event DISABLE TRIGGER event_append_only;
      UPDATE audit.event SET actor_user_id = NULL WHERE id = ${Number(victim!.id)};
      ALTER TABLE audit.event ENABLE TRIGGER event_append_only;
      COMMIT;`,
    );
    const broken = await audit.verify(3);
    expect(broken.firstBrokenId).toBe(victim!.id);
    const [{ position }] = (await queryDatabase<{ position: number }>(
      harness.database.url,
      `SELECT count(*)::int AS position FROM audit.event WHERE id <= ${Number(victim!.id)}`,
    )) as [{ position: number }];
    expect(broken.firstBrokenPosition).toBe(position);

    // The command prints the same link and exits non-zero.
    const output: string[] = [];
    expect(await verifyAuditDatabase(harness.database.url, (line) => output.push(line))).toBe(2);
    expect(output.join('\n')).toContain(`BROKEN: first broken link is event id ${victim!.id} at position ${position}`);
  });
});
