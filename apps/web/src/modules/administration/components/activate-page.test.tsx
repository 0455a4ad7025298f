import { describe, expect, it } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import { fakeApi, fieldProblem, problem } from '../../../testing/fake-api';
import { renderWithProviders } from '../../../testing/render';
import { ActivatePage } from './activate-page';

const ACTIVATE = '/auth/activate';
const PASSPHRASE = 'lantern orchard velvet compass';
const password = () => screen.getByLabelText(/^New password/);
const again = () => screen.getByLabelText(/^Type it again/);

/** Opens the page the way the e-mailed link does: the one-time token in the address's fragment. */
function renderWithLink(token = 'one-time-token') {
  window.history.replaceState(null, '', `/activate#token=${token}`);
  return renderWithProviders(<ActivatePage />, { signedOut: true, route: '/activate', path: '/activate' });
}

describe('ActivatePage', () => {
  it('names its fields and takes the token out of the address bar', async () => {
    fakeApi();
    await renderWithLink();
    expect(await screen.findByRole('heading', { name: 'Set your password' })).toBeInTheDocument();
    expect(password()).toBeRequired();
    expect(again()).toBeRequired();
    expect(window.location.hash).toBe('');
  });

  it('refuses two passwords that differ and sends nothing', async () => {
    const api = fakeApi();
    const { user } = await renderWithLink();
    await user.type(await screen.findByLabelText(/^New password/), PASSPHRASE);
    await user.type(again(), 'something else');
    await user.click(screen.getByRole('button', { name: 'Set password' }));
    expect(again()).toHaveAccessibleDescription('The two passwords are not the same');
    expect(api.sent('POST', ACTIVATE)).toHaveLength(0);
  });

  it('sets the password with the link’s token, from the keyboard, then offers sign-in', async () => {
    const api = fakeApi().on('POST', ACTIVATE, { body: { email: 'bea@example.org' } });
    const { user } = await renderWithLink();
    await user.type(await screen.findByLabelText(/^New password/), PASSPHRASE);
    await waitFor(() => expect(screen.getByText('This password can be used.')).toBeInTheDocument(), {
      timeout: 15_000,
    });
    await user.type(again(), `${PASSPHRASE}{Enter}`);
    await user.click(await screen.findByRole('button', { name: 'Go to sign-in' }));
    expect(await screen.findByTestId('navigated-to')).toHaveTextContent('/sign-in');
    expect(api.sent('POST', ACTIVATE).map((request) => request.body)).toEqual([
      { token: 'one-time-token', password: PASSPHRASE },
    ]);
  });

  it('shows the server’s reasons for refusing the password under the field', async () => {
    fakeApi().on(
      'POST',
      ACTIVATE,
      fieldProblem([
        { field: 'password', message: 'Must not contain your name', code: 'containsName' } as {
          field: string;
          message: string;
        },
      ]),
    );
    const { user } = await renderWithLink();
    await user.type(await screen.findByLabelText(/^New password/), PASSPHRASE);
    await user.type(again(), `${PASSPHRASE}{Enter}`);
    expect(await screen.findByText('Must not contain your name')).toBeInTheDocument();
  });

  it('says when the link was already used', async () => {
    fakeApi().on('POST', ACTIVATE, problem(410, { code: 'activation-link-used' }));
    const { user } = await renderWithLink();
    await user.type(await screen.findByLabelText(/^New password/), PASSPHRASE);
    await user.type(again(), `${PASSPHRASE}{Enter}`);
    expect(await screen.findByRole('alert')).toHaveTextContent('This link has already been used');
  });

  it('offers no form without a token', async () => {
    fakeApi();
    window.history.replaceState(null, '', '/activate');
    await renderWithProviders(<ActivatePage />, { signedOut: true, route: '/activate', path: '/activate' });
    expect(await screen.findByRole('alert')).toHaveTextContent('This link is not valid');
    expect(screen.queryByLabelText(/^New password/)).not.toBeInTheDocument();
  });
});
