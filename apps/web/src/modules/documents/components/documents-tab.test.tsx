import type { CaseDocument } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { fakeApi, problem } from '../../../testing/fake-api';
import { openCase } from '../../../testing/fixtures';
import { renderWithProviders, USER_ID } from '../../../testing/render';
import { DocumentsTab } from './documents-tab';

const CASE = openCase();
const DOCUMENTS = `/cases/${CASE.id}/documents`;
const CONSENT_ID = '00000000-0000-4000-8000-0000000000c1';
const PHOTO: CaseDocument = {
  id: '00000000-0000-4000-8000-0000000000f1',
  title: 'Photo at intake',
  category: 'photo',
  documentDate: null,
  record: null,
  contentType: 'image/jpeg',
  byteSize: 48_000,
  scan: 'not-scanned',
  previewable: true,
  uploadedBy: { id: USER_ID, displayName: 'Ada Caseworker' },
  uploadedAt: '2026-11-02T10:00:00.000Z',
};
const FORM: CaseDocument = {
  ...PHOTO,
  id: '00000000-0000-4000-8000-0000000000f2',
  title: 'Signed consent form',
  category: 'consent-form',
  record: { type: 'consent', id: CONSENT_ID },
  contentType: 'application/pdf',
};
const LETTER: CaseDocument = {
  ...PHOTO,
  id: '00000000-0000-4000-8000-0000000000f3',
  title: 'Lawyer letter',
  category: 'legal',
  contentType: 'text/plain',
  previewable: false,
};

const page = (items: CaseDocument[]) => ({ body: { items, page: 1, pageSize: 20, total: items.length } });

/** The API as it answers: only the files that match the filters asked for. */
function documentsApi(all: CaseDocument[] = [PHOTO, FORM, LETTER]) {
  return fakeApi().on('GET', DOCUMENTS, (request) =>
    page(
      all.filter(
        (document) =>
          (!request.query.get('category') || document.category === request.query.get('category')) &&
          (!request.query.get('recordType') || document.record?.type === request.query.get('recordType')) &&
          (!request.query.get('recordId') || document.record?.id === request.query.get('recordId')),
      ),
    ),
  );
}

const rows = () =>
  within(screen.getByRole('table', { name: 'Documents and photos' }))
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[0]!.textContent);

