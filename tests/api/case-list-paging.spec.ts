import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LIST_COUNT_LIMIT, MAX_OFFSET_PAGE } from '@haven/contracts';
import { queryDatabase, type HttpSession } from '@haven/testing';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

interface Row {
  id: string;
  reference: string;
  assignee: { id: string } | null;
}
interface ListBody {
  items: Row[];
  total: number;
  totalIsLowerBound: boolean;
  nextCursor: string | null;
  previousCursor: string | null;
}

describe('the case list, paged by cursor and sorted by allowed columns', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let supervisor: HttpSession;
  let otherSupervisor: HttpSession;

  const list = async (session: HttpSession, query: string) => {
    const response = await session.get(`/api/cases?${query}`);
    expect(response.status).toBe(200);
    return response.body as ListBody;
  };

  /** Every page after the first, by following nextCursor, with `between` run before each next page. */
  const walk = async (session: HttpSession, query: string, between: () => Promise<void> = async () => undefined) => {
    const ids: string[] = [];
    let page = await list(session, query);
    expect(page.previousCursor).toBeNull();
    ids.push(...page.items.map((item) => item.id));
    for (let guard = 0; page.nextCursor && guard < 50; guard += 1) {
      await between();
      page = await list(session, `${query}&cursor=${page.nextCursor}`);
      ids.push(...page.items.map((item) => item.id));
    }
    expect(page.nextCursor).toBeNull();
    return ids;
  };

  beforeAll(async () => {
    harness = await startTestApp();
    [caseworker, supervisor, otherSupervisor] = await Promise.all([
      harness.signInAs('caseworker'),
      harness.signInAs('supervisor'),
      harness.signInAs('otherSupervisor'),
    ]);
    for (let index = 0; index < 4; index += 1)
      expect((await caseworker.post('/api/cases', registration())).status).toBe(201);
    for (let index = 0; index < 4; index += 1)
      expect(
        (await supervisor.post('/api/cases', registration({ assigneeId: harness.people.colleague.id }))).status,
      ).toBe(201);
  });
  afterAll(() => harness.close());

  it('walks every sort in both orders, page by page, in the same order as one long page, and back again', async () => {
    for (const sort of ['registeredAt', 'updatedAt', 'reference'])
      for (const order of ['asc', 'desc']) {
        const whole = (await list(supervisor, `sort=${sort}&order=${order}&pageSize=100`)).items.map((item) => item.id);
        expect(whole).toHaveLength(8);
        expect(await walk(supervisor, `sort=${sort}&order=${order}&pageSize=3`)).toEqual(whole);

        // Back from the last page: previousCursor gives the page before, in the list's order.
        const second = await list(
          supervisor,
          `sort=${sort}&order=${order}&pageSize=3&cursor=${(await list(supervisor, `sort=${sort}&order=${order}&pageSize=3`)).nextCursor}`,
        );
        const third = await list(supervisor, `sort=${sort}&order=${order}&pageSize=3&cursor=${second.nextCursor}`);
        const backToSecond = await list(
          supervisor,
          `sort=${sort}&order=${order}&pageSize=3&cursor=${third.previousCursor}`,
        );
        expect(backToSecond.items.map((item) => item.id)).toEqual(whole.slice(3, 6));
        const backToFirst = await list(
          supervisor,
          `sort=${sort}&order=${order}&pageSize=3&cursor=${backToSecond.previousCursor}`,
        );
        expect(backToFirst.items.map((item) => item.id)).toEqual(whole.slice(0, 3));
        expect(backToFirst.previousCursor).toBeNull();
      }
    const byReference = (await list(supervisor, 'sort=reference&order=asc&pageSize=100')).items.map(
      (item) => item.reference,
    );
    expect(byReference).toEqual([...byReference].sort());
  });

  it('neither repeats nor skips a case when cases are registered between two pages', async () => {
    for (const sort of ['registeredAt', 'reference']) {
      const before = (await list(supervisor, `sort=${sort}&order=asc&pageSize=100`)).items.map((item) => item.id);
      const seen = await walk(supervisor, `sort=${sort}&order=asc&pageSize=2`, async () => {
        expect((await supervisor.post('/api/cases', registration())).status).toBe(201);
      });
      expect(new Set(seen).size).toBe(seen.length);
      // Every case that existed before the walk was seen exactly once, in its order.
      expect(seen.filter((id) => before.includes(id))).toEqual(before);
    }
  });

  it('keeps a cursor within the scope of whoever presents it', async () => {
    const supervisorsPage = await list(supervisor, 'pageSize=1');
    const own = (await list(caseworker, 'pageSize=100')).items.map((item) => item.id);
    const fromCursor = await list(caseworker, `pageSize=100&cursor=${supervisorsPage.nextCursor}`);
    for (const item of fromCursor.items) expect(own).toContain(item.id);
    for (const item of fromCursor.items) expect(item.assignee?.id).toBe(harness.people.caseworker.id);
    const otherOrganisation = await list(otherSupervisor, `pageSize=100&cursor=${supervisorsPage.nextCursor}`);
    expect(otherOrganisation.items).toEqual([]);
    expect(otherOrganisation.total).toBe(0);
  });

  it('answers a bad cursor, sort, order or deep page with 400 naming the field', async () => {
    const first = await list(supervisor, 'sort=reference&order=asc&pageSize=2');
    const forged = Buffer.from(JSON.stringify([1, 'reference', 'asc', 'a', "x' OR 1=1", 'not-an-id'])).toString(
      'base64url',
    );
    const refusals: [string, string][] = [
      ['cursor=not*base64', 'cursor'],
      ['cursor=bm90IGpzb24', 'cursor'],
      [`cursor=${forged}`, 'cursor'],
      // A cursor of another sort or order would start the page in the wrong place.
      [`sort=registeredAt&cursor=${first.nextCursor}`, 'cursor'],
      [`sort=reference&order=desc&cursor=${first.nextCursor}`, 'cursor'],
      [`sort=reference&order=asc&page=2&cursor=${first.nextCursor}`, 'page'],
      ['sort=nationality', 'sort'],
      ['sort=givenName', 'sort'],
      ['order=sideways', 'order'],
      [`page=${MAX_OFFSET_PAGE + 1}`, 'page'],
      ['page=500', 'page'],
    ];
    for (const [query, field] of refusals) {
      const response = await supervisor.get(`/api/cases?${query}`);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    expect((await supervisor.get(`/api/cases?page=${MAX_OFFSET_PAGE}`)).status).toBe(200);
  });

  it('refuses reference searches too short to narrow the list, naming the field and the reason', async () => {
    for (const reference of ['HV-', 'HV', 'hv-7', 'HV-7F3', 'HV-7F-', '7F3']) {
      const response = await supervisor.get(`/api/cases?reference=${encodeURIComponent(reference)}`);
      expect({ reference, status: response.status }).toEqual({ reference, status: 400 });
      expect(response.body.errors).toEqual([
        expect.objectContaining({ field: 'reference', message: expect.stringMatching(/at least 4 characters/) }),
      ]);
    }
    const known = (await list(supervisor, 'pageSize=1')).items[0]!.reference;
    const found = await list(supervisor, `reference=${known.slice(0, 7)}`);
    expect(found.items.map((item) => item.reference)).toContain(known);
    expect((await list(supervisor, `reference=${known.slice(3, 7)}`)).items).toEqual([]);
  });

  it('counts an organisation only up to 10,000 and says there are more', async () => {
    const organisationB = harness.organisations.shelterB;
    await queryDatabase(
      harness.database.url,
      `INSERT INTO app."case" (reference, organisation_id, status, risk_level, sex, nationality, registered_by, registered_at)
       SELECT 'HV-CNT-' || n, $1, 'Active', 'medium', 'Feminine', 'NG', $2, now() - n * interval '1 second'
         FROM generate_series(1, $3::int) AS n`,
      [organisationB, harness.people.otherSupervisor.id, LIST_COUNT_LIMIT + 5],
    );
    try {
      const whole = await list(otherSupervisor, 'pageSize=5');
      expect(whole).toMatchObject({ total: LIST_COUNT_LIMIT, totalIsLowerBound: true });
      expect(whole.items).toHaveLength(5);
      // A list that fits under the bound is counted exactly.
      const mine = await list(supervisor, 'pageSize=5');
      expect(mine.totalIsLowerBound).toBe(false);
      expect(mine.total).toBe((await list(supervisor, 'pageSize=100')).items.length);
    } finally {
      await queryDatabase(harness.database.url, `DELETE FROM app."case" WHERE reference LIKE 'HV-CNT-%'`);
    }
  });
});
