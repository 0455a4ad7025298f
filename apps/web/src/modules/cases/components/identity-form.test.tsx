import type { CaseDetail, SurvivorIdentity } from '@haven/contracts';
import { describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { fakeApi, fieldProblem, heldReply, problem, type FakeApi } from '../../../testing/fake-api';
import { openCase } from '../../../testing/fixtures';
import { renderWithProviders } from '../../../testing/render';
import { useCase, useCaseIdentity } from '../hooks/use-cases';
import { IdentityForm } from './identity-form';

const CASE = openCase();
const CASE_PATH = `/cases/${CASE.id}`;
const IDENTITY_PATH = `${CASE_PATH}/identity`;
const IDENTITY: SurvivorIdentity = {
  caseId: CASE.id,
  givenName: 'Amina',
  familyName: 'Okafor',
  aliases: ['Mina'],
  dateOfBirth: null,
  estimatedAge: 24,
  languages: ['en'],
  contact: { phone: '+393331234567' },
  documents: [],
  sex: 'Feminine',
  nationality: 'NG',
  version: 7,
};

const givenName = () => screen.getByRole('textbox', { name: /^Given name or alias/ });
const familyName = () => screen.getByRole('textbox', { name: /^Family name/ });
const phone = () => screen.getByRole('textbox', { name: /^Phone/ });
const email = () => screen.getByRole('textbox', { name: /^E-mail address/ });
const saveButton = () => screen.getByRole('button', { name: 'Save identity' });

function renderForm(onDone = jest.fn(), detail: CaseDetail = CASE) {
  return renderWithProviders(<IdentityForm detail={detail} identity={IDENTITY} onDone={onDone} />);
}

/** As on the case page, where the case and its identity are loaded queries the form can read again. */
function OnCasePage({ onDone }: { onDone: () => void }) {
  const detail = useCase(CASE.id);
  const identity = useCaseIdentity(CASE.id, true);
  if (!detail.data || !identity.data) return null;
  return <IdentityForm detail={detail.data} identity={identity.data} onDone={onDone} />;
}

describe('IdentityForm', () => {
  it('starts from the identity on screen, every input named', async () => {
    fakeApi();
    await renderForm();
    expect(screen.getByRole('form', { name: 'Edit identity' })).toBeInTheDocument();
    expect(givenName()).toBeRequired();
    expect(givenName()).toHaveValue('Amina');
    expect(familyName()).toHaveValue('Okafor');
    expect(screen.getByText('Mina')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /^Estimated age/ })).toHaveValue('24');
    expect(screen.getByRole('combobox', { name: /^Languages spoken/ })).toHaveAccessibleDescription(
      'Recorded: English',
    );
    expect(phone()).toHaveValue('+393331234567');
    expect(phone()).toHaveAccessibleDescription('International format, e.g. +39 followed by the number');
    expect(screen.getByText('No documents recorded.')).toBeInTheDocument();
  });

  it('says what is wrong while typing, moves to it on save, and sends nothing', async () => {
    const api = fakeApi();
    const { user } = await renderForm();
    await user.clear(givenName());
    expect(givenName()).toHaveAccessibleDescription('Required');
    await user.type(email(), 'not an address');
    await user.click(saveButton());
    expect(givenName()).toHaveFocus();
    expect(email()).toHaveAccessibleDescription('Enter a valid e-mail address');
    expect(api.sent('PATCH', IDENTITY_PATH)).toHaveLength(0);
  });

  it('sends nothing when nothing changed, and closes', async () => {
    const api = fakeApi();
    const onDone = jest.fn();
    const { user } = await renderForm(onDone);
    await user.click(saveButton());
    expect(onDone).toHaveBeenCalledTimes(1);
    expect(api.requests).toHaveLength(0);
  });

  it('is closed with Cancel without sending', async () => {
    const api = fakeApi();
    const onDone = jest.fn();
    const { user } = await renderForm(onDone);
    await user.type(familyName(), '-Bello');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onDone).toHaveBeenCalledTimes(1);
    expect(api.requests).toHaveLength(0);
  });

  it('sends the whole identity with the case version, is busy meanwhile, then closes', async () => {
    const held = heldReply({ body: { ...IDENTITY, version: 8 } });
    const api = fakeApi()
      .on('PATCH', IDENTITY_PATH, held.answer)
      .on('GET', CASE_PATH, { body: { ...CASE, version: 8 } });
    const onDone = jest.fn();
    const { user } = await renderForm(onDone);
    await user.clear(phone());
    await user.type(phone(), '+39 333 765-4321');
    await user.type(email(), 'amina@example.org');
    await user.click(screen.getByRole('button', { name: 'Add a document' }));
    const document = screen.getByRole('group', { name: 'Document 1' });
    await user.click(within(document).getByRole('combobox', { name: /^Kind of document/ }));
    await user.click(await screen.findByRole('option', { name: 'Passport' }));
    await user.click(within(document).getByRole('combobox', { name: /^Where it is/ }));
    await user.click(await screen.findByRole('option', { name: 'Taken by the trafficker' }));
    await user.click(saveButton());
    await waitFor(() => expect(saveButton()).toBeDisabled());
    expect(onDone).not.toHaveBeenCalled();
    held.release();
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(await screen.findByText('The identity was saved.')).toBeInTheDocument();
    expect(api.sent('PATCH', IDENTITY_PATH).map((request) => request.body)).toEqual([
      {
        version: 7,
        givenName: 'Amina',
        familyName: 'Okafor',
        aliases: ['Mina'],
        languages: ['en'],
        estimatedAge: 24,
        contact: { phone: '+393337654321', email: 'amina@example.org' },
        documents: [{ kind: 'passport', state: 'confiscatedByTrafficker' }],
      },
    ]);
  });

  it('asks for a new document’s kind and whereabouts, and removes it on request', async () => {
    const api = fakeApi();
    const { user } = await renderForm();
    await user.click(screen.getByRole('button', { name: 'Add a document' }));
    await user.click(saveButton());
    const document = screen.getByRole('group', { name: 'Document 1' });
    expect(within(document).getByRole('combobox', { name: /^Kind of document/ })).toHaveAccessibleDescription(
      'Choose an option',
    );
    expect(api.sent('PATCH', IDENTITY_PATH)).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Remove document 1' }));
    expect(screen.queryByRole('group', { name: 'Document 1' })).not.toBeInTheDocument();
    expect(screen.getByText('No documents recorded.')).toBeInTheDocument();
  });

  it('shows the server refusing a field next to that field, and moves there', async () => {
    fakeApi().on(
      'PATCH',
      IDENTITY_PATH,
      fieldProblem([{ field: 'contact.phone', message: 'Use international format, e.g. +39 followed by the number' }]),
    );
    const { user } = await renderForm();
    await user.clear(phone());
    await user.type(phone(), '+390000');
    await user.click(saveButton());
    await waitFor(() =>
      expect(phone()).toHaveAccessibleDescription(/Use international format, e\.g\. \+39 followed by the number/),
    );
    expect(phone()).toHaveFocus();
  });

  it('after someone else’s change, reloads on request: keeps what was typed, takes the rest, saves on the new version', async () => {
    const theirs = { ...IDENTITY, familyName: 'Okafor-Bello', version: 8 };
    const api: FakeApi = fakeApi()
      .on('GET', CASE_PATH, { body: CASE })
      .on('GET', IDENTITY_PATH, { body: IDENTITY })
      .on('PATCH', IDENTITY_PATH, problem(409, { currentVersion: 8 }));
    const onDone = jest.fn();
    const { user } = await renderWithProviders(<OnCasePage onDone={onDone} />);
    await user.clear(await screen.findByRole('textbox', { name: /^Given name or alias/ }));
    await user.type(givenName(), 'Aminata');
    await user.click(saveButton());
    expect(await screen.findByText('Someone else changed this')).toBeInTheDocument();
    expect(onDone).not.toHaveBeenCalled();

    api
      .on('GET', CASE_PATH, { body: { ...CASE, version: 8 } })
      .on('GET', IDENTITY_PATH, { body: theirs })
      .on('PATCH', IDENTITY_PATH, { body: { ...theirs, givenName: 'Aminata', version: 9 } });
    await user.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(familyName()).toHaveValue('Okafor-Bello'));
    expect(givenName()).toHaveValue('Aminata');
    await user.click(saveButton());
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(api.sent('PATCH', IDENTITY_PATH).map((request) => (request.body as { version: number }).version)).toEqual([
      7, 8,
    ]);
    expect(api.sent('PATCH', IDENTITY_PATH)[1]!.body).toMatchObject({
      givenName: 'Aminata',
      familyName: 'Okafor-Bello',
    });
  });
});
