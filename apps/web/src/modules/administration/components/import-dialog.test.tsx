import { describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import { FormDialog } from '../../../app/forms/form-dialog';
import { fakeApi, fieldProblem } from '../../../testing/fake-api';
import { renderWithProviders } from '../../../testing/render';
import { ImportDialogBody } from './import-dialog';

const IMPORT = '/users/import';
const CSV = 'email,displayName,role,organisation,team\nbea@example.org,Bea Novak,caseworker,Harbour Shelter,';
const ROW = {
  line: 2,
  email: 'bea@example.org',
  displayName: 'Bea Novak',
  role: 'caseworker',
  organisation: 'Harbour Shelter',
  team: null,
  problems: [],
};
const LINK = { url: 'https://haven.test/activate#one-time', expiresAt: '2030-01-01T00:00:00.000Z' };

function renderImport(onClose = jest.fn()) {
  return renderWithProviders(
    <FormDialog opened onClose={onClose} title="Invite staff from a CSV file">
      <ImportDialogBody onClose={onClose} />
    </FormDialog>,
    { role: 'admin', organisationKind: 'system' },
  );
}

const contents = () => screen.getByRole('textbox', { name: 'File contents' });

describe('ImportDialogBody', () => {
  it('names its field and checks nothing while it is empty', async () => {
    fakeApi();
    await renderImport();
    expect(contents()).toHaveValue('');
    expect(screen.getByRole('button', { name: 'Check the file' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Choose a CSV file' })).toBeInTheDocument();
  });

  it('checks the file first, writing nothing, and offers no import while a line is wrong', async () => {
    const api = fakeApi().on('POST', IMPORT, {
      body: {
        dryRun: true,
        imported: 0,
        rows: [{ ...ROW, problems: [{ field: 'email', message: 'Enter a valid e-mail address' }] }],
      },
    });
    const { user } = await renderImport();
    await user.click(contents());
    await user.paste(CSV);
    await user.click(screen.getByRole('button', { name: 'Check the file' }));
    expect(await screen.findByText('1 of 1 lines need correcting. Nothing has been written.')).toBeInTheDocument();
    expect(screen.getByText('email: Enter a valid e-mail address')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Invite these/ })).not.toBeInTheDocument();
    expect(api.sent('POST', IMPORT).map((request) => request.body)).toEqual([{ csv: CSV, dryRun: true }]);
  });

  it('imports a checked file at once and hands over the links', async () => {
    const api = fakeApi().on('POST', IMPORT, (request) =>
      (request.body as { dryRun: boolean }).dryRun
        ? { body: { dryRun: true, imported: 0, rows: [ROW] } }
        : { body: { dryRun: false, imported: 1, rows: [{ ...ROW, activationLink: LINK }] } },
    );
    const { user } = await renderImport();
    await user.click(contents());
    await user.paste(CSV);
    await user.click(screen.getByRole('button', { name: 'Check the file' }));
    await user.click(await screen.findByRole('button', { name: 'Invite these 1 people' }));
    expect(await screen.findByTestId('activation-link')).toHaveValue(LINK.url);
    expect(api.sent('POST', IMPORT).map((request) => request.body)).toEqual([
      { csv: CSV, dryRun: true },
      { csv: CSV, dryRun: false },
    ]);
  });

  it('shows what the server refused in the file', async () => {
    fakeApi().on(
      'POST',
      IMPORT,
      fieldProblem([{ field: 'csv', message: 'At most 90,000 characters: split the file' }]),
    );
    const { user } = await renderImport();
    await user.click(contents());
    await user.paste(CSV);
    await user.click(screen.getByRole('button', { name: 'Check the file' }));
    expect(await screen.findByText('csv: At most 90,000 characters: split the file')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Invite these/ })).not.toBeInTheDocument();
  });

  it('is closed with Escape', async () => {
    fakeApi();
    const onClose = jest.fn();
    const { user } = await renderImport(onClose);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });
});
