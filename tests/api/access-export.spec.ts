import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { queryDatabase, type HttpSession } from '@haven/testing';
import { listZipEntries, readAesZip } from '../support/aes-zip.js';
import { closedCaseWithText, type CaseWithText } from '../support/case-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PASSWORD = 'Correct-horse-battery-42';

/** Collects a binary response body. */
function binary(
  response: NodeJS.ReadableStream & { setEncoding?: (encoding: string) => void },
  done: (error: Error | null, body: Buffer) => void,
): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('a survivor’s access request: her data as a password-protected archive', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let supervisor: HttpSession;
  let partner: HttpSession;
  let otherSupervisor: HttpSession;
  let survivor: CaseWithText;
  const exportOf = (session: HttpSession, caseId: string, password: string) =>
    session
      .post(`/api/cases/${caseId}/access-export`, { password })
      .buffer(true)
      .parse(binary as never);

  beforeAll(async () => {
    harness = await startTestApp();
    [caseworker, supervisor, partner, otherSupervisor] = await Promise.all(
      (['caseworker', 'supervisor', 'partner', 'otherSupervisor'] as const).map((person) => harness.signInAs(person)),
    );
    // A name a spreadsheet would take for a formula.
    survivor = await closedCaseWithText(harness, { caseworker, supervisor, partner }, '=HYPERLINK("http://x.invalid")');
  });
  afterAll(() => harness.close());

  it('needs its own permission: supervisors of the organisation only', async () => {
    expect((await caseworker.post(`/api/cases/${survivor.id}/access-export`, { password: PASSWORD })).status).toBe(404);
    expect((await partner.post(`/api/cases/${survivor.id}/access-export`, { password: PASSWORD })).status).toBe(404);
    expect((await otherSupervisor.post(`/api/cases/${survivor.id}/access-export`, { password: PASSWORD })).status).toBe(
      404,
    );
  });

  it('refuses weak passwords and never keeps or logs them', async () => {
    // Too short, a repetition, a breached password, the supervisor's own name, spaces lost when read out.
    for (const weak of ['short1', 'aaaaaaaaaaaaaaaa1', 'password1234', 'Supervisor-lantern-88', ' Leading-space-42 ']) {
      const refused = await supervisor.post(`/api/cases/${survivor.id}/access-export`, { password: weak });
      expect(refused.status).toBe(400);
      expect(refused.body.errors.length).toBeGreaterThan(0);
      expect(refused.body.errors).toEqual(
        refused.body.errors.map(() => expect.objectContaining({ field: 'password' })),
      );
      expect(JSON.stringify(refused.body)).not.toContain(weak.trim());
    }
  });

  it('streams an AES-256 zip with her data as JSON, HTML and a formula-safe CSV; audited by ids only', async () => {
    const response = await exportOf(supervisor, survivor.id, PASSWORD);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="haven-access-export-${survivor.reference}.zip"`,
    );
    expect(response.headers['cache-control']).toBe('no-store');
    const zip = response.body as Buffer;

    // Really encrypted: every entry is AES-256 (method 99, strength 3); no text in clear; a wrong password fails.
    expect(listZipEntries(zip)).toEqual(
      ['case-data.json', 'case-data.html', 'case-summary.csv'].map((name) => ({
        name,
        method: 99,
        encrypted: true,
        aesStrength: 3,
      })),
    );
    expect(zip.includes(Buffer.from('HYPERLINK'))).toBe(false);
    expect(zip.includes(Buffer.from('Syntheticson'))).toBe(false);
    expect(() => readAesZip(zip, '')).toThrow(/Wrong password/);
    expect(() => readAesZip(zip, 'Correct-horse-battery-43')).toThrow(/Wrong password|Authentication failed/);

    const files = readAesZip(zip, PASSWORD);
    const data = JSON.parse(files.get('case-data.json')!.toString('utf8'));
    expect(data.identity).toMatchObject({ givenName: survivor.givenName, familyName: 'Syntheticson' });
    expect(data.case).toMatchObject({ id: survivor.id, reference: survivor.reference, status: 'Closed' });
    expect(data.sections.notes).toEqual([
      expect.objectContaining({ body: `${survivor.givenName} described the journey.` }),
    ]);
    expect(data.sections.assessments).toEqual([
      expect.objectContaining({ notes: `${survivor.givenName} feels safer.` }),
    ]);
    expect(data.sections.supportPlan.goals).toEqual([
      expect.objectContaining({ objective: `${survivor.givenName} regains health` }),
    ]);
    expect(data.sections.referrals).toEqual([
      expect.objectContaining({ id: survivor.referralId, message: `Please see ${survivor.givenName} this week.` }),
    ]);
    // What the partner recorded is part of what Haven holds about her.
    expect(data.sections.services.map((service: { notes: string | null }) => service.notes).sort()).toEqual([
      `${survivor.givenName} saw a doctor.`,
      `${survivor.givenName} was treated.`,
    ]);
    for (const section of ['consents', 'placements', 'enrolments', 'reintegration', 'tasks', 'history'])
      expect(data.sections).toHaveProperty(section);

    const html = files.get('case-data.html')!.toString('utf8');
    expect(html).toContain('<h1>Your data held by Haven</h1>');
    expect(html).toContain('=HYPERLINK(&#34;http://x.invalid&#34;)');
    expect(html).not.toContain('<script');

    const csv = files.get('case-summary.csv')!.toString('utf8');
    expect(csv).toContain(`identity.givenName,"'=HYPERLINK(""http://x.invalid"")"`);
    for (const line of csv.split('\r\n').filter(Boolean)) {
      for (const cell of line.split(','))
        expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/);
    }

    const events = await queryDatabase<{ action: string; subject_id: string }>(
      harness.database.url,
      `SELECT action, subject_id FROM audit.event WHERE action = 'case.exported'`,
    );
    expect(events).toEqual([{ action: 'case.exported', subject_id: survivor.id }]);
  });

  it('asks for no composition: a long passphrase of letters and spaces is accepted', async () => {
    const response = await exportOf(supervisor, survivor.id, 'violet orchard lantern river');
    expect(response.status).toBe(200);
    expect(() => readAesZip(response.body as Buffer, 'violet orchard lantern river')).not.toThrow();
  });

  it('has nothing to export once the case is anonymised', async () => {
    const erased = await supervisor.post(`/api/cases/${survivor.id}/erasure`, {
      reason: 'survivorRequest',
      channel: 'inWriting',
      confirmReference: survivor.reference,
    });
    expect(erased.status).toBe(200);
    const gone = await supervisor.post(`/api/cases/${survivor.id}/access-export`, { password: PASSWORD });
    expect(gone.status).toBe(410);
  });
});
