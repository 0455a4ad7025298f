import { describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import { fakeApi, fieldProblem } from '../../../testing/fake-api';
import { renderWithProviders } from '../../../testing/render';
import { AccessExportDialog } from './access-export-dialog';

const CASE_ID = '00000000-0000-4000-8000-0000000000dd';
const EXPORT = `/cases/${CASE_ID}/access-export`;
const PASSPHRASE = 'lantern orchard velvet compass';

function renderExport(onClose = jest.fn()) {
  return renderWithProviders(
    <AccessExportDialog caseId={CASE_ID} reference="HV-7F3K-2Q9D" opened onClose={onClose} />,
    { role: 'supervisor' },
  );
}

const passwordInput = () => screen.getByLabelText(/^Archive password/);
const confirmationInput = () => screen.getByLabelText(/^Password again/);

describe('AccessExportDialog', () => {
  it('names its fields', async () => {
    fakeApi();
    await renderExport();
    expect(await screen.findByRole('dialog', { name: 'Export the survivor’s data' })).toBeInTheDocument();
    expect(passwordInput()).toBeRequired();
    expect(passwordInput()).toHaveAttribute('type', 'password');
    expect(confirmationInput()).toBeRequired();
  });

  it('refuses a short password or two that differ, and downloads nothing', async () => {
    const api = fakeApi();
    const { user } = await renderExport();
    await user.type(passwordInput(), 'short');
    await user.click(screen.getByRole('button', { name: 'Create and download' }));
    expect(passwordInput()).toHaveAccessibleDescription(/At least 12 characters/);
    await user.clear(passwordInput());
    await user.type(passwordInput(), PASSPHRASE);
    await user.type(confirmationInput(), `${PASSPHRASE}!`);
    await user.click(screen.getByRole('button', { name: 'Create and download' }));
    expect(confirmationInput()).toHaveAccessibleDescription('The two passwords differ');
    expect(api.sent('POST', EXPORT)).toHaveLength(0);
  });

  it('sends the password once and closes after the download', async () => {
    const api = fakeApi().on('POST', EXPORT, {
      body: 'archive',
      headers: { 'content-type': 'application/zip', 'content-disposition': 'attachment; filename="export.zip"' },
    });
    const onClose = jest.fn();
    const downloads: string[] = [];
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(this.download);
    });
    const { user } = await renderExport(onClose);
    await user.type(passwordInput(), PASSPHRASE);
    await user.type(confirmationInput(), PASSPHRASE);
    await waitFor(() => expect(screen.getByText('This password can be used.')).toBeInTheDocument(), {
      timeout: 15_000,
    });
    await user.click(screen.getByRole('button', { name: 'Create and download' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(api.sent('POST', EXPORT).map((request) => request.body)).toEqual([{ password: PASSPHRASE }]);
    expect(downloads).toEqual(['export.zip']);
  });

  it('shows why the server refused the password under the field', async () => {
    fakeApi().on(
      'POST',
      EXPORT,
      fieldProblem([
        { field: 'password', message: 'A common password', code: 'common' } as { field: string; message: string },
      ]),
    );
    const onClose = jest.fn();
    const { user } = await renderExport(onClose);
    await user.type(passwordInput(), PASSPHRASE);
    await user.type(confirmationInput(), `${PASSPHRASE}{Enter}`);
    expect(await screen.findByText('A common or breached password, or too close to one')).toBeInTheDocument();
    // Mantine's password input marks its inner input with data-invalid (it sets no aria-invalid).
    expect(passwordInput()).toHaveAttribute('data-invalid', 'true');
    expect(onClose).not.toHaveBeenCalled();
  });

  it('is closed with Escape', async () => {
    fakeApi();
    const onClose = jest.fn();
    const { user } = await renderExport(onClose);
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
  });
});
