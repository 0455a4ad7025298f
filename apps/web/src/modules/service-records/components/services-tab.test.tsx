import type { ServiceRecord } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { todayIso } from '../../../app/forms/schema-validation';
import { fakeApi, fieldProblem, heldReply, problem } from '../../../testing/fake-api';
import { openCase } from '../../../testing/fixtures';
import { ORGANISATION_ID, renderWithProviders, USER_ID } from '../../../testing/render';
import { ServicesTab } from './services-tab';

const CASE = openCase();
const SERVICES = `/cases/${CASE.id}/services`;
const CLINIC = { id: '00000000-0000-4000-8000-0000000000a9', name: 'Riverside Clinic', country: 'IT', languages: [] };
const OWN = { ...CLINIC, id: ORGANISATION_ID, name: 'Harbour Shelter' };
const LEGAL: ServiceRecord = {
  id: '00000000-0000-4000-8000-0000000000e5',
  type: 'legal',
  deliveredOn: '2026-02-03',
  outcome: 'ongoing',
  providerOrganisation: null,
  notes: 'First meeting with the lawyer',
  recordedBy: { id: USER_ID, displayName: 'Ada Caseworker' },
} as unknown as ServiceRecord;

function api(items: ServiceRecord[] = []) {
  return fakeApi()
    .on('GET', SERVICES, { body: { items } })
    .on('GET', '/organisations', { body: { items: [OWN, CLINIC] } });
}

async function openDialog() {
  const rendered = await renderWithProviders(<ServicesTab detail={CASE} />);
  await rendered.user.click(await screen.findByRole('button', { name: 'Record service' }));
  return rendered;
}

async function fillIn(user: Awaited<ReturnType<typeof openDialog>>['user']) {
  await user.click(screen.getByRole('combobox', { name: /^Service/ }));
  await user.click(await screen.findByRole('option', { name: 'Medical care' }));
  await user.click(screen.getByRole('combobox', { name: /^Outcome/ }));
  await user.click(await screen.findByRole('option', { name: 'Completed' }));
}

const save = () => screen.getByRole('button', { name: 'Save service' });

describe('ServicesTab', () => {
  it('lists the services given; a closed case offers no way to record one', async () => {
    api([LEGAL]);
    await renderWithProviders(<ServicesTab detail={openCase({ status: 'Closed' })} />);
    const table = await screen.findByRole('table', { name: /Services given in this case/ });
    expect(table).toHaveTextContent(/Legal assistance.*Ongoing.*Your organisation.*First meeting with the lawyer/);
    expect(screen.queryByRole('button', { name: 'Record service' })).not.toBeInTheDocument();
  });

  it('names its fields, offering the directory’s other organisations as provider', async () => {
    api();
    const { user } = await openDialog();
    expect(screen.getByRole('dialog', { name: 'Record service' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: /^Service/ })).toBeRequired();
    expect(screen.getByRole('combobox', { name: /^Outcome/ })).toBeRequired();
    expect(screen.getByLabelText(/^Given on/)).toHaveValue(todayIso());
    const provider = screen.getByRole('combobox', { name: /^Given by/ });
    expect(provider).not.toBeRequired();
    expect(provider).toHaveAccessibleDescription(/Leave empty if your organisation gave it/);
    await user.click(provider);
    await waitFor(async () =>
      expect((await screen.findAllByRole('option')).map((option) => option.textContent)).toEqual(['Riverside Clinic']),
    );
  });

  it('says what is missing, moves to it, and sends nothing', async () => {
    const fake = api();
    const { user } = await openDialog();
    await user.click(save());
    expect(screen.getByRole('combobox', { name: /^Service/ })).toHaveAccessibleDescription('Choose an option');
    expect(screen.getByRole('combobox', { name: /^Service/ })).toHaveFocus();
    expect(screen.getByRole('combobox', { name: /^Outcome/ })).toHaveAccessibleDescription('Choose an option');
    expect(fake.sent('POST', SERVICES)).toHaveLength(0);
  });

  it('records the service as given, Save disabled while it is on its way, and closes', async () => {
    const held = heldReply({ status: 201, body: LEGAL });
    const fake = api().on('POST', SERVICES, held.answer);
    const { user } = await openDialog();
    await fillIn(user);
    await user.click(screen.getByRole('combobox', { name: /^Given by/ }));
    await user.click(await screen.findByRole('option', { name: 'Riverside Clinic' }));
    await user.clear(screen.getByLabelText(/^Given on/));
    await user.type(screen.getByLabelText(/^Given on/), '2026-02-01');
    await user.click(save());
    await waitFor(() => expect(save()).toBeDisabled());
    held.release();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(fake.sent('POST', SERVICES).map((request) => request.body)).toEqual([
      { type: 'medical', deliveredOn: '2026-02-01', outcome: 'completed', providerOrganisationId: CLINIC.id },
    ]);
  });

  it('shows the server refusing a field next to that field', async () => {
    api().on('POST', SERVICES, fieldProblem([{ field: 'deliveredOn', message: 'Cannot be in the future' }]));
    const { user } = await openDialog();
    await fillIn(user);
    await user.click(save());
    await waitFor(() =>
      expect(screen.getByLabelText(/^Given on/)).toHaveAccessibleDescription('Cannot be in the future'),
    );
    expect(screen.getByLabelText(/^Given on/)).toHaveFocus();
  });

  it('says when the case no longer allows it, keeping the dialog open', async () => {
    api().on('POST', SERVICES, problem(409));
    const { user } = await openDialog();
    await fillIn(user);
    await user.click(save());
    const dialog = screen.getByRole('dialog', { name: 'Record service' });
    expect(await within(dialog).findByText('This cannot be done right now')).toBeInTheDocument();
  });

  it('is closed with Cancel or Escape, sending nothing', async () => {
    const fake = api();
    const { user } = await openDialog();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Record service' }));
    // Focus starts in the searchable list of services, which opens on focus: Escape closes it, then the dialog.
    await user.keyboard('{Escape}{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(fake.sent('POST', SERVICES)).toHaveLength(0);
  });
});
