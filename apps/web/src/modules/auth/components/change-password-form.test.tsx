import { describe, expect, it } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import { fakeApi, fieldProblem } from '../../../testing/fake-api';
import { renderWithProviders } from '../../../testing/render';
import { ChangePasswordForm } from './change-password-form';

const PASSWORD = '/auth/password';
const NEW_PASSPHRASE = 'lantern orchard velvet compass';
const current = () => screen.getByLabelText(/^Current password/);
const fresh = () => screen.getByLabelText(/^New password(?! again)/);
const again = () => screen.getByLabelText(/^New password again/);

describe('ChangePasswordForm', () => {
  it('names its fields', async () => {
    fakeApi();
    await renderWithProviders(<ChangePasswordForm />);
    for (const input of [current(), fresh(), again()]) {
      expect(input).toBeRequired();
      expect(input).toHaveAttribute('type', 'password');
    }
  });

  it('asks for the current password and a matching new one, and sends nothing', async () => {
    const api = fakeApi();
    const { user } = await renderWithProviders(<ChangePasswordForm />);
    await user.type(fresh(), NEW_PASSPHRASE);
    await user.type(again(), 'something else entirely');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(current()).toHaveAccessibleDescription('Enter your current password');
    expect(again()).toHaveAccessibleDescription('The two new passwords differ');
    expect(api.sent('POST', PASSWORD)).toHaveLength(0);
  });

  it('refuses a new password containing the user’s own name as it is typed', async () => {
    const api = fakeApi();
    const { user } = await renderWithProviders(<ChangePasswordForm />);
    await user.type(current(), 'old passphrase here');
    await user.type(fresh(), 'ada caseworker forever');
    expect(await screen.findByText('Must not contain your name', undefined, { timeout: 15_000 })).toBeInTheDocument();
    await user.type(again(), 'ada caseworker forever{Enter}');
    expect(api.sent('POST', PASSWORD)).toHaveLength(0);
  });

  it('sends both passwords with Enter, then empties the form', async () => {
    const api = fakeApi().on('POST', PASSWORD, { status: 204 });
    const { user } = await renderWithProviders(<ChangePasswordForm />);
    await user.type(current(), 'old passphrase here');
    await user.type(fresh(), NEW_PASSPHRASE);
    await waitFor(() => expect(screen.getByText('This password can be used.')).toBeInTheDocument(), {
      timeout: 15_000,
    });
    await user.type(again(), `${NEW_PASSPHRASE}{Enter}`);
    await waitFor(() => expect(fresh()).toHaveValue(''));
    expect(api.sent('POST', PASSWORD).map((request) => request.body)).toEqual([
      { currentPassword: 'old passphrase here', newPassword: NEW_PASSPHRASE },
    ]);
  });

  it('shows a wrong current password next to that field', async () => {
    fakeApi().on('POST', PASSWORD, fieldProblem([{ field: 'currentPassword', message: 'Not correct' }]));
    const { user } = await renderWithProviders(<ChangePasswordForm />);
    await user.type(current(), 'not my password');
    await user.type(fresh(), NEW_PASSPHRASE);
    await user.type(again(), `${NEW_PASSPHRASE}{Enter}`);
    await waitFor(() => expect(current()).toHaveAccessibleDescription('Not correct'));
    expect(current()).toHaveValue('');
  });
});
