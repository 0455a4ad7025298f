import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CURSOR_MAX_LENGTH, DISPLAY_NAME_MAX_LENGTH, EMAIL_MAX_LENGTH } from '@haven/contracts';
import { queryDatabase, type HttpSession } from '@haven/testing';
import { referToClinic } from '../support/case-fixtures.js';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

interface ListBody {
  items: { id: string }[];
  total: number;
  totalIsLowerBound: boolean;
  nextCursor: string | null;
  previousCursor: string | null;
  unread?: number;
}

/**
 * Every list other than the case list (tests/api/case-list-paging.spec.ts) is paged by cursor
 * over allow-listed sorts: each is walked page by page in both orders, with rows that tie on
 * the sort key, and must give every row exactly once, in the order of one long page.
 */
describe('every list, paged by cursor and sorted by allowed columns', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let supervisor: HttpSession;
  let partner: HttpSession;
  let admin: HttpSession;
  let otherSupervisor: HttpSession;
  let caseId: string;

  const list = async (session: HttpSession, path: string, query: string) => {
    const response = await session.get(`${path}${path.includes('?') ? '&' : '?'}${query}`);
    expect({ path, query, status: response.status }).toEqual({ path, query, status: 200 });
    return response.body as ListBody;
  };

  /** Walks forwards by nextCursor, then back from the last page by previousCursor. */
  const walkBothWays = async (session: HttpSession, path: string, query: string) => {
    const pages: string[][] = [];
    let page = await list(session, path, query);
    expect(page.previousCursor).toBeNull();
    pages.push(page.items.map((item) => item.id));
    for (let guard = 0; page.nextCursor && guard < 50; guard += 1) {
      page = await list(session, path, `${query}&cursor=${page.nextCursor}`);
      pages.push(page.items.map((item) => item.id));
    }
    expect(page.nextCursor).toBeNull();
    const backwards: string[][] = [page.items.map((item) => item.id)];
    for (let guard = 0; page.previousCursor && guard < 50; guard += 1) {
      page = await list(session, path, `${query}&cursor=${page.previousCursor}`);
      backwards.unshift(page.items.map((item) => item.id));
    }
    expect(backwards).toEqual(pages);
    return pages.flat();
  };

  /** For each sort in both orders: the walk in pages of two equals one long page, with no row twice, and one order is the other reversed. */
  const expectEveryRowOnce = async (
    session: HttpSession,
    path: string,
    sorts: readonly string[],
    expectedRows: number,
  ) => {
    for (const sort of sorts) {
      const orders: Record<string, string[]> = {};
      for (const order of ['asc', 'desc']) {
        const whole = (await list(session, path, `sort=${sort}&order=${order}&pageSize=100`)).items.map(
          (item) => item.id,
        );
        expect({ path, sort, order, rows: whole.length }).toEqual({ path, sort, order, rows: expectedRows });
        const walked = await walkBothWays(session, path, `sort=${sort}&order=${order}&pageSize=2`);
        expect(walked).toEqual(whole);
        expect(new Set(walked).size).toBe(walked.length);
        orders[order] = walked;
      }
      // Ties are broken by the id in the same direction, so ascending is exactly descending reversed.
      expect(orders.asc).toEqual([...orders.desc!].reverse());
    }
  };

  const expectRefusals = async (session: HttpSession, path: string, sort: string) => {
    const first = await list(session, path, `sort=${sort}&order=asc&pageSize=1`);
    expect(first.nextCursor).not.toBeNull();
    const refusals: [string, string][] = [
      ['cursor=not*base64', 'cursor'],
      ['cursor=bm90IGpzb24', 'cursor'],
      [`order=desc&cursor=${first.nextCursor}`, 'cursor'],
      ['sort=secretColumn', 'sort'],
      ['order=sideways', 'order'],
      ['page=21', 'page'],
    ];
    for (const [query, field] of refusals) {
      const response = await session.get(`${path}${path.includes('?') ? '&' : '?'}${query}`);
      expect({ path, query, status: response.status }).toEqual({ path, query, status: 400 });
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
  };

  const database = (sql: string, params: unknown[] = []) => queryDatabase(harness.database.url, sql, params);

  beforeAll(async () => {
    harness = await startTestApp();
    [caseworker, supervisor, partner, admin, otherSupervisor] = await Promise.all([
      harness.signInAs('caseworker'),
      harness.signInAs('supervisor'),
      harness.signInAs('partner'),
      harness.signInAs('admin'),
      harness.signInAs('otherSupervisor'),
    ]);
    const registered = await caseworker.post('/api/cases', registration());
    expect(registered.status).toBe(201);
    caseId = registered.body.id as string;
  });
  afterAll(() => harness.close());

  it('pages the partner inbox by when referrals were sent', async () => {
    for (let index = 0; index < 5; index += 1) {
      const other = await caseworker.post('/api/cases', registration());
      expect(other.status).toBe(201);
      await referToClinic(harness, caseworker, other.body.id as string, ['traffickingProfile']);
    }
    // Three referrals sent at the same instant: the id breaks the tie.
    await database(
      `UPDATE app.referral SET sent_at = '2026-11-02T09:00:00Z'
        WHERE id IN (SELECT id FROM app.referral WHERE to_organisation_id = $1 ORDER BY id LIMIT 3)`,
      [harness.organisations.clinic],
    );
    await expectEveryRowOnce(partner, '/api/referrals/inbox', ['sentAt'], 5);
    const filtered = await list(partner, '/api/referrals/inbox', 'status=sent&pageSize=2');
    expect(filtered).toMatchObject({ total: 5, totalIsLowerBound: false, counts: { sent: 5 } });
    await expectRefusals(partner, '/api/referrals/inbox', 'sentAt');
  });

  it('pages a case’s history and notes', async () => {
    await database(
      `INSERT INTO app.case_change (case_id, section, action, field, old_value, new_value)
       SELECT $1, 'case', 'updated', 'riskLevel', 'low', 'medium' FROM generate_series(1, 6)`,
      [caseId],
    );
    const history = `/api/cases/${caseId}/history`;
    const changes = (await list(caseworker, history, 'pageSize=100')).items.length;
    expect(changes).toBeGreaterThanOrEqual(6);
    await expectEveryRowOnce(caseworker, history, ['occurredAt'], changes);
    await expectRefusals(caseworker, history, 'occurredAt');

    for (let index = 0; index < 5; index += 1)
      expect((await caseworker.post(`/api/cases/${caseId}/notes`, { body: `Follow-up call ${index}` })).status).toBe(
        201,
      );
    await database(
      `UPDATE app.case_note SET created_at = '2026-11-03T08:00:00Z'
        WHERE id IN (SELECT id FROM app.case_note WHERE case_id = $1 ORDER BY id LIMIT 3)`,
      [caseId],
    );
    const notes = `/api/cases/${caseId}/notes`;
    await expectEveryRowOnce(caseworker, notes, ['createdAt'], 5);
    await expectRefusals(caseworker, notes, 'createdAt');
  });

  it('pages a case’s access log and the system events', async () => {
    for (let index = 0; index < 4; index += 1)
      expect((await supervisor.get(`/api/cases/${caseId}/identity`)).status).toBe(200);
    // Reading the log adds to it: the walk keeps to identity reads, which reading it does not add to.
    const accessLog = `/api/cases/${caseId}/access-log?kind=identity`;
    const reads = (await list(supervisor, accessLog, 'pageSize=100')).items.length;
    expect(reads).toBeGreaterThanOrEqual(4);
    await expectEveryRowOnce(supervisor, accessLog, ['occurredAt'], reads);
    await expectRefusals(supervisor, accessLog, 'occurredAt');

    const signIns = '/api/audit/events?kind=sign-in';
    const events = (await list(admin, signIns, 'pageSize=100')).items.length;
    expect(events).toBeGreaterThanOrEqual(4);
    await expectEveryRowOnce(admin, signIns, ['occurredAt'], events);
    await expectRefusals(admin, signIns, 'occurredAt');
  });

  it('pages the staff list by name or e-mail address, people of the same name included', async () => {
    for (const email of ['amara.one@shelter-a.test', 'amara.two@shelter-a.test', 'amara.three@shelter-a.test'])
      await harness.addPerson({ email, displayName: 'Amara Okafor', role: 'caseworker', organisation: 'shelterA' });
    const staff = `/api/users?organisationId=${harness.organisations.shelterA}`;
    const people = (await list(admin, staff, 'pageSize=100')).items.length;
    expect(people).toBe(6);
    await expectEveryRowOnce(admin, staff, ['displayName', 'email'], people);
    await expectEveryRowOnce(supervisor, '/api/users', ['displayName', 'email'], people);
    await expectRefusals(admin, staff, 'displayName');
    // A search of one or two letters matches most of an organisation: refused, naming the field.
    const short = await admin.get('/api/users?q=am');
    expect(short.status).toBe(400);
    expect(short.body.errors).toEqual([expect.objectContaining({ field: 'q' })]);
    expect((await list(admin, staff, 'q=amara')).items).toHaveLength(3);
  });

  it('pages the staff list past a row with the longest e-mail address and one with a long name in Ge’ez script', async () => {
    // 254 characters, the contract's limit: a 64-letter local part and labels of 63 letters.
    const longestEmail = `${'l'.repeat(64)}@${'m'.repeat(63)}.${'n'.repeat(63)}.${'o'.repeat(56)}.test`;
    expect(longestEmail).toHaveLength(EMAIL_MAX_LENGTH);
    // 100 characters, three bytes each in UTF-8: the longest display name, in the heaviest script it is likely in.
    const geezName = `${'ሀለሐመሠረሰቀበተ '.repeat(9)}ኀነአከወዐዘየደ`.slice(0, DISPLAY_NAME_MAX_LENGTH);
    expect(geezName).toHaveLength(DISPLAY_NAME_MAX_LENGTH);
    const longEmail = await harness.addPerson({
      email: longestEmail,
      displayName: 'Lemlem Tesfaye',
      role: 'caseworker',
      organisation: 'shelterB',
    });
    const longName = await harness.addPerson({
      email: 'geez@shelter-b.test',
      displayName: geezName,
      role: 'caseworker',
      organisation: 'shelterB',
    });
    const staff = `/api/users?organisationId=${harness.organisations.shelterB}`;
    const people = (await list(admin, staff, 'pageSize=100')).items.length;
    expect(people).toBeGreaterThanOrEqual(3);
    // Pages of two walked both ways: every row is the first or the last of a page, so each of these keys rides
    // in a cursor that must come back and be taken.
    await expectEveryRowOnce(admin, staff, ['displayName', 'email'], people);
    // The page that ends on the row carries its key in a cursor far longer than a guess of 400 would allow.
    for (const [sort, id] of [
      ['email', longEmail.id],
      ['displayName', longName.id],
    ] as const) {
      let page = await list(admin, staff, `sort=${sort}&order=asc&pageSize=1`);
      for (let guard = 0; page.items[0]?.id !== id && page.nextCursor && guard < 20; guard += 1)
        page = await list(admin, staff, `sort=${sort}&order=asc&pageSize=1&cursor=${page.nextCursor}`);
      expect(page.items[0]?.id).toBe(id);
      const cursor = page.nextCursor ?? page.previousCursor!;
      expect(cursor.length).toBeGreaterThan(400);
      expect(cursor.length).toBeLessThanOrEqual(CURSOR_MAX_LENGTH);
      await list(admin, staff, `sort=${sort}&order=asc&pageSize=1&cursor=${cursor}`);
    }
    // Still bounded: a cursor longer than any key can make is refused, naming the field.
    const tooLong = await admin.get(`${staff}&sort=email&order=desc&cursor=${'A'.repeat(CURSOR_MAX_LENGTH + 1)}`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors.map((error: { field: string }) => error.field)).toContain('cursor');
  });

  it('pages the transfers proposed to an organisation, never another’s nor one the sender cancelled', async () => {
    const { shelterA, shelterB } = harness.organisations;
    // Decided transfers of one case to shelter B (three proposed at the same instant), one the
    // sender cancelled, and one proposed to shelter A, which shelter B never sees.
    await database(
      `INSERT INTO app.transfer (case_id, from_organisation_id, to_organisation_id, status, proposed_by, proposed_at)
       SELECT $1::uuid, $2::uuid, $3::uuid, CASE WHEN n = 6 THEN 'cancelled' ELSE 'rejected' END,
              (SELECT id FROM app."user" WHERE organisation_id = $2::uuid LIMIT 1),
              timestamptz '2026-11-04T10:00:00Z' + greatest(n - 3, 0) * interval '1 minute'
         FROM generate_series(1, 6) n
       UNION ALL
       SELECT $1, $3, $2, 'rejected', (SELECT id FROM app."user" WHERE organisation_id = $3 LIMIT 1), now()`,
      [caseId, shelterA, shelterB],
    );
    const incoming = '/api/transfers/incoming';
    await expectEveryRowOnce(otherSupervisor, incoming, ['proposedAt'], 5);
    await expectRefusals(otherSupervisor, incoming, 'proposedAt');
    const own = (await list(supervisor, incoming, 'pageSize=100')).items.map((item) => item.id);
    expect(own).toHaveLength(1);
    // Shelter B's cursor carries no scope: shelter A's supervisor sees her own list from there, nothing of B's.
    const theirs = await list(otherSupervisor, incoming, 'pageSize=1');
    const followed = await list(supervisor, incoming, `pageSize=100&cursor=${theirs.nextCursor}`);
    expect(followed.items.every((item) => own.includes(item.id))).toBe(true);
  });

  it('pages a person’s notifications, never another’s', async () => {
    const colleague = await harness.signInAs('colleague');
    const notifications = '/api/notifications';
    const before = (await list(colleague, notifications, 'pageSize=100')).items.length;
    // Five of the colleague's (three raised at the same instant) and one of the caseworker's, which she never sees.
    await database(
      `INSERT INTO app.notification (user_id, kind, subject_type, subject_id, created_at)
       SELECT CASE WHEN n = 6 THEN $2::uuid ELSE $1::uuid END, 'referral.received', 'Case', $3::uuid,
              CASE WHEN n = 6 THEN timestamptz '2026-11-05T09:00:00Z'
                   ELSE timestamptz '2026-11-05T10:00:00Z' + greatest(n - 3, 0) * interval '1 minute' END
         FROM generate_series(1, 6) n`,
      [harness.people.colleague.id, harness.people.caseworker.id, caseId],
    );
    await expectEveryRowOnce(colleague, notifications, ['createdAt'], before + 5);
    await expectRefusals(colleague, notifications, 'createdAt');
    const page = await list(colleague, notifications, 'pageSize=2');
    expect(page.total).toBe(before + 5);
    expect(page.unread).toBeGreaterThanOrEqual(5);
    // Her cursor carries no scope: the caseworker sees her own notifications from there, nothing of the colleague's.
    const own = (await list(caseworker, notifications, 'pageSize=100')).items.map((item) => item.id);
    const followed = await list(caseworker, notifications, `pageSize=100&cursor=${page.nextCursor}`);
    expect(followed.items.length).toBeGreaterThan(0);
    expect(followed.items.every((item) => own.includes(item.id))).toBe(true);
  });

  it('pages an organisation’s shelters by name or date set up, never another organisation’s', async () => {
    const shelterOf = async (session: HttpSession, name: string) => {
      const response = await session.post('/api/shelters', {
        name,
        kind: 'women',
        area: 'North district',
        capacity: 4,
        address: `${name}, Testville`,
      });
      expect(response.status).toBe(201);
      return response.body.id as string;
    };
    const ours: string[] = [];
    for (const name of ['Harbour House', 'Hilltop', 'Garden Court', 'Bridge House', 'Linden'])
      ours.push(await shelterOf(supervisor, name));
    await shelterOf(otherSupervisor, 'Another Harbour');
    await shelterOf(otherSupervisor, 'Zephyr House');
    // Names are unique in an organisation; three set up at the same instant tie on the date.
    await database(`UPDATE app.shelter SET created_at = '2026-11-06T08:00:00Z' WHERE id = ANY($1::uuid[])`, [
      ours.slice(0, 3),
    ]);
    const shelters = '/api/shelters';
    await expectEveryRowOnce(caseworker, shelters, ['name', 'createdAt'], 5);
    await expectRefusals(caseworker, shelters, 'name');
    // Shelter B's cursor carries no scope: shelter A's staff see their own shelters from there, nothing of B's.
    const theirs = await list(otherSupervisor, shelters, 'pageSize=1');
    const followed = await list(caseworker, shelters, `cursor=${theirs.nextCursor}`);
    expect(followed.items.map((item) => item.id).sort()).toEqual([...ours].sort());
  });

  it('pages training programmes by trade or date set up, for the organisation that runs them and the partner that provides them', async () => {
    const programmeOf = async (session: HttpSession, trade: string) => {
      const response = await session.post('/api/training-programmes', {
        providerOrganisationId: harness.organisations.clinic,
        trade,
        place: 'Training centre, East district',
        startsOn: '2026-01-12',
        endsOn: '2099-06-30',
        seats: 4,
        language: 'en',
      });
      expect(response.status).toBe(201);
      return response.body.id as string;
    };
    // Three of the same trade (the id breaks the tie), three set up at the same instant.
    const ours: string[] = [];
    for (const trade of ['Tailoring', 'Tailoring', 'Tailoring', 'Baking', 'Welding'])
      ours.push(await programmeOf(supervisor, trade));
    await database(`UPDATE app.training_programme SET created_at = '2026-11-07T08:00:00Z' WHERE id = ANY($1::uuid[])`, [
      ours.slice(1, 4),
    ]);
    const theirs = [await programmeOf(otherSupervisor, 'Carpentry'), await programmeOf(otherSupervisor, 'Catering')];
    const programmes = '/api/training-programmes';
    await expectEveryRowOnce(caseworker, programmes, ['trade', 'createdAt'], 5);
    // The provider sees the programmes of both organisations it runs.
    await expectEveryRowOnce(partner, programmes, ['trade', 'createdAt'], 7);
    await expectRefusals(caseworker, programmes, 'trade');
    // Shelter B's cursor carries no scope: shelter A's staff see their own programmes from there, nothing of B's.
    const theirPage = await list(otherSupervisor, programmes, 'pageSize=1');
    expect(theirs).toContain(theirPage.items[0]!.id);
    const followed = await list(caseworker, programmes, `cursor=${theirPage.nextCursor}`);
    // After "Carpentry": the three tailoring programmes and welding, never B's "Catering".
    expect(followed.items.map((item) => item.id).sort()).toEqual([ours[0], ours[1], ours[2], ours[4]].sort());
  });
});
