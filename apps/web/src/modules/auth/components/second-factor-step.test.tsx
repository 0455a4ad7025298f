import { describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import { fakeApi, heldReply, problem } from '../../../testing/fake-api';
import { renderWithProviders, sessionFor } from '../../../testing/render';
import { ME_QUERY_KEY } from '../hooks/use-session';
import { SecondFactorStep } from './second-factor-step';

const SECOND_FACTOR = '/auth/login/second-factor';
const CHALLENGE = { secondFactor: 'required' as const, expiresAt: '2030-01-01T00:00:00.000Z' };
const signedOut = { signedOut: true };
const appCode = () => screen.getByRole('textbox', { name: /^Authentication code/ });
const recoveryCode = () => screen.getByRole('textbox', { name: /^Recovery code/ });

function renderStep(handlers: { onSignedIn?: () => void; onRestart?: () => void } = {}, challenge = CHALLENGE) {
  return renderWithProviders(
    <SecondFactorStep
      challenge={challenge}
      onSignedIn={handlers.onSignedIn ?? jest.fn()}
      onRestart={handlers.onRestart ?? jest.fn()}
    />,
    signedOut,
  );
}

describe('SecondFactorStep', () => {
  it('asks for the app’s code, focused and described, and shows no demo code outside demo mode', async () => {
    fakeApi();
    await renderStep();
    expect(screen.getByRole('heading', { name: 'Two-step verification' })).toBeInTheDocument();
    expect(appCode()).toBeRequired();
    expect(appCode()).toHaveFocus();
    expect(appCode()).toHaveAccessibleDescription('The code changes every 30 seconds.');
    expect(appCode()).toHaveAttribute('autocomplete', 'one-time-code');
    expect(screen.queryByTestId('demo-code')).not.toBeInTheDocument();
  });

  it('says what is missing and sends nothing', async () => {
    const api = fakeApi();
    const { user } = await renderStep();
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect(appCode()).toHaveAccessibleDescription(/Enter the code from your authenticator app/);
    expect(api.sent('POST', SECOND_FACTOR)).toHaveLength(0);
  });

  it('sends the code with Enter, is busy meanwhile, and starts the session', async () => {
    const me = sessionFor('caseworker');
    const held = heldReply({ body: me });
    const api = fakeApi().on('POST', SECOND_FACTOR, held.answer);
    const onSignedIn = jest.fn();
    const { user, queryClient } = await renderStep({ onSignedIn });
    await user.type(appCode(), ' 123456 {Enter}');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Verify' })).toBeDisabled());
    expect(onSignedIn).not.toHaveBeenCalled();
    held.release();
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledTimes(1));
    expect(api.sent('POST', SECOND_FACTOR).map((request) => request.body)).toEqual([{ code: '123456' }]);
    expect(queryClient.getQueryData(ME_QUERY_KEY)).toEqual(me);
  });

  it('takes a recovery code instead, and back', async () => {
    const api = fakeApi().on('POST', SECOND_FACTOR, { body: sessionFor('caseworker') });
    const onSignedIn = jest.fn();
    const { user } = await renderStep({ onSignedIn });
    await user.type(appCode(), '12');
    await user.click(screen.getByRole('button', { name: 'Use a recovery code instead' }));
    expect(recoveryCode()).toHaveValue('');
    expect(recoveryCode()).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect(recoveryCode()).toHaveAccessibleDescription('Enter a recovery code');
    await user.type(recoveryCode(), 'abcde-23456{Enter}');
    await waitFor(() => expect(onSignedIn).toHaveBeenCalled());
    expect(api.sent('POST', SECOND_FACTOR).map((request) => request.body)).toEqual([{ recoveryCode: 'abcde-23456' }]);
    await user.click(screen.getByRole('button', { name: 'Use a code from the authenticator app' }));
    expect(appCode()).toBeInTheDocument();
  });

  it('says a wrong code is wrong, and empties the field', async () => {
    fakeApi().on('POST', SECOND_FACTOR, problem(401, { detail: 'The code is not correct' }));
    const onSignedIn = jest.fn();
    const { user } = await renderStep({ onSignedIn });
    await user.type(appCode(), '654321{Enter}');
    expect(
      await screen.findByText(
        'That code is not correct or has already been used. Wait for the next code and try again.',
      ),
    ).toBeInTheDocument();
    expect(appCode()).toHaveValue('');
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('says when the pending sign-in expired, and lets the user start again', async () => {
    fakeApi().on('POST', SECOND_FACTOR, problem(401, { detail: 'The sign-in has expired' }));
    const onRestart = jest.fn();
    const { user } = await renderStep({ onRestart });
    await user.type(appCode(), '654321{Enter}');
    expect(
      await screen.findByText('This sign-in has expired. Enter your e-mail address and password again.'),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Start again with another account' }));
    expect(onRestart).toHaveBeenCalledTimes(1);
  });

  it('puts a badly formed code’s refusal on the field, and too many attempts above it', async () => {
    const api = fakeApi().on('POST', SECOND_FACTOR, problem(400, { errors: [{ field: 'code', message: 'bad' }] }));
    const { user } = await renderStep();
    await user.type(appCode(), '12345a{Enter}');
    await waitFor(() =>
      expect(appCode()).toHaveAccessibleDescription(/Enter the 6 digits shown in your authenticator app/),
    );
    api.on('POST', SECOND_FACTOR, problem(429));
    await user.type(appCode(), '123456{Enter}');
    expect(await screen.findByText('Too many sign-in attempts. Wait a few minutes and try again.')).toBeInTheDocument();
  });

  it('shows the demo code in demo mode', async () => {
    fakeApi();
    await renderStep({}, { ...CHALLENGE, demoCode: '424242' } as typeof CHALLENGE);
    expect(screen.getByTestId('demo-code')).toHaveTextContent('424242');
  });
});
