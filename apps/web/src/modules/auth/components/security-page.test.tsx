import type { MeResponse } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import { fakeApi, heldReply, problem } from '../../../testing/fake-api';
import { renderWithProviders, sessionFor } from '../../../testing/render';
import { SessionContext } from '../hooks/session-context';
import { SecurityPage } from './security-page';

const REGENERATE = '/auth/two-factor/recovery-codes';
const regenerateInput = () => screen.getByRole('textbox', { name: /^Code from the app, to make new recovery codes/ });

/** The page as a user with this second-factor state sees it (the session the app holds comes from /me). */
function renderFor(twoFactor: Partial<MeResponse['twoFactor']>, role: MeResponse['user']['role'] = 'caseworker') {
  const base = sessionFor(role);
  const me = { ...base, twoFactor: { ...base.twoFactor, ...twoFactor } };
  return renderWithProviders(
    <SessionContext.Provider value={me}>
      <SecurityPage />
    </SessionContext.Provider>,
    { role },
  );
}

describe('SecurityPage', () => {
  it('holds the password form and says whether two-step verification is on and required', async () => {
    fakeApi();
    await renderFor({ enrolled: true, required: true, recoveryCodesLeft: 7 });
    expect(screen.getByRole('heading', { level: 1, name: 'Security' })).toBeInTheDocument();
    expect(screen.getByLabelText(/^Current password/)).toBeInTheDocument();
    expect(screen.getByText('On')).toBeInTheDocument();
    expect(
      screen.getByText('Your role gives access to case data, so two-step verification is required.'),
    ).toBeInTheDocument();
    expect(screen.getByText('You have 7 unused recovery codes.')).toBeInTheDocument();
    expect(screen.queryByText('You are running out of recovery codes. Make new ones.')).not.toBeInTheDocument();
  });

  it('warns when the recovery codes run low', async () => {
    fakeApi();
    await renderFor({ enrolled: true, recoveryCodesLeft: 1 });
    expect(screen.getByText('You have 1 unused recovery code.')).toBeInTheDocument();
    expect(screen.getByText('You are running out of recovery codes. Make new ones.')).toBeInTheDocument();
  });

  it('offers to set up two-step verification when it is off, and starts only when asked', async () => {
    const api = fakeApi().on('POST', '/auth/two-factor/enrolment', problem(503));
    const { user } = await renderFor({ enrolled: false, required: false });
    expect(screen.getByText('Off')).toBeInTheDocument();
    expect(screen.getByText('Two-step verification is optional for your role, and recommended.')).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: /recovery codes/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Set up two-step verification' }));
    expect(api.sent('POST', '/auth/two-factor/enrolment')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Begin' }));
    await waitFor(() => expect(api.sent('POST', '/auth/two-factor/enrolment')).toHaveLength(1));
  });

  it('makes new recovery codes only with six digits from the app', async () => {
    const api = fakeApi();
    const { user } = await renderFor({ enrolled: true });
    expect(regenerateInput()).toBeRequired();
    await user.type(regenerateInput(), '12 34{Enter}');
    expect(regenerateInput()).toHaveAccessibleDescription('Enter the 6 digits shown in your authenticator app');
    expect(api.sent('POST', REGENERATE)).toHaveLength(0);
  });

  it('sends the code, is busy meanwhile, shows the new codes once and then the form again', async () => {
    const held = heldReply({ body: { recoveryCodes: ['qrstu-23456', 'vwxyz-78923'] } });
    const api = fakeApi().on('POST', REGENERATE, held.answer);
    const { user } = await renderFor({ enrolled: true });
    await user.type(regenerateInput(), '123456');
    await user.click(screen.getByRole('button', { name: 'Make new recovery codes' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Make new recovery codes' })).toBeDisabled());
    held.release();
    expect(await screen.findByRole('list', { name: 'Your recovery codes' })).toHaveTextContent('qrstu-23456');
    expect(api.sent('POST', REGENERATE).map((request) => request.body)).toEqual([{ code: '123456' }]);
    await user.click(screen.getByRole('button', { name: 'I have saved my codes — continue' }));
    expect(screen.queryByRole('list', { name: 'Your recovery codes' })).not.toBeInTheDocument();
    expect(regenerateInput()).toHaveValue('');
  });

  it('says a wrong code is wrong, next to the field, and a failure is a failure', async () => {
    const api = fakeApi().on('POST', REGENERATE, problem(400));
    const { user } = await renderFor({ enrolled: true });
    await user.type(regenerateInput(), '654321{Enter}');
    await waitFor(() =>
      expect(regenerateInput()).toHaveAccessibleDescription(
        'That code is not correct or has already been used. Wait for the next code and try again.',
      ),
    );
    expect(regenerateInput()).toHaveValue('');
    api.on('POST', REGENERATE, problem(500));
    await user.type(regenerateInput(), '654321{Enter}');
    await waitFor(() => expect(regenerateInput()).toHaveAccessibleDescription('That did not work. Try again later.'));
  });
});
