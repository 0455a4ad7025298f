import { describe, expect, it } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import { fakeApi, fieldProblem, problem } from '../../../testing/fake-api';
import { renderWithProviders, sessionFor } from '../../../testing/render';
import { SignInPage } from './sign-in-page';

const signedOut = { signedOut: true, route: '/sign-in', path: '/sign-in' };

describe('SignInPage', () => {
  it('names its fields', async () => {
    fakeApi();
    await renderWithProviders(<SignInPage />, signedOut);
    expect(screen.getByRole('heading', { name: 'Sign in to Haven' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /^E-mail address/ })).toBeRequired();
    expect(screen.getByLabelText(/^Password/)).toHaveAttribute('type', 'password');
  });

  it('says what is missing and sends nothing', async () => {
    const api = fakeApi();
    const { user } = await renderWithProviders(<SignInPage />, signedOut);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByRole('textbox', { name: /^E-mail address/ })).toHaveAccessibleDescription(
      'Enter a valid e-mail address',
    );
    expect(screen.getByLabelText(/^Password/)).toHaveAccessibleDescription('Enter your password');
    expect(api.sent('POST', '/auth/login')).toHaveLength(0);
  });

  it('signs in with Enter and goes on', async () => {
    const api = fakeApi().on('POST', '/auth/login', { body: sessionFor('caseworker') });
    const { user } = await renderWithProviders(<SignInPage />, signedOut);
    await user.type(screen.getByRole('textbox', { name: /^E-mail address/ }), 'ada@example.org');
    await user.type(screen.getByLabelText(/^Password/), 'correct horse battery staple{Enter}');
    expect(await screen.findByTestId('navigated-to')).toHaveTextContent('/');
    expect(api.sent('POST', '/auth/login').map((request) => request.body)).toEqual([
      { email: 'ada@example.org', password: 'correct horse battery staple' },
    ]);
  });

  it('says the credentials are wrong without saying which, and forgets the password', async () => {
    fakeApi().on('POST', '/auth/login', problem(401));
    const { user } = await renderWithProviders(<SignInPage />, signedOut);
    await user.type(screen.getByRole('textbox', { name: /^E-mail address/ }), 'ada@example.org');
    await user.type(screen.getByLabelText(/^Password/), 'wrong{Enter}');
    expect(await screen.findByText('The e-mail address or password is not correct.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Password/)).toHaveValue('');
    expect(screen.getByRole('textbox', { name: /^E-mail address/ })).toHaveValue('ada@example.org');
  });

  it('shows the server refusing a field next to that field', async () => {
    fakeApi().on('POST', '/auth/login', fieldProblem([{ field: 'email', message: 'Enter a valid e-mail address' }]));
    const { user } = await renderWithProviders(<SignInPage />, signedOut);
    await user.type(screen.getByRole('textbox', { name: /^E-mail address/ }), 'ada@example.org');
    await user.type(screen.getByLabelText(/^Password/), 'secret{Enter}');
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: /^E-mail address/ })).toHaveAccessibleDescription(
        'Enter a valid e-mail address',
      ),
    );
  });
});
