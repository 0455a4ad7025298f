import { describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import { fakeApi, heldReply, problem } from '../../../testing/fake-api';
import { renderWithProviders } from '../../../testing/render';
import { TwoFactorEnrolment } from './two-factor-enrolment';

const START = '/auth/two-factor/enrolment';
const CONFIRM = '/auth/two-factor/enrolment/confirm';
const ENROLMENT = {
  secret: 'JBSWY3DPEHPK3PXPJBSW',
  otpauthUri: 'otpauth://totp/Haven:ada@example.org?secret=JBSWY3DPEHPK3PXPJBSW',
  qrCodeDataUrl: 'data:image/png;base64,AAAA',
};
const CODES = { recoveryCodes: ['abcde-23456', 'fghij-78923'] };
const codeInput = () => screen.getByRole('textbox', { name: /^Code from the app/ });

async function begun(onDone = jest.fn()) {
  const rendered = await renderWithProviders(<TwoFactorEnrolment onDone={onDone} />);
  await rendered.user.click(screen.getByRole('button', { name: 'Begin' }));
  await screen.findByRole('img', { name: 'QR code to add Haven to your authenticator app' });
  return rendered;
}

describe('TwoFactorEnrolment', () => {
  it('shows the QR code and the key in groups of four for typing in', async () => {
    const api = fakeApi().on('POST', START, { body: ENROLMENT });
    await begun();
    expect(screen.getByRole('img', { name: /^QR code/ })).toHaveAttribute('src', ENROLMENT.qrCodeDataUrl);
    expect(screen.getByTestId('manual-key')).toHaveTextContent('JBSW Y3DP EHPK 3PXP JBSW');
    expect(codeInput()).toBeRequired();
    expect(api.sent('POST', START)).toHaveLength(1);
  });

  it('says when the account is already enrolled, or when enrolment cannot start', async () => {
    const api = fakeApi().on('POST', START, problem(409));
    const { user } = await renderWithProviders(<TwoFactorEnrolment onDone={jest.fn()} />);
    await user.click(screen.getByRole('button', { name: 'Begin' }));
    expect(await screen.findByText('Two-step verification is already on for this account.')).toBeInTheDocument();
    api.on('POST', START, problem(503));
    await user.click(screen.getByRole('button', { name: 'Begin' }));
    expect(await screen.findByText('That did not work. Try again later.')).toBeInTheDocument();
  });

  it('refuses anything but six digits and sends nothing', async () => {
    const api = fakeApi().on('POST', START, { body: ENROLMENT });
    const { user } = await begun();
    await user.type(codeInput(), '12345{Enter}');
    expect(codeInput()).toHaveAccessibleDescription('Enter the 6 digits shown in your authenticator app');
    await user.clear(codeInput());
    await user.click(screen.getByRole('button', { name: 'Turn on two-step verification' }));
    expect(codeInput()).toHaveAccessibleDescription('Enter the 6 digits shown in your authenticator app');
    expect(api.sent('POST', CONFIRM)).toHaveLength(0);
  });

  it('confirms the code without its spaces, is busy meanwhile, then shows the recovery codes once', async () => {
    const held = heldReply({ body: CODES });
    const api = fakeApi().on('POST', START, { body: ENROLMENT }).on('POST', CONFIRM, held.answer);
    const onDone = jest.fn();
    const { user } = await begun(onDone);
    await user.type(codeInput(), '123 456{Enter}');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Turn on two-step verification' })).toBeDisabled());
    held.release();
    expect(await screen.findByRole('list', { name: 'Your recovery codes' })).toHaveTextContent('abcde-23456');
    expect(api.sent('POST', CONFIRM).map((request) => request.body)).toEqual([{ code: '123456' }]);
    expect(api.sent('POST', CONFIRM)[0]!.headers['x-csrf-token']).toBe('csrf-test-token');
    await user.click(screen.getByRole('button', { name: 'I have saved my codes — continue' }));
    expect(onDone).toHaveBeenCalledTimes(1);
  });

  it('says a wrong code is wrong, next to the field, and empties it', async () => {
    fakeApi()
      .on('POST', START, { body: ENROLMENT })
      .on('POST', CONFIRM, problem(400, { detail: 'The code is not correct' }));
    const { user } = await begun();
    await user.type(codeInput(), '654321{Enter}');
    await waitFor(() =>
      expect(codeInput()).toHaveAccessibleDescription(
        'That code is not correct or has already been used. Wait for the next code and try again.',
      ),
    );
    expect(codeInput()).toHaveValue('');
  });

  it('says when the server fails, rather than blaming the code', async () => {
    fakeApi().on('POST', START, { body: ENROLMENT }).on('POST', CONFIRM, problem(500));
    const { user } = await begun();
    await user.type(codeInput(), '654321{Enter}');
    await waitFor(() => expect(codeInput()).toHaveAccessibleDescription('That did not work. Try again later.'));
  });
});