describe('DocumentsTab', () => {
  it('lists the files with their category and the record they belong to, each downloaded through the API', async () => {
    documentsApi();
    await renderWithProviders(<DocumentsTab detail={CASE} />);
    await screen.findByRole('table', { name: 'Documents and photos' });
    expect(rows()).toEqual(['Photo at intake', 'Signed consent form', 'Lawyer letter']);
    const download = screen.getByRole('link', { name: 'Download Lawyer letter' });
    expect(download).toHaveAttribute('href', `/api${DOCUMENTS}/${LETTER.id}/content`);
    expect(download).toHaveAttribute('download');
    // Only images and PDFs have a preview.
    expect(screen.getAllByRole('button', { name: 'Preview' })).toHaveLength(2);
    expect(screen.getByRole('button', { name: 'Consent: show only its files' })).toBeInTheDocument();
  });

  it('filters by category and by the kind of record, asking the API for those only', async () => {
    const api = documentsApi();
    const { user } = await renderWithProviders(<DocumentsTab detail={CASE} />);
    await screen.findByRole('table', { name: 'Documents and photos' });
    await user.click(screen.getByRole('combobox', { name: 'Category' }));
    await user.click(await screen.findByRole('option', { name: 'Legal' }));
    await waitFor(() => expect(rows()).toEqual(['Lawyer letter']));
    expect(api.sent('GET', DOCUMENTS).at(-1)!.query.get('category')).toBe('legal');

    await user.click(screen.getByRole('combobox', { name: 'Category' }));
    await user.click(await screen.findByRole('option', { name: 'Consent form' }));
    await user.click(screen.getByRole('combobox', { name: 'Belongs to' }));
    await user.click(await screen.findByRole('option', { name: 'Consent' }));
    await waitFor(() => expect(rows()).toEqual(['Signed consent form']));
    const last = api.sent('GET', DOCUMENTS).at(-1)!.query;
    expect(last.get('category')).toBe('consent-form');
    expect(last.get('recordType')).toBe('consent');
  });

  it('shows the files of one record, and all of them again', async () => {
    const api = documentsApi();
    const { user } = await renderWithProviders(<DocumentsTab detail={CASE} />);
    await screen.findByRole('table', { name: 'Documents and photos' });
    await user.click(screen.getByRole('button', { name: 'Consent: show only its files' }));
    await waitFor(() => expect(rows()).toEqual(['Signed consent form']));
    const asked = api.sent('GET', DOCUMENTS).at(-1)!.query;
    expect(asked.get('recordType')).toBe('consent');
    expect(asked.get('recordId')).toBe(CONSENT_ID);
    expect(screen.getByText('The files of one record (Consent).')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show the files of every record' }));
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(screen.queryByText('The files of one record (Consent).')).not.toBeInTheDocument();
  });

  it('previews an image and a PDF from the rewritten file, never as active content', async () => {
    documentsApi();
    const { user } = await renderWithProviders(<DocumentsTab detail={CASE} />);
    await screen.findByRole('table', { name: 'Documents and photos' });
    const [photoPreview, pdfPreview] = screen.getAllByRole('button', { name: 'Preview' });
    await user.click(photoPreview!);
    const photoDialog = await screen.findByRole('dialog', { name: 'Photo at intake' });
    expect(within(photoDialog).getByRole('img', { name: 'Photo at intake' })).toHaveAttribute(
      'src',
      `/api${DOCUMENTS}/${PHOTO.id}/preview`,
    );
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Photo at intake' })).not.toBeInTheDocument());
    await user.click(pdfPreview!);
    const pdfDialog = await screen.findByRole('dialog', { name: 'Signed consent form' });
    const frame = within(pdfDialog).getByTitle('Signed consent form');
    expect(frame.tagName).toBe('IFRAME');
    expect(frame).toHaveAttribute('src', `/api${DOCUMENTS}/${FORM.id}/preview`);
    // An empty sandbox: no script, no form, no navigation of the page.
    expect(frame).toHaveAttribute('sandbox', '');
  });

  it('marks a file not checked for viruses, and warns before its download', async () => {
    const unchecked: CaseDocument = { ...LETTER, title: 'Unchecked letter', scan: 'failed' };
    documentsApi([PHOTO, unchecked]);
    const { user } = await renderWithProviders(<DocumentsTab detail={CASE} />);
    await screen.findByRole('table', { name: 'Documents and photos' });
    const row = screen.getByRole('row', { name: /Unchecked letter/ });
    expect(within(row).getByText('Not checked for viruses')).toBeInTheDocument();
    // No direct link: a button that shows the warning first.
    expect(within(row).queryByRole('link')).not.toBeInTheDocument();
    expect(screen.getByRole('row', { name: /Photo at intake/ })).not.toHaveTextContent('Not checked for viruses');
    await user.click(within(row).getByRole('button', { name: 'Download Unchecked letter' }));
    const warning = await screen.findByRole('dialog', { name: 'This file was not checked for viruses' });
    expect(warning).toHaveTextContent(/Open it only if you trust where it came from/);
    const download = within(warning).getByRole('link', { name: 'Download Unchecked letter anyway' });
    expect(download).toHaveAttribute('href', `/api${DOCUMENTS}/${unchecked.id}/content`);
    expect(download).toHaveAttribute('download');
    await user.click(within(warning).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('offers the upload to those who may edit the case', async () => {
    documentsApi([]);
    await renderWithProviders(<DocumentsTab detail={CASE} />);
    expect(await screen.findByText('No documents yet')).toBeInTheDocument();
    expect(screen.getByLabelText('Choose files')).toBeInTheDocument();
  });

  it('offers no upload on a closed case', async () => {
    documentsApi([]);
    await renderWithProviders(<DocumentsTab detail={{ ...CASE, status: 'Closed' }} />);
    expect(await screen.findByText('No documents yet')).toBeInTheDocument();
    expect(screen.queryByLabelText('Choose files')).not.toBeInTheDocument();
  });

  it('says when the files cannot be loaded', async () => {
    fakeApi().on('GET', DOCUMENTS, problem(500));
    await renderWithProviders(<DocumentsTab detail={CASE} />);
    expect(await screen.findByText('The documents could not be loaded.')).toBeInTheDocument();
  });
});
