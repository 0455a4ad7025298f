import type { Consent } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import { todayIso } from '../../../app/forms/schema-validation';
import { fakeApi, fieldProblem } from '../../../testing/fake-api';
import { openCase } from '../../../testing/fixtures';
import { renderWithProviders } from '../../../testing/render';
import { ConsentsTab } from './consents-tab';

const CASE = openCase();
const CONSENTS = `/cases/${CASE.id}/consents`;
const ASSISTANCE: Consent = {
  id: '00000000-0000-4000-8000-0000000000c1',
  purpose: 'assistance',
  recipientOrganisation: null,
  givenOn: '2026-01-10',
  method: 'written',
  interpreterUsed: false,
  withdrawnOn: null,
  recordedBy: { id: '00000000-0000-4000-8000-000000000002', displayName: 'Ada Caseworker' },
} as unknown as Consent;
const WITHDRAW = `${CONSENTS}/${ASSISTANCE.id}/withdraw`;

async function openRecordDialog() {
  const rendered = await renderWithProviders(<ConsentsTab detail={CASE} />);
  await rendered.user.click(screen.getByRole('button', { name: 'Record consent' }));
  return rendered;
}

describe('ConsentsTab: recording a consent', () => {
  it('names its fields', async () => {
    fakeApi().on('GET', CONSENTS, { body: { items: [] } });
    await openRecordDialog();
    expect(screen.getByRole('dialog', { name: 'Record consent' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: /^Purpose/ })).toBeRequired();
    expect(screen.getByLabelText(/^Given on/)).toHaveValue(todayIso());
    expect(screen.getByRole('radiogroup', { name: /^How it was given/ })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Given through an interpreter' })).not.toBeChecked();
  });

  it('says what is missing, moves to it, and sends nothing', async () => {
    const api = fakeApi().on('GET', CONSENTS, { body: { items: [] } });
    const { user } = await openRecordDialog();
    await user.click(screen.getByRole('button', { name: 'Save consent' }));
    expect(screen.getByRole('combobox', { name: /^Purpose/ })).toHaveAccessibleDescription('Choose an option');
    expect(screen.getByRole('combobox', { name: /^Purpose/ })).toHaveFocus();
    expect(api.sent('POST', CONSENTS)).toHaveLength(0);
  });

  it('records the consent as chosen', async () => {
    const api = fakeApi()
      .on('GET', CONSENTS, { body: { items: [] } })
      .on('POST', CONSENTS, { status: 201, body: ASSISTANCE });
    const { user } = await openRecordDialog();
    await user.click(screen.getByRole('combobox', { name: /^Purpose/ }));
    await user.click(await screen.findByRole('option', { name: 'Assistance' }));
    await user.click(screen.getByRole('radio', { name: 'Written' }));
    await user.click(screen.getByRole('checkbox', { name: 'Given through an interpreter' }));
    await user.click(screen.getByRole('combobox', { name: /^Language interpreted/ }));
    await user.click(await screen.findByRole('option', { name: 'Amharic' }));
    await user.type(screen.getByRole('textbox', { name: /^Interpreter’s name/ }), 'Hewan Tolossa');
    await user.click(screen.getByRole('button', { name: 'Save consent' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Record consent' })).not.toBeInTheDocument());
    expect(api.sent('POST', CONSENTS).map((request) => request.body)).toEqual([
      {
        purpose: 'assistance',
        givenOn: todayIso(),
        method: 'written',
        interpreterUsed: true,
        interpreterLanguage: 'am',
        interpreterName: 'Hewan Tolossa',
      },
    ]);
  });

  it('asks for the language from the list only once an interpreter was used, and sends no name left empty', async () => {
    const api = fakeApi()
      .on('GET', CONSENTS, { body: { items: [] } })
      .on('POST', CONSENTS, { status: 201, body: ASSISTANCE });
    const { user } = await openRecordDialog();
    expect(screen.queryByRole('combobox', { name: /^Language interpreted/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('combobox', { name: /^Purpose/ }));
    await user.click(await screen.findByRole('option', { name: 'Assistance' }));
    await user.click(screen.getByRole('radio', { name: 'Verbal' }));
    await user.click(screen.getByRole('checkbox', { name: 'Given through an interpreter' }));
    await user.click(screen.getByRole('button', { name: 'Save consent' }));
    const language = screen.getByRole('combobox', { name: /^Language interpreted/ });
    expect(language).toHaveAccessibleDescription('Choose an option');
    expect(language).toHaveFocus();
    expect(api.sent('POST', CONSENTS)).toHaveLength(0);
    await user.type(language, 'Tigr');
    await user.click(await screen.findByRole('option', { name: 'Tigrinya' }));
    await user.click(screen.getByRole('button', { name: 'Save consent' }));
    await waitFor(() => expect(api.sent('POST', CONSENTS)).toHaveLength(1));
    expect(api.sent('POST', CONSENTS)[0]!.body).toEqual({
      purpose: 'assistance',
      givenOn: todayIso(),
      method: 'verbal',
      interpreterUsed: true,
      interpreterLanguage: 'ti',
    });
  });

  it('shows the language on the record, and the interpreter’s name when the API gives it', async () => {
    fakeApi().on('GET', CONSENTS, {
      body: {
        items: [
          { ...ASSISTANCE, interpreterUsed: true, interpreterLanguage: 'am', interpreterName: 'Hewan Tolossa' },
          {
            ...ASSISTANCE,
            id: '00000000-0000-4000-8000-0000000000c2',
            purpose: 'research',
            interpreterUsed: true,
            interpreterLanguage: 'ti',
            interpreterName: null,
          },
        ],
      },
    });
    await renderWithProviders(<ConsentsTab detail={CASE} />);
    const shown = await screen.findAllByTestId('interpreter');
    expect(shown.map((element) => element.textContent)).toEqual([
      'through an interpreter (Amharic) · Hewan Tolossa',
      'through an interpreter (Tigrinya)',
    ]);
  });

  it('shows the server refusing a field next to that field', async () => {
    fakeApi()
      .on('GET', CONSENTS, { body: { items: [] } })
      .on('POST', CONSENTS, fieldProblem([{ field: 'givenOn', message: 'Cannot be in the future' }]));
    const { user } = await openRecordDialog();
    await user.click(screen.getByRole('combobox', { name: /^Purpose/ }));
    await user.click(await screen.findByRole('option', { name: 'Assistance' }));
    await user.click(screen.getByRole('radio', { name: 'Verbal' }));
    await user.click(screen.getByRole('button', { name: 'Save consent' }));
    await waitFor(() =>
      expect(screen.getByLabelText(/^Given on/)).toHaveAccessibleDescription('Cannot be in the future'),
    );
    expect(screen.getByLabelText(/^Given on/)).toHaveFocus();
  });

  it('is closed with Escape, sending nothing', async () => {
    const api = fakeApi().on('GET', CONSENTS, { body: { items: [] } });
    const { user } = await openRecordDialog();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Record consent' })).not.toBeInTheDocument());
    expect(api.sent('POST', CONSENTS)).toHaveLength(0);
  });
});

describe('ConsentsTab: withdrawing a consent', () => {
  it('asks first, saying what stops, and withdraws only when confirmed', async () => {
    const api = fakeApi()
      .on('GET', CONSENTS, { body: { items: [ASSISTANCE] } })
      .on('POST', WITHDRAW, { body: { ...ASSISTANCE, withdrawnOn: todayIso() } });
    const { user } = await renderWithProviders(<ConsentsTab detail={CASE} />);
    await user.click(await screen.findByRole('button', { name: 'Withdraw consent for Assistance' }));
    expect(screen.getByRole('dialog', { name: 'Withdraw consent' })).toHaveTextContent(
      /nothing more is shared for .*Assistance/,
    );
    expect(api.sent('POST', WITHDRAW)).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Withdraw' }));
    await waitFor(() =>
      expect(api.sent('POST', WITHDRAW).map((request) => request.body)).toEqual([{ withdrawnOn: todayIso() }]),
    );
  });

  it('refuses an empty date and shows the server’s objection on the date', async () => {
    const api = fakeApi()
      .on('GET', CONSENTS, { body: { items: [ASSISTANCE] } })
      .on('POST', WITHDRAW, fieldProblem([{ field: 'withdrawnOn', message: 'Cannot be in the future' }]));
    const { user } = await renderWithProviders(<ConsentsTab detail={CASE} />);
    await user.click(await screen.findByRole('button', { name: 'Withdraw consent for Assistance' }));
    const date = screen.getByLabelText(/^Withdrawn on/);
    await user.clear(date);
    await user.click(screen.getByRole('button', { name: 'Withdraw' }));
    expect(date).toHaveAccessibleDescription(/./);
    expect(api.sent('POST', WITHDRAW)).toHaveLength(0);
    await user.type(date, todayIso());
    await user.click(screen.getByRole('button', { name: 'Withdraw' }));
    await waitFor(() => expect(date).toHaveAccessibleDescription('Cannot be in the future'));
  });

  it('is closed with Escape, withdrawing nothing', async () => {
    const api = fakeApi().on('GET', CONSENTS, { body: { items: [ASSISTANCE] } });
    const { user } = await renderWithProviders(<ConsentsTab detail={CASE} />);
    await user.click(await screen.findByRole('button', { name: 'Withdraw consent for Assistance' }));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Withdraw consent' })).not.toBeInTheDocument());
    expect(api.sent('POST', WITHDRAW)).toHaveLength(0);
  });
});

describe('ConsentsTab: on a child case', () => {
  const CHILD = openCase({ childBasis: 'registeredAge' });

  it('asks for the child’s assent beside the guardian’s consent and sends it', async () => {
    const api = fakeApi()
      .on('GET', CONSENTS, { body: { items: [] } })
      .on('POST', CONSENTS, { status: 201, body: ASSISTANCE });
    const { user } = await renderWithProviders(<ConsentsTab detail={CHILD} />);
    await user.click(screen.getByRole('button', { name: 'Record consent' }));
    await user.click(screen.getByRole('combobox', { name: /^Purpose/ }));
    await user.click(await screen.findByRole('option', { name: 'Assistance' }));
    await user.click(screen.getByRole('radio', { name: 'Written' }));
    await user.click(screen.getByRole('button', { name: 'Save consent' }));
    expect(await screen.findByRole('radiogroup', { name: /^Her assent/ })).toHaveAccessibleDescription(
      'Choose an option',
    );
    expect(api.sent('POST', CONSENTS)).toHaveLength(0);
    await user.click(screen.getByRole('radio', { name: 'Refused' }));
    await user.click(screen.getByRole('checkbox', { name: 'The purpose was explained in words suited to her age' }));
    await user.click(screen.getByRole('button', { name: 'Save consent' }));
    await waitFor(() => expect(api.sent('POST', CONSENTS)).toHaveLength(1));
    expect(api.sent('POST', CONSENTS)[0]!.body).toEqual({
      purpose: 'assistance',
      givenOn: todayIso(),
      method: 'written',
      interpreterUsed: false,
      childAssent: { assent: 'refused', explainedForAge: true },
    });
  });

  it('does not ask on an adult’s case', async () => {
    fakeApi().on('GET', CONSENTS, { body: { items: [] } });
    await openRecordDialog();
    expect(screen.queryByRole('radiogroup', { name: /^Her assent/ })).not.toBeInTheDocument();
  });
});
