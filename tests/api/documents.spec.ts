import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CSRF_HEADER } from '@haven/contracts';
import { newCase, queryDatabase, type HttpSession } from '@haven/testing';
import exifr from 'exifr';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { referToClinic, accessExportEntries } from '../support/case-fixtures.js';
import { pdfWith, photoWithGps } from '../support/document-files.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Small enough to cross in a test, large enough for several chunks of 256 KiB. */
const MAX_BYTES = 2 * 1024 * 1024;
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

interface UploadFields {
  title?: string;
  category?: string;
  documentDate?: string;
  recordType?: string;
  recordId?: string;
}

describe('documents and photos on a case', () => {
  let harness: TestApp;
  let caseworker: HttpSession;
  let colleague: HttpSession;
  let supervisor: HttpSession;
  let otherSupervisor: HttpSession;
  let otherCaseworker: HttpSession;
  let partner: HttpSession;
  let manager: HttpSession;
  let admin: HttpSession;

  const upload = (
    session: HttpSession,
    caseId: string,
    file: Buffer,
    fields: UploadFields = {},
    fileName = 'scan.bin',
  ) => {
    let request = session.agent.post(`/api/cases/${caseId}/documents`).set(CSRF_HEADER, session.me.csrfToken);
    const all = { title: 'A file', category: 'other', ...fields };
    for (const [name, value] of Object.entries(all)) if (value !== undefined) request = request.field(name, value);
    return request.attach('file', file, fileName);
  };
  const binary = (request: ReturnType<HttpSession['get']>) =>
    request.buffer(true).parse((response, done) => {
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () => done(null, Buffer.concat(parts)));
    });
  const query = <T extends Record<string, unknown>>(sql: string, values: unknown[] = []) =>
    queryDatabase<T>(harness.database.url, sql, values);
  const storedRows = async (caseId: string) =>
    (
      await query<{ documents: number; chunks: number }>(
        `SELECT (SELECT count(*)::int FROM app.case_document WHERE case_id = $1) AS documents,
                (SELECT count(*)::int FROM app.case_document_chunk WHERE case_id = $1) AS chunks`,
        [caseId],
      )
    )[0]!;

  beforeAll(async () => {
    harness = await startTestApp({ environment: { DOCUMENT_MAX_BYTES: String(MAX_BYTES) } });
    [caseworker, colleague, supervisor, otherSupervisor, otherCaseworker, partner, manager, admin] = await Promise.all([
      harness.signInAs('caseworker'),
      harness.signInAs('colleague'),
      harness.signInAs('supervisor'),
      harness.signInAs('otherSupervisor'),
      harness.signInAs('otherCaseworker'),
      harness.signInAs('partner'),
      harness.signInAs('manager'),
      harness.signInAs('admin'),
    ]);
  });
  afterAll(() => harness.close());

  it('stores a text file sealed in chunks, lists it by its title and gives back the same bytes', async () => {
    const caseId = (await newCase(caseworker)).id;
    const marker = 'Quillmarsh-Text-Marker';
    const text = Buffer.from(`${marker}\n${'Line of a statement. '.repeat(40_000)}\n`, 'utf8');
    const added = await upload(
      caseworker,
      caseId,
      text,
      { title: 'Statement', category: 'legal', documentDate: '2026-11-02' },
      'Amina-Quillmarsh-statement.txt',
    );
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      title: 'Statement',
      category: 'legal',
      documentDate: '2026-11-02',
      contentType: 'text/plain',
      byteSize: text.length,
      scan: 'not-scanned',
      previewable: false,
      record: null,
      uploadedBy: { id: harness.people.caseworker.id },
    });
    expect(JSON.stringify(added.body)).not.toContain('Amina');
    const rows = await storedRows(caseId);
    expect(rows).toEqual({ documents: 1, chunks: Math.ceil(text.length / (256 * 1024)) });
    const chunks = await query<{ sealed: Buffer }>(`SELECT sealed FROM app.case_document_chunk WHERE case_id = $1`, [
      caseId,
    ]);
    for (const chunk of chunks) expect(chunk.sealed.includes(Buffer.from(marker))).toBe(false);
    const [row] = await query<{ sealed_file_name: Buffer; sealed_title: Buffer }>(
      `SELECT sealed_file_name, sealed_title FROM app.case_document WHERE case_id = $1`,
      [caseId],
    );
    expect(row!.sealed_file_name.includes(Buffer.from('Amina'))).toBe(false);
    expect(row!.sealed_title.includes(Buffer.from('Statement'))).toBe(false);

    const listed = await caseworker.get(`/api/cases/${caseId}/documents`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([added.body.id]);
    const filtered = await caseworker.get(`/api/cases/${caseId}/documents?category=medical`);
    expect(filtered.body.total).toBe(0);

    const downloaded = await binary(caseworker.get(`/api/cases/${caseId}/documents/${added.body.id}/content`));
    expect(downloaded.status).toBe(200);
    expect(Buffer.compare(downloaded.body as Buffer, text)).toBe(0);
    expect(downloaded.headers['content-disposition']).toMatch(
      /^attachment; filename="haven-document-[0-9a-f]{8}\.txt"$/,
    );
    expect(downloaded.headers['x-content-type-options']).toBe('nosniff');
    expect(downloaded.headers['content-security-policy']).toContain('sandbox');
    expect(downloaded.headers['cache-control']).toBe('no-store');
    // A text file has no preview.
    expect((await caseworker.get(`/api/cases/${caseId}/documents/${added.body.id}/preview`)).status).toBe(404);
  });

  it('re-encodes a photo so that its GPS position, maker and author are gone, and previews it', async () => {
    const caseId = (await newCase(caseworker)).id;
    const photo = await photoWithGps();
    expect(await exifr.gps(photo)).toMatchObject({ latitude: 51.5 });
    const added = await upload(
      caseworker,
      caseId,
      photo,
      { title: 'Photo at intake', category: 'photo' },
      'IMG_2041.jpg',
    );
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ contentType: 'image/jpeg', previewable: true });
    for (const use of ['content', 'preview']) {
      const response = await binary(caseworker.get(`/api/cases/${caseId}/documents/${added.body.id}/${use}`));
      expect(response.status).toBe(200);
      const served = response.body as Buffer;
      expect(await exifr.parse(served, true)).toBeUndefined();
      expect(served.includes(Buffer.from('Phonemaker'))).toBe(false);
      expect((await sharp(served).metadata()).exif).toBeUndefined();
      expect((await sharp(served).metadata()).width).toBe(64);
    }
    const preview = await caseworker.get(`/api/cases/${caseId}/documents/${added.body.id}/preview`);
    expect(preview.headers['content-disposition']).toMatch(/^inline;/);
    expect(preview.headers['content-security-policy']).toContain('sandbox');
  });

  it('removes a PDF’s author, producer and XMP metadata, and keeps its content', async () => {
    const caseId = (await newCase(caseworker)).id;
    const pdf = await pdfWith('Pdfmarker-Lowfield', 'Corvina Ashdown');
    expect((await PDFDocument.load(pdf)).getAuthor()).toBe('Corvina Ashdown');
    const added = await upload(caseworker, caseId, pdf, { title: 'Medical report', category: 'medical' });
    expect(added.status).toBe(201);
    const served = (await binary(caseworker.get(`/api/cases/${caseId}/documents/${added.body.id}/content`)))
      .body as Buffer;
    expect(served.subarray(0, 5).toString()).toBe('%PDF-');
    for (const key of ['/Author', '/Producer', '/Title', '/Metadata'])
      expect(served.includes(Buffer.from(key))).toBe(false);
    expect(served.includes(Buffer.from('Pdfmarker-Lowfield'))).toBe(true);
    const reopened = await PDFDocument.load(served, { updateMetadata: false });
    expect(reopened.getAuthor()).toBeUndefined();
    expect(reopened.getProducer()).toBeUndefined();
  });

  it('refuses a file over the limit with 413 and a type outside the list with 415, writing nothing', async () => {
    const caseId = (await newCase(caseworker)).id;
    const tooLarge = Buffer.alloc(MAX_BYTES + 300 * 1024, 'a');
    const large = await upload(caseworker, caseId, tooLarge, { category: 'other' }, 'big.txt');
    expect(large.status).toBe(413);
    expect(large.body.errors).toEqual([expect.objectContaining({ field: 'file' })]);
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    const gifAnswer = await upload(caseworker, caseId, gif, {}, 'photo.jpg');
    expect(gifAnswer.status).toBe(415);
    expect(gifAnswer.body.detail).toMatch(/gif/);
    // Text for its first bytes, then not text: found while streaming, and rolled back.
    const textThenBinary = Buffer.concat([Buffer.alloc(300 * 1024, 'b'), Buffer.from([0, 1, 2, 3, 0xff, 0xfe])]);
    expect((await upload(caseworker, caseId, textThenBinary, {}, 'notes.txt')).status).toBe(415);
    // Claims to be a JPEG by its first bytes, and is not one.
    const fakeJpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(1000, 7)]);
    expect((await upload(caseworker, caseId, fakeJpeg, {}, 'x.jpg')).status).toBe(415);
    const noTitle = await upload(caseworker, caseId, Buffer.from('hello'), { title: '' });
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.errors).toEqual([expect.objectContaining({ field: 'title' })]);
    const badCategory = await upload(caseworker, caseId, Buffer.from('hello'), { category: 'diary' });
    expect(badCategory.status).toBe(400);
    expect(badCategory.body.errors).toEqual([expect.objectContaining({ field: 'category' })]);
    const json = await caseworker.post(`/api/cases/${caseId}/documents`, { title: 'x' });
    expect(json.status).toBe(400);
    expect(await storedRows(caseId)).toEqual({ documents: 0, chunks: 0 });
  });

  it('is out of reach outside the case’s scope, and never for managers or administrators', async () => {
    const caseId = (await newCase(caseworker)).id;
    const added = await upload(caseworker, caseId, Buffer.from('private words'), { category: 'medical' });
    expect(added.status).toBe(201);
    const content = `/api/cases/${caseId}/documents/${added.body.id}/content`;
    for (const session of [colleague, otherSupervisor, partner, manager, admin]) {
      expect((await session.get(content)).status).toBe(404);
      expect((await session.get(`/api/cases/${caseId}/documents`)).status).toBe(404);
      expect((await upload(session, caseId, Buffer.from('more'))).status).toBe(404);
    }
    expect((await supervisor.get(content)).status).toBe(200);
    expect((await caseworker.get(`/api/cases/${caseId}/documents/${NO_SUCH_ID}/content`)).status).toBe(404);
    expect(await storedRows(caseId)).toMatchObject({ documents: 1 });
  });

  it('writes every download and preview in the case’s access log, as an identity view', async () => {
    const caseId = (await newCase(caseworker)).id;
    const added = await upload(caseworker, caseId, await photoWithGps(), { category: 'photo' });
    await binary(supervisor.get(`/api/cases/${caseId}/documents/${added.body.id}/content`));
    await binary(supervisor.get(`/api/cases/${caseId}/documents/${added.body.id}/preview`));
    const log = await query<{ action: string; actor_user_id: string; reason: string | null }>(
      `SELECT action, actor_user_id, reason FROM audit.event WHERE subject_id = $1 AND action LIKE 'document.%' ORDER BY id`,
      [caseId],
    );
    expect(log).toEqual([
      expect.objectContaining({ action: 'document.added' }),
      { action: 'document.downloaded', actor_user_id: harness.people.supervisor.id, reason: 'outside-assignment' },
      { action: 'document.previewed', actor_user_id: harness.people.supervisor.id, reason: 'outside-assignment' },
    ]);
    const accessLog = await supervisor.get(`/api/cases/${caseId}/access-log?kind=identity`);
    expect(accessLog.status).toBe(200);
    expect(JSON.stringify(accessLog.body)).toContain('document.downloaded');
  });

  it('shows a partner the files of the categories an open referral’s lens shares, and nothing after it ends', async () => {
    const caseId = (await newCase(caseworker)).id;
    const medical = await upload(caseworker, caseId, Buffer.from('Clinic letter'), {
      title: 'Clinic letter',
      category: 'medical',
    });
    const legal = await upload(caseworker, caseId, Buffer.from('Lawyer letter'), {
      title: 'Lawyer letter',
      category: 'legal',
    });
    await caseworker.post(`/api/cases/${caseId}/consents`, {
      purpose: 'referral',
      recipientOrganisationId: harness.organisations.clinic,
      givenOn: '2026-11-01',
      method: 'verbal',
    });
    const referral = await caseworker.post(`/api/cases/${caseId}/referrals`, {
      toOrganisationId: harness.organisations.clinic,
      services: ['medical'],
      lens: ['basicProfile', 'medicalFiles'],
    });
    expect(referral.status).toBe(201);
    const opened = await partner.get(`/api/referrals/${referral.body.id}`);
    expect(opened.status).toBe(200);
    expect(opened.body.view.medicalFiles).toEqual([
      expect.objectContaining({ id: medical.body.id, title: 'Clinic letter', category: 'medical' }),
    ]);
    expect(opened.body.view.legalFiles).toBeUndefined();
    const shared = `/api/referrals/${referral.body.id}/documents`;
    const got = await binary(partner.get(`${shared}/${medical.body.id}/content`));
    expect(got.status).toBe(200);
    expect((got.body as Buffer).toString()).toBe('Clinic letter');
    expect((await partner.get(`${shared}/${legal.body.id}/content`)).status).toBe(404);
    // Withdrawn: the lens ends, and so does the file.
    const withdrawn = await caseworker.post(`/api/cases/${caseId}/referrals/${referral.body.id}/withdraw`, {
      version: referral.body.version,
    });
    expect(withdrawn.status).toBe(200);
    expect((await partner.get(`${shared}/${medical.body.id}/content`)).status).toBe(404);
    expect((await partner.get(`${shared}/${medical.body.id}/preview`)).status).toBe(404);
  });

  it('attaches a file only to a record of its own case: never another case’s, nor another organisation’s', async () => {
    const caseId = (await newCase(caseworker)).id;
    const secondCaseId = (await newCase(caseworker)).id;
    const foreignCaseId = (await newCase(otherCaseworker)).id;
    const consentOn = async (session: HttpSession, onCase: string) => {
      const consent = await session.post(`/api/cases/${onCase}/consents`, {
        purpose: 'assistance',
        givenOn: '2026-11-01',
        method: 'written',
      });
      expect(consent.status).toBe(201);
      return consent.body.id as string;
    };
    const consentId = await consentOn(caseworker, caseId);
    const assessment = await caseworker.post(`/api/cases/${caseId}/assessments`, {
      type: 'risk',
      riskLevel: 'medium',
    });
    expect(assessment.status).toBe(201);

    const form = await upload(caseworker, caseId, Buffer.from('Signed consent form'), {
      title: 'Signed form',
      category: 'consent-form',
      recordType: 'consent',
      recordId: consentId,
    });
    expect(form.status).toBe(201);
    expect(form.body.record).toEqual({ type: 'consent', id: consentId });
    const report = await upload(caseworker, caseId, Buffer.from('Risk notes'), {
      category: 'other',
      recordType: 'assessment',
      recordId: assessment.body.id,
    });
    expect(report.status).toBe(201);
    expect(report.body.record).toEqual({ type: 'assessment', id: assessment.body.id });
    await upload(caseworker, caseId, Buffer.from('Unlinked'));
    const ofConsent = await caseworker.get(`/api/cases/${caseId}/documents?recordType=consent&recordId=${consentId}`);
    expect(ofConsent.body.items.map((item: { id: string }) => item.id)).toEqual([form.body.id]);
    const ofAssessments = await caseworker.get(`/api/cases/${caseId}/documents?recordType=assessment`);
    expect(ofAssessments.body.items.map((item: { id: string }) => item.id)).toEqual([report.body.id]);
    const before = await storedRows(caseId);

    const refusedLinks: [string, string][] = [
      // Another case of the same organisation, which the caller may write to.
      ['consent', await consentOn(caseworker, secondCaseId)],
      // Another organisation's case: out of reach, answered like a record that does not exist.
      ['consent', await consentOn(otherCaseworker, foreignCaseId)],
      // A record of this case under another kind of record.
      ['assessment', consentId],
      ...['consent', 'assessment', 'service', 'referral', 'placement', 'enrolment'].map((type): [string, string] => [
        type,
        NO_SUCH_ID,
      ]),
    ];
    for (const [recordType, recordId] of refusedLinks) {
      const refused = await upload(caseworker, caseId, Buffer.from('Linked elsewhere'), { recordType, recordId });
      expect({ recordType, recordId, status: refused.status }).toEqual({ recordType, recordId, status: 400 });
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'recordId' })]);
    }
    const half = await upload(caseworker, caseId, Buffer.from('x'), { recordType: 'consent' });
    expect(half.status).toBe(400);
    expect(half.body.errors).toEqual([expect.objectContaining({ field: 'recordId' })]);
    // Someone who may not write to the case learns nothing about its records.
    for (const session of [colleague, otherCaseworker, otherSupervisor]) {
      const answer = await upload(session, caseId, Buffer.from('x'), { recordType: 'consent', recordId: consentId });
      expect(answer.status).toBe(404);
    }
    // The other organisation cannot point at this case's record from its own case either.
    const fromForeign = await upload(otherCaseworker, foreignCaseId, Buffer.from('x'), {
      recordType: 'consent',
      recordId: consentId,
    });
    expect(fromForeign.status).toBe(400);
    expect(await storedRows(caseId)).toEqual(before);
    expect(await storedRows(foreignCaseId)).toEqual({ documents: 0, chunks: 0 });
    expect(await storedRows(secondCaseId)).toEqual({ documents: 0, chunks: 0 });
  });

  it('attaches to an open referral only a file its lens shares, which its recipient then sees, until it closes', async () => {
    const caseId = (await newCase(caseworker)).id;
    const referralId = await referToClinic(harness, caseworker, caseId, ['basicProfile', 'medicalFiles']);
    const letter = await upload(caseworker, caseId, Buffer.from('Referral letter'), {
      title: 'Referral letter',
      category: 'medical',
      recordType: 'referral',
      recordId: referralId,
    });
    expect(letter.status).toBe(201);
    expect(letter.body.record).toEqual({ type: 'referral', id: referralId });
    // A category the lens does not share would be shared by attaching it: refused, naming the category.
    const legal = await upload(caseworker, caseId, Buffer.from('Lawyer letter'), {
      category: 'legal',
      recordType: 'referral',
      recordId: referralId,
    });
    expect(legal.status).toBe(400);
    expect(legal.body.errors).toEqual([expect.objectContaining({ field: 'category' })]);

    const opened = await partner.get(`/api/referrals/${referralId}`);
    expect(opened.body.view.medicalFiles).toEqual([expect.objectContaining({ id: letter.body.id })]);
    const shared = `/api/referrals/${referralId}/documents/${letter.body.id}`;
    expect((await binary(partner.get(`${shared}/content`))).status).toBe(200);

    const accepted = await partner.post(`/api/referrals/${referralId}/accept`, { version: opened.body.version });
    expect(accepted.status).toBe(200);
    const completed = await partner.post(`/api/referrals/${referralId}/complete`, {
      version: accepted.body.version,
      outcome: 'completed',
    });
    expect(completed.status).toBe(200);
    expect(completed.body.view).toBeNull();
    for (const use of ['content', 'preview']) expect((await partner.get(`${shared}/${use}`)).status).toBe(404);
    // A closed referral is no longer written to.
    const late = await upload(caseworker, caseId, Buffer.from('Late letter'), {
      category: 'medical',
      recordType: 'referral',
      recordId: referralId,
    });
    expect(late.status).toBe(400);
    expect(late.body.errors).toEqual([expect.objectContaining({ field: 'recordId' })]);
    expect(await storedRows(caseId)).toEqual({ documents: 1, chunks: 1 });
  });

  it('takes a partner’s access to the files away when she withdraws the consent the referral rests on', async () => {
    const caseId = (await newCase(caseworker)).id;
    const referralId = await referToClinic(harness, caseworker, caseId, ['basicProfile', 'medicalFiles']);
    const medical = await upload(caseworker, caseId, await photoWithGps(), { title: 'Wound', category: 'medical' });
    expect(medical.status).toBe(201);
    const shared = `/api/referrals/${referralId}/documents/${medical.body.id}`;
    expect((await binary(partner.get(`${shared}/preview`))).status).toBe(200);
    const consents = await caseworker.get(`/api/cases/${caseId}/consents`);
    const referralConsent = consents.body.items.find((consent: { purpose: string }) => consent.purpose === 'referral');
    const withdrawn = await caseworker.post(`/api/cases/${caseId}/consents/${referralConsent.id}/withdraw`, {
      withdrawnOn: '2026-11-05',
    });
    expect(withdrawn.status).toBe(200);
    for (const use of ['content', 'preview']) expect((await partner.get(`${shared}/${use}`)).status).toBe(404);
    // The referral was withdrawn with the consent: the partner no longer opens it at all.
    expect((await partner.get(`/api/referrals/${referralId}`)).status).toBe(404);
    // A manager or an administrator never reads a file, shared or not.
    for (const session of [manager, admin]) {
      expect((await session.get(`/api/cases/${caseId}/documents/${medical.body.id}/preview`)).status).toBe(404);
      expect((await session.get(`${shared}/content`)).status).toBe(404);
    }
  });

  it('puts her files in her access export, and erasure leaves none of them', async () => {
    const survivor = await newCase(caseworker);
    const caseId = survivor.id;
    const added = await upload(
      caseworker,
      caseId,
      Buffer.from('Her certificate'),
      { title: 'Certificate', category: 'certificate' },
      'Certificate-Brannoch.txt',
    );
    expect(added.status).toBe(201);
    const archive = await accessExportEntries(supervisor, caseId);
    expect(archive.get(`documents/${added.body.id}`)?.toString()).toBe('Her certificate');
    const data = JSON.parse(archive.get('case-data.json')!.toString());
    // Hers to see: the name the file had when it was uploaded.
    expect(data.sections.documents).toEqual([
      expect.objectContaining({
        id: added.body.id,
        title: 'Certificate',
        originalFileName: 'Certificate-Brannoch.txt',
      }),
    ]);
    expect(await storedRows(caseId)).toEqual({ documents: 1, chunks: 1 });
    const erased = await supervisor.post(`/api/cases/${caseId}/erasure`, {
      reason: 'survivorRequest',
      channel: 'inPerson',
      confirmReference: survivor.reference,
    });
    expect(erased.status).toBe(200);
    expect(await storedRows(caseId)).toEqual({ documents: 0, chunks: 0 });
    expect(await query(`SELECT 1 FROM app.case_key WHERE case_id = $1`, [caseId])).toHaveLength(0);
    expect((await supervisor.get(`/api/cases/${caseId}/documents`)).body.total).toBe(0);
    expect((await upload(supervisor, caseId, Buffer.from('late'))).status).toBe(410);
  });
});
