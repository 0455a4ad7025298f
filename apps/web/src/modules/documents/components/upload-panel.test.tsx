import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { act, screen, waitFor } from '@testing-library/react';
import { openCase } from '../../../testing/fixtures';
import { renderWithProviders } from '../../../testing/render';
import { UploadPanel } from './upload-panel';

const CASE = openCase();

/** XMLHttpRequest as the browser gives it, driven by the test: what was sent, and the answer when the test says. */
class FakeUpload {
  static sent: FakeUpload[] = [];
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: FormData | null = null;
  status = 0;
  statusText = '';
  responseText = '';
  withCredentials = false;
  upload: { onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = {
    onprogress: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: FormData) {
    this.body = body;
    FakeUpload.sent.push(this);
  }
  abort() {
    this.onabort?.();
  }
  progress(loaded: number, total: number) {
    act(() => this.upload.onprogress?.({ lengthComputable: true, loaded, total }));
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    act(() => this.onload?.());
  }
  drop() {
    act(() => this.onerror?.());
  }
}

const STORED = {
  id: '00000000-0000-4000-8000-0000000000d1',
  title: 'Consent form',
  category: 'consent-form',
  documentDate: null,
  record: null,
  contentType: 'application/pdf',
  byteSize: 12,
  scan: 'not-scanned',
  previewable: true,
  uploadedBy: { id: '00000000-0000-4000-8000-0000000000a1', displayName: 'Ada' },
  uploadedAt: new Date().toISOString(),
};

const original = globalThis.XMLHttpRequest;
beforeEach(() => {
  FakeUpload.sent = [];
  globalThis.XMLHttpRequest = FakeUpload as unknown as typeof XMLHttpRequest;
});
afterEach(() => {
  globalThis.XMLHttpRequest = original;
});

const fileNamed = (name: string, text = 'content') => new File([text], name, { type: 'application/pdf' });

describe('UploadPanel', () => {
  it('asks for a title for each file and sends nothing without one', async () => {
    const { user } = await renderWithProviders(<UploadPanel caseId={CASE.id} mayAddIdentityDocuments={false} />);
    await user.upload(screen.getByLabelText('Choose files'), [fileNamed('Amina-passport.pdf'), fileNamed('b.pdf')]);
    const title = screen.getByRole('textbox', { name: /^Title of file 1/ });
    // The file's own name is never offered as its title: it may name her.
    expect(title).toHaveValue('');
    expect(title).toHaveAccessibleDescription(/never shown/);
    await user.click(screen.getByRole('button', { name: 'Upload' }));
    expect(await screen.findAllByText('Give the file a title')).toHaveLength(2);
    expect(FakeUpload.sent).toHaveLength(0);
  });

  it('sends several files at once, each with its progress, fields before the file', async () => {
    const { user } = await renderWithProviders(
      <UploadPanel
        caseId={CASE.id}
        record={{ type: 'consent', id: '00000000-0000-4000-8000-0000000000c1' }}
        defaultCategory="consent-form"
        mayAddIdentityDocuments={false}
      />,
    );
    await user.upload(screen.getByLabelText('Choose files'), [fileNamed('a.pdf'), fileNamed('b.pdf')]);
    await user.type(screen.getByRole('textbox', { name: /^Title of file 1/ }), 'Consent form');
    await user.type(screen.getByRole('textbox', { name: /^Title of file 2/ }), 'Second page');
    await user.click(screen.getByRole('button', { name: 'Upload' }));
    await waitFor(() => expect(FakeUpload.sent).toHaveLength(2));
    const [first, second] = FakeUpload.sent as [FakeUpload, FakeUpload];
    expect(first.method).toBe('POST');
    expect(first.url).toBe(`/api/cases/${CASE.id}/documents`);
    expect([...first.body!.keys()]).toEqual(['title', 'category', 'recordType', 'recordId', 'file']);
    expect(Object.fromEntries([...first.body!.entries()].filter(([key]) => key !== 'file'))).toEqual({
      title: 'Consent form',
      category: 'consent-form',
      recordType: 'consent',
      recordId: '00000000-0000-4000-8000-0000000000c1',
    });
    first.progress(50, 200);
    expect(screen.getByRole('progressbar', { name: 'Upload of file 1' })).toHaveAttribute('aria-valuenow', '25');
    expect(screen.getByRole('progressbar', { name: 'Upload of file 2' })).toHaveAttribute('aria-valuenow', '0');
    first.answer(201, STORED);
    second.answer(201, { ...STORED, title: 'Second page' });
    await waitFor(() => expect(screen.getAllByText('Uploaded')).toHaveLength(2));
    expect(screen.getByRole('progressbar', { name: 'Upload of file 1' })).toHaveAttribute('aria-valuenow', '100');
  });

  it('offers to try again after a dropped connection, and says why the server refused a file', async () => {
    const { user } = await renderWithProviders(<UploadPanel caseId={CASE.id} mayAddIdentityDocuments={false} />);
    await user.upload(screen.getByLabelText('Choose files'), [fileNamed('a.pdf'), fileNamed('b.exe')]);
    await user.type(screen.getByRole('textbox', { name: /^Title of file 1/ }), 'Letter');
    await user.type(screen.getByRole('textbox', { name: /^Title of file 2/ }), 'Program{Enter}');
    await waitFor(() => expect(FakeUpload.sent).toHaveLength(1));
    FakeUpload.sent[0]!.answer(415, { type: 'x', title: 'Unsupported file type', status: 415 });
    expect(await screen.findByText('This kind of file is not accepted.')).toBeInTheDocument();
    // Within the limit, but longer than the malware scanner takes: said as such, not as "larger than 25 MB".
    await user.click(screen.getByRole('button', { name: 'Upload' }));
    await waitFor(() => expect(FakeUpload.sent).toHaveLength(2));
    FakeUpload.sent[1]!.answer(413, {
      type: 'x',
      title: 'File too large',
      status: 413,
      errors: [{ field: 'file', message: 'Larger than the scanner accepts', code: 'scanner-size-limit' }],
    });
    expect(
      await screen.findByText(
        'This file is larger than the virus scanner accepts, so it cannot be checked and was not stored.',
      ),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Try file 1 again' }));
    await waitFor(() => expect(FakeUpload.sent).toHaveLength(3));
    FakeUpload.sent[2]!.drop();
    expect(await screen.findByText('The connection dropped. Try again.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Try file 1 again' }));
    await waitFor(() => expect(FakeUpload.sent).toHaveLength(4));
    FakeUpload.sent[3]!.answer(201, { ...STORED, title: 'Letter' });
    await waitFor(() => expect(screen.getByText('Uploaded')).toBeInTheDocument());
  });

  it('offers the identity-document category only to those who may see who she is', async () => {
    const { user } = await renderWithProviders(<UploadPanel caseId={CASE.id} mayAddIdentityDocuments={false} />);
    await user.upload(screen.getByLabelText('Choose files'), [fileNamed('a.pdf')]);
    await user.click(screen.getByRole('combobox', { name: /^Category of file 1/ }));
    const offered = (await screen.findAllByRole('option')).map((option) => option.textContent);
    expect(offered).toContain('Medical');
    expect(offered).not.toContain('Identity document');
  });

  it('offers only the categories the record takes (a referral: those its lens shares)', async () => {
    const { user } = await renderWithProviders(
      <UploadPanel
        caseId={CASE.id}
        record={{ type: 'referral', id: '00000000-0000-4000-8000-0000000000b1' }}
        categories={['medical', 'photo']}
        mayAddIdentityDocuments
      />,
    );
    await user.upload(screen.getByLabelText('Choose files'), [fileNamed('a.pdf')]);
    const category = screen.getByRole('combobox', { name: /^Category of file 1/ });
    // "Other" is not among them: the first one offered is chosen.
    expect(category).toHaveValue('Medical');
    await user.click(category);
    expect((await screen.findAllByRole('option')).map((option) => option.textContent)).toEqual(['Medical', 'Photo']);
  });

  it('says so, and offers no picker, when the record takes no category this reader may add', async () => {
    await renderWithProviders(
      <UploadPanel
        caseId={CASE.id}
        record={{ type: 'referral', id: '00000000-0000-4000-8000-0000000000b1' }}
        categories={['identity-document']}
        mayAddIdentityDocuments={false}
      />,
    );
    expect(screen.getByText('None of the kinds of file this record takes can be added by you.')).toBeInTheDocument();
    expect(screen.queryByLabelText('Choose files')).not.toBeInTheDocument();
    expect(screen.queryByTestId('drop-zone')).not.toBeInTheDocument();
  });
});
