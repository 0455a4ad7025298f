import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { registerImportResultSchema, registerListSchema, registerRecordSchema } from '@haven/contracts';
import { queryDatabase, type HttpSession } from '@haven/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { MATRIX_CAMPAIGN as CAMPAIGN } from '../security/fixtures.js';

const INSTITUTION = {
  name: 'Ministry of Labour',
  sector: 'nationalPublic',
  organisationType: 'CentralGovernmentOrganisation',
  country: 'NE',
};
const PROJECT = {
  title: 'Cold store for onion growers',
  startsOn: '2026-03-01',
  endsOn: '2026-12-31',
  sector: 'agriculture',
  country: 'NE',
  area: 'Tahoua',
  diasporaPromoters: true,
  promotersResidence: 'FR',
  investment: 42000,
  currency: 'eur',
  jobsCreated: 6,
  returneesInvolved: true,
};

describe('programme registers: campaigns, institutions and capacity building, diaspora projects', () => {
  let harness: TestApp;
  let supervisor: HttpSession;
  let otherSupervisor: HttpSession;
  const countRecords = async (register: string) =>
    Number(
      (
        await queryDatabase<{ n: string }>(
          harness.database.url,
          'SELECT count(*) AS n FROM app.programme_record WHERE register = $1',
          [register],
        )
      )[0]!.n,
    );
  const addInstitution = async (session: HttpSession, fields: Record<string, unknown>) => {
    const response = await session.post('/api/programme/institutions', { fields });
    expect(response.status).toBe(201);
    return response.body.id as string;
  };

  beforeAll(async () => {
    harness = await startTestApp();
    [supervisor, otherSupervisor] = await Promise.all([
      harness.signInAs('supervisor'),
      harness.signInAs('otherSupervisor'),
    ]);
  });
  afterAll(() => harness.close());

  it('keeps a campaign with its reach by sex and age band, audited, and only for its own organisation', async () => {
    const created = await supervisor.post('/api/programme/campaigns', { fields: CAMPAIGN });
    expect(created.status).toBe(201);
    const record = registerRecordSchema.parse(created.body);
    expect(record).toMatchObject({ register: 'campaigns', version: 1, fields: CAMPAIGN });
    expect(record.recordedBy).toBe(supervisor.me.user.displayName);
    const audited = await queryDatabase(
      harness.database.url,
      "SELECT 1 FROM audit.event WHERE action = 'programme.record.created' AND subject_id = $1",
      [record.id],
    );
    expect(audited).toHaveLength(1);

    expect((await supervisor.get(`/api/programme/campaigns/${record.id}`)).body.id).toBe(record.id);
    // Another organisation's supervisor: the record does not exist for her, in any register or list.
    expect((await otherSupervisor.get(`/api/programme/campaigns/${record.id}`)).status).toBe(404);
    expect(
      (await otherSupervisor.patch(`/api/programme/campaigns/${record.id}`, { version: 1, fields: CAMPAIGN })).status,
    ).toBe(404);
    expect((await otherSupervisor.delete(`/api/programme/campaigns/${record.id}`)).status).toBe(404);
    const theirs = registerListSchema.parse((await otherSupervisor.get('/api/programme/campaigns')).body);
    expect(theirs.items.map((item) => item.id)).not.toContain(record.id);
    // The record is addressed through its own register only.
    expect((await supervisor.get(`/api/programme/diaspora-projects/${record.id}`)).status).toBe(404);
    expect((await supervisor.get('/api/programme/volunteers')).status).toBe(404);
  });

  it('refuses bad fields with the field and the reason, and writes nothing', async () => {
    const before = await countRecords('campaigns');
    const cases: [Record<string, unknown>, string][] = [
      [{ ...CAMPAIGN, endsOn: '2025-12-01' }, 'fields.endsOn'],
      [{ ...CAMPAIGN, channel: 'carrierPigeon' }, 'fields.channel'],
      [{ ...CAMPAIGN, country: 'XX' }, 'fields.country'],
      [{ ...CAMPAIGN, reach: [] }, 'fields.reach'],
      [{ ...CAMPAIGN, reach: [CAMPAIGN.reach[0], CAMPAIGN.reach[0]] }, 'fields.reach.1.ageBand'],
      [{ ...CAMPAIGN, reach: [{ sex: 'female', ageBand: 'under18', people: -3 }] }, 'fields.reach.0.people'],
      [{ ...CAMPAIGN, nickname: 'x' }, 'fields'],
    ];
    for (const [fields, field] of cases) {
      const response = await supervisor.post('/api/programme/campaigns', { fields });
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    expect(await countRecords('campaigns')).toBe(before);
  });

  it('lets no one else keep the registers: caseworkers, partners, managers and administrators are refused', async () => {
    for (const person of ['caseworker', 'partner', 'manager', 'admin'] as const) {
      const session = await harness.signInAs(person);
      expect((await session.post('/api/programme/campaigns', { fields: CAMPAIGN })).status).toBeGreaterThanOrEqual(403);
      expect([403, 404]).toContain((await session.get('/api/programme/campaigns')).status);
    }
  });

  it('pages a register by cursor, filters by period and searches the title', async () => {
    for (const [index, month] of ['04', '05', '06', '07', '08'].entries())
      expect(
        (
          await supervisor.post('/api/programme/diaspora-projects', {
            fields: {
              ...PROJECT,
              title: `Paging project ${index}`,
              startsOn: `2027-${month}-01`,
              endsOn: `2027-${month}-20`,
            },
          })
        ).status,
      ).toBe(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = registerListSchema.parse(
        (
          await supervisor.get(
            `/api/programme/diaspora-projects?search=Paging&pageSize=2${cursor ? `&cursor=${cursor}` : ''}`,
          )
        ).body,
      );
      seen.push(...page.items.map((item) => String(item.fields.title)));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([
      'Paging project 4',
      'Paging project 3',
      'Paging project 2',
      'Paging project 1',
      'Paging project 0',
    ]);
    const june = registerListSchema.parse(
      (await supervisor.get('/api/programme/diaspora-projects?search=Paging&from=2027-06-10&to=2027-07-05')).body,
    );
    expect(june.items.map((item) => item.fields.title).sort()).toEqual(['Paging project 2', 'Paging project 3']);
    expect((await supervisor.get('/api/programme/diaspora-projects?cursor=not-a-cursor')).body.errors[0].field).toBe(
      'cursor',
    );
  });

  it('changes a record only from the version read, and keeps currency codes upper-case', async () => {
    const created = (await supervisor.post('/api/programme/diaspora-projects', { fields: PROJECT })).body;
    expect(created.fields.currency).toBe('EUR');
    const changed = await supervisor.patch(`/api/programme/diaspora-projects/${created.id}`, {
      version: 1,
      fields: { ...PROJECT, jobsCreated: 9 },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ version: 2, fields: { jobsCreated: 9 } });
    const stale = await supervisor.patch(`/api/programme/diaspora-projects/${created.id}`, {
      version: 1,
      fields: { ...PROJECT, jobsCreated: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);
    expect((await supervisor.get(`/api/programme/diaspora-projects/${created.id}`)).body.fields.jobsCreated).toBe(9);
  });

  it("counts participants per institution of the organisation's own register, and keeps an institution an event names", async () => {
    const ministry = await addInstitution(supervisor, INSTITUTION);
    const duplicate = await supervisor.post('/api/programme/institutions', {
      fields: { ...INSTITUTION, name: 'ministry of labour' },
    });
    expect(duplicate.status).toBe(409);
    const theirs = await addInstitution(otherSupervisor, { ...INSTITUTION, name: 'Regional police academy' });
    const event = {
      topic: 'Identifying victims at the border',
      startsOn: '2026-05-04',
      endsOn: '2026-05-06',
      country: 'NE',
      area: 'Niamey',
      format: 'inPerson',
      participants: [{ institutionId: ministry, women: 4, men: 7 }],
    };
    const foreign = await supervisor.post('/api/programme/capacity-events', {
      fields: { ...event, participants: [...event.participants, { institutionId: theirs, women: 1, men: 0 }] },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toEqual([
      { field: 'fields.participants.1.institutionId', message: 'Not an institution of your register' },
    ]);
    const created = await supervisor.post('/api/programme/capacity-events', { fields: event });
    expect(created.status).toBe(201);
    expect((await supervisor.delete(`/api/programme/institutions/${ministry}`)).status).toBe(409);
    expect((await supervisor.delete(`/api/programme/capacity-events/${created.body.id}`)).status).toBe(204);
    expect((await supervisor.delete(`/api/programme/institutions/${ministry}`)).status).toBe(204);
    expect((await supervisor.get(`/api/programme/institutions/${ministry}`)).status).toBe(404);
  });

  it('imports a spreadsheet: a dry run lists every problem by line and column and writes nothing; a clean file is written whole', async () => {
    const header =
      'title,startsOn,endsOn,country,area,channel,targetGroup,method,source,reach.female.under18,reach.male.18to24';
    const good = 'School talks,2026-02-01,2026-02-28,NE,Zinder,school,youth,countedAttendance,Attendance sheets,140,0';
    const bad = 'Radio drama,2026-03-10,2026-03-01,NE,Zinder,radio,potentialMigrants,guess,Broadcaster,,';
    const before = await countRecords('campaigns');
    const dryRun = registerImportResultSchema.parse(
      (
        await supervisor.post('/api/programme/campaigns/import', {
          csv: `${header},colour\n${good},red\n${bad},blue\n`,
          dryRun: true,
        })
      ).body,
    );
    expect(dryRun).toMatchObject({ dryRun: true, rows: 2, written: 0, unknownColumns: ['colour'] });
    expect(dryRun.problems).toEqual(
      expect.arrayContaining([
        { row: 3, field: 'endsOn', message: 'Cannot be before the start' },
        expect.objectContaining({ row: 3, field: 'method' }),
        expect.objectContaining({ row: 3, field: 'reach' }),
      ]),
    );
    expect(dryRun.problems.every((problem) => problem.row === 3)).toBe(true);
    // The same file for real: one bad row, nothing written.
    const refused = (
      await supervisor.post('/api/programme/campaigns/import', { csv: `${header}\n${good}\n${bad}\n`, dryRun: false })
    ).body;
    expect(refused.written).toBe(0);
    expect(await countRecords('campaigns')).toBe(before);
    // Semicolons, as spreadsheets in languages with a decimal comma save.
    const clean = `${header}\n${good}\n`.replaceAll(',', ';');
    const written = registerImportResultSchema.parse(
      (await supervisor.post('/api/programme/campaigns/import', { csv: clean, dryRun: false })).body,
    );
    expect(written).toMatchObject({ written: 1, problems: [] });
    expect(await countRecords('campaigns')).toBe(before + 1);
    const [imported] = registerListSchema.parse(
      (await supervisor.get('/api/programme/campaigns?search=School%20talks')).body,
    ).items;
    expect(imported!.fields.reach).toEqual([
      { sex: 'female', ageBand: 'under18', people: 140 },
      { sex: 'male', ageBand: '18to24', people: 0 },
    ]);
  });

  it('imports capacity-building events one row per institution, naming institutions of the register', async () => {
    await addInstitution(supervisor, { ...INSTITUTION, name: 'Labour inspectorate', country: 'ML' });
    await addInstitution(supervisor, {
      ...INSTITUTION,
      name: 'Women lawyers association',
      sector: 'nonState',
      organisationType: 'NGO',
      country: 'ML',
    });
    const header = 'topic,startsOn,endsOn,country,area,format,institution,institutionCountry,women,men';
    const rows = [
      'Labour exploitation,2026-06-01,2026-06-02,ML,Bamako,hybrid,Labour inspectorate,ML,2,5',
      'Labour exploitation,2026-06-01,2026-06-02,ML,Bamako,hybrid,Women lawyers association,ml,6,0',
      'Referral pathways,2026-07-01,2026-07-01,ML,Kayes,online,Unknown body,ML,1,1',
    ];
    const dryRun = (
      await supervisor.post('/api/programme/capacity-events/import', {
        csv: `${header}\n${rows.join('\n')}`,
        dryRun: true,
      })
    ).body;
    expect(dryRun.problems).toEqual(
      expect.arrayContaining([
        { row: 4, field: 'institution', message: 'Not in your institution register: import or add it first' },
      ]),
    );
    const written = (
      await supervisor.post('/api/programme/capacity-events/import', {
        csv: `${header}\n${rows.slice(0, 2).join('\n')}`,
        dryRun: false,
      })
    ).body;
    expect(written).toMatchObject({ rows: 2, written: 1, problems: [] });
    const [event] = registerListSchema.parse(
      (await supervisor.get('/api/programme/capacity-events?search=Labour%20exploitation')).body,
    ).items;
    expect(
      (event!.fields.participants as { women: number; men: number }[]).map(({ women, men }) => [women, men]),
    ).toEqual([
      [2, 5],
      [6, 0],
    ]);
  });

  it('finds in the check an institution given twice in the file or already registered', async () => {
    await addInstitution(supervisor, { ...INSTITUTION, name: 'Border police academy', country: 'SN' });
    const csv = [
      'name,sector,organisationType,country',
      'Border police academy,nationalPublic,LawEnforcement,SN',
      'Port health office,localPublic,HealthServiceOrganisation,SN',
      'port health office,localPublic,HealthServiceOrganisation,sn',
    ].join('\n');
    const dryRun = registerImportResultSchema.parse(
      (await supervisor.post('/api/programme/institutions/import', { csv, dryRun: true })).body,
    );
    expect(dryRun.problems).toEqual([
      { row: 2, field: 'name', message: 'Already in your institution register' },
      { row: 4, field: 'name', message: 'Also on line 3' },
    ]);
  });

  it('never leaves an event naming an institution removed at the same moment', async () => {
    const pairs = await Promise.all(
      Array.from({ length: 8 }, async (_, index) => {
        const institution = await addInstitution(supervisor, { ...INSTITUTION, name: `Race body ${index}` });
        const [removal, event] = await Promise.all([
          supervisor.delete(`/api/programme/institutions/${institution}`),
          supervisor.post('/api/programme/capacity-events', {
            fields: {
              topic: `Race ${index}`,
              startsOn: '2026-05-04',
              endsOn: '2026-05-04',
              country: 'NE',
              area: 'Niamey',
              format: 'online',
              participants: [{ institutionId: institution, women: 1, men: 1 }],
            },
          }),
        ]);
        return { removal: removal.status, event: event.status };
      }),
    );
    // One of the two wins: the event (then the removal is refused) or the removal (then the event is).
    for (const pair of pairs)
      expect([
        { removal: 409, event: 201 },
        { removal: 204, event: 400 },
      ]).toContainEqual(pair);
    const dangling = await queryDatabase(
      harness.database.url,
      `SELECT 1 FROM app.programme_record e CROSS JOIN LATERAL jsonb_array_elements(e.fields->'participants') p
        WHERE e.register = 'capacity-events'
          AND NOT EXISTS (SELECT 1 FROM app.programme_record i WHERE i.id = (p->>'institutionId')::uuid)`,
    );
    expect(dangling).toEqual([]);
  });

  it('refuses a file that is not a register file with the reason', async () => {
    const empty = await supervisor.post('/api/programme/institutions/import', {
      csv: 'name,sector,organisationType,country\n',
      dryRun: true,
    });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].field).toBe('csv');
    const noDecision = await supervisor.post('/api/programme/institutions/import', { csv: 'name\nX\n' });
    expect(noDecision.status).toBe(400);
    expect(noDecision.body.errors[0].field).toBe('dryRun');
  });
});
