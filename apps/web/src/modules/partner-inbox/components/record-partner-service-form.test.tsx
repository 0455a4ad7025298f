import { describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import { FormDialog } from '../../../app/forms/form-dialog';
import { todayIso } from '../../../app/forms/schema-validation';
import { fakeApi, fieldProblem, heldReply, problem } from '../../../testing/fake-api';
import { renderWithProviders } from '../../../testing/render';
import { RecordPartnerServiceForm } from './record-partner-service-form';

const REFERRAL_ID = '00000000-0000-4000-8000-0000000000e1';
const SERVICES = `/referrals/${REFERRAL_ID}/services`;

function renderForm(onDone = jest.fn()) {
  return renderWithProviders(
    <FormDialog opened onClose={onDone} title="Record service given">
      <RecordPartnerServiceForm referralId={REFERRAL_ID} onDone={onDone} />
    </FormDialog>,
    { organisationKind: 'partner' },
  );
}

async function fillIn(user: Awaited<ReturnType<typeof renderForm>>['user']) {
  await user.click(screen.getByRole('combobox', { name: /^Service/ }));
  await user.click(await screen.findByRole('option', { name: 'Legal assistance' }));
  await user.click(screen.getByRole('combobox', { name: /^Outcome/ }));
  await user.click(await screen.findByRole('option', { name: 'Completed' }));
}

describe('RecordPartnerServiceForm', () => {
  it('names its fields, the day given being today unless changed', async () => {
    fakeApi();
    await renderForm();
    expect(screen.getByRole('combobox', { name: /^Service/ })).toBeRequired();
    expect(screen.getByRole('combobox', { name: /^Outcome/ })).toBeRequired();
    expect(screen.getByLabelText(/^Given on/)).toHaveValue(todayIso());
    expect(screen.getByRole('textbox', { name: /^Notes/ })).not.toBeRequired();
    expect(screen.getByRole('textbox', { name: /^Notes/ })).toHaveAccessibleDescription(/Stored encrypted/);
  });

  it('starts from the service the referral asked for', async () => {
    const api = fakeApi().on('POST', SERVICES, { status: 201, body: {} });
    const onDone = jest.fn();
    const { user } = await renderWithProviders(
      <FormDialog opened onClose={onDone} title="Record service given">
        <RecordPartnerServiceForm referralId={REFERRAL_ID} requested={['medical', 'psychosocial']} onDone={onDone} />
      </FormDialog>,
      { organisationKind: 'partner' },
    );
    expect(screen.getByRole('combobox', { name: /^Service/ })).toHaveValue('Medical care');
    await user.click(screen.getByRole('combobox', { name: /^Outcome/ }));
    await user.click(await screen.findByRole('option', { name: 'Completed' }));
    await user.click(screen.getByRole('button', { name: 'Save service' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(api.sent('POST', SERVICES)[0].body).toMatchObject({ type: 'medical', outcome: 'completed' });
  });

  it('says what is missing, moves to it, and sends nothing', async () => {
    const api = fakeApi();
    const { user } = await renderForm();
    await user.click(screen.getByRole('button', { name: 'Save service' }));
    expect(screen.getByRole('combobox', { name: /^Service/ })).toHaveAccessibleDescription('Choose an option');
    expect(screen.getByRole('combobox', { name: /^Service/ })).toHaveFocus();
    expect(screen.getByRole('combobox', { name: /^Outcome/ })).toHaveAccessibleDescription('Choose an option');
    expect(api.sent('POST', SERVICES)).toHaveLength(0);
  });

  it('refuses a day in the future', async () => {
    const api = fakeApi();
    const { user } = await renderForm();
    await fillIn(user);
    await user.clear(screen.getByLabelText(/^Given on/));
    await user.type(screen.getByLabelText(/^Given on/), '2999-01-01');
    await user.click(screen.getByRole('button', { name: 'Save service' }));
    expect(screen.getByLabelText(/^Given on/)).toHaveAccessibleDescription('Cannot be in the future');
    expect(api.sent('POST', SERVICES)).toHaveLength(0);
  });

  it('records the service, Save disabled while it is on its way', async () => {
    const held = heldReply({ status: 201, body: {} });
    const api = fakeApi().on('POST', SERVICES, held.answer);
    const onDone = jest.fn();
    const { user } = await renderForm(onDone);
    await fillIn(user);
    await user.type(screen.getByRole('textbox', { name: /^Notes/ }), 'Hearing on Monday');
    await user.click(screen.getByRole('button', { name: 'Save service' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Save service' })).toBeDisabled());
    expect(onDone).not.toHaveBeenCalled();
    held.release();
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(api.sent('POST', SERVICES).map((request) => request.body)).toEqual([
      { type: 'legal', deliveredOn: todayIso(), outcome: 'completed', notes: 'Hearing on Monday' },
    ]);
  });

  it('shows the server refusing a field next to that field', async () => {
    fakeApi().on('POST', SERVICES, fieldProblem([{ field: 'notes', message: 'At most 4000 characters' }]));
    const { user } = await renderForm();
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Save service' }));
    const notes = screen.getByRole('textbox', { name: /^Notes/ });
    await waitFor(() => expect(notes).toHaveAccessibleDescription(/At most 4000 characters/));
    expect(notes).toHaveFocus();
  });

  it('explains a return the safeguards hold back, naming each reason', async () => {
    fakeApi().on(
      'POST',
      SERVICES,
      problem(409, {
        title: 'Return not allowed',
        blockers: [{ safeguard: 'protection', code: 'fearOfReturn' }],
        reviewCaseId: null,
      }),
    );
    const { user } = await renderForm();
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Save service' }));
    expect(await screen.findByText('Return not allowed')).toBeInTheDocument();
    expect(screen.getByText('The survivor has expressed a fear of return.')).toBeInTheDocument();
  });

  it('says when the referral is no longer there', async () => {
    fakeApi().on('POST', SERVICES, problem(404));
    const { user } = await renderForm();
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Save service' }));
    expect(await screen.findByText(/no longer exists or you no longer have access/)).toBeInTheDocument();
  });

  it('is left with Cancel or Escape, sending nothing', async () => {
    const api = fakeApi();
    const onDone = jest.fn();
    const { user } = await renderForm(onDone);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.keyboard('{Escape}');
    expect(onDone).toHaveBeenCalledTimes(2);
    expect(api.requests).toHaveLength(0);
  });
});
