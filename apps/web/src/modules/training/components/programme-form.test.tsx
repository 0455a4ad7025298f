import { describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import { FormDialog } from '../../../app/forms/form-dialog';
import { fakeApi, fieldProblem } from '../../../testing/fake-api';
import { renderWithProviders } from '../../../testing/render';
import { ProgrammeForm } from './programme-form';

const PROGRAMMES = '/training-programmes';
const SKILLS = { id: '00000000-0000-4000-8000-0000000000aa', name: 'Skills Centre', kind: 'training' };
const CREATED = { id: '00000000-0000-4000-8000-0000000000ab' };

function renderNew(onDone = jest.fn()) {
  return renderWithProviders(
    <FormDialog opened onClose={onDone} title="New programme">
      <ProgrammeForm onDone={onDone} />
    </FormDialog>,
    { role: 'supervisor', route: '/training', path: '/training' },
  );
}

async function fillIn(user: Awaited<ReturnType<typeof renderNew>>['user']) {
  await user.type(screen.getByRole('textbox', { name: /^Trade or course/ }), 'Tailoring');
  await user.click(screen.getByRole('combobox', { name: /^Provider/ }));
  await user.click(await screen.findByRole('option', { name: 'Skills Centre' }));
  await user.type(screen.getByRole('textbox', { name: /^Place/ }), 'Braga');
  await user.type(screen.getByLabelText(/^Starts on/), '2099-01-10');
  await user.type(screen.getByLabelText(/^Ends on/), '2099-03-10');
  await user.type(screen.getByRole('textbox', { name: /^Seats/ }), '12');
  await user.click(screen.getByRole('combobox', { name: /^Language/ }));
  await user.click(await screen.findByRole('option', { name: 'Portuguese' }));
}

describe('ProgrammeForm', () => {
  it('names its fields, offering its own shelter and the directory’s course providers', async () => {
    fakeApi().on('GET', '/organisations', { body: { items: [SKILLS] } });
    const { user } = await renderNew();
    for (const name of [/^Trade or course/, /^Place/, /^Seats/])
      expect(screen.getByRole('textbox', { name })).toBeRequired();
    // The language is picked from the list, never typed as a code.
    expect(screen.getByRole('combobox', { name: /^Language/ })).toBeRequired();
    expect(screen.getByLabelText(/^Starts on/)).toBeRequired();
    await waitFor(() => expect(screen.getByRole('combobox', { name: /^Provider/ })).toBeEnabled());
    await user.click(screen.getByRole('combobox', { name: /^Provider/ }));
    expect((await screen.findAllByRole('option')).map((option) => option.textContent)).toEqual([
      'Harbour Shelter',
      'Skills Centre',
    ]);
  });

  it('says what is missing, moves to it, and sends nothing', async () => {
    const api = fakeApi().on('GET', '/organisations', { body: { items: [SKILLS] } });
    const { user } = await renderNew();
    await user.click(screen.getByRole('button', { name: 'Save programme' }));
    expect(screen.getByRole('textbox', { name: /^Trade or course/ })).toHaveAccessibleDescription(/./);
    expect(screen.getByRole('textbox', { name: /^Trade or course/ })).toHaveFocus();
    expect(api.sent('POST', PROGRAMMES)).toHaveLength(0);
  });

  it('creates the programme and opens it', async () => {
    const api = fakeApi()
      .on('GET', '/organisations', { body: { items: [SKILLS] } })
      .on('POST', PROGRAMMES, { status: 201, body: CREATED });
    const onDone = jest.fn();
    const { user } = await renderNew(onDone);
    await waitFor(() => expect(screen.getByRole('combobox', { name: /^Provider/ })).toBeEnabled());
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Save programme' }));
    expect(await screen.findByTestId('navigated-to')).toHaveTextContent(`/training/${CREATED.id}`);
    expect(onDone).toHaveBeenCalled();
    expect(api.sent('POST', PROGRAMMES)[0].body).toEqual({
      providerOrganisationId: SKILLS.id,
      trade: 'Tailoring',
      place: 'Braga',
      startsOn: '2099-01-10',
      endsOn: '2099-03-10',
      seats: 12,
      language: 'pt',
    });
  });

  it('shows the server refusing a field next to that field', async () => {
    fakeApi()
      .on('GET', '/organisations', { body: { items: [SKILLS] } })
      .on('POST', PROGRAMMES, fieldProblem([{ field: 'providerOrganisationId', message: 'Not allowed for you' }]));
    const { user } = await renderNew();
    await waitFor(() => expect(screen.getByRole('combobox', { name: /^Provider/ })).toBeEnabled());
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Save programme' }));
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: /^Provider/ })).toHaveAccessibleDescription(/Not allowed for you/),
    );
  });

  it('is closed with Escape', async () => {
    fakeApi().on('GET', '/organisations', { body: { items: [SKILLS] } });
    const onDone = jest.fn();
    const { user } = await renderNew(onDone);
    await user.keyboard('{Escape}');
    expect(onDone).toHaveBeenCalled();
  });
});
