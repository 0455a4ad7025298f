import type { ProgrammeDetail, ProgrammeEnrolment } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { fakeApi, fieldProblem, heldReply, problem } from '../../../testing/fake-api';
import { ORGANISATION_ID, renderWithProviders } from '../../../testing/render';
import { ProgrammePage } from './programme-page';

const OTHER = { id: '00000000-0000-4000-8000-0000000000ac', name: 'Riverside Shelter' };
const ENROLMENT: ProgrammeEnrolment = {
  id: '00000000-0000-4000-8000-0000000000e1',
  caseId: '00000000-0000-4000-8000-0000000000dd',
  caseReference: 'HV-7F3K-2Q9D',
  status: 'enrolled',
  waitingPosition: null,
  dropoutReason: null,
  sessionsAttended: 3,
  attendance: [],
  sessionsTotal: 10,
  certificateObtained: false,
  outcome: null,
  outcomeRecordedOn: null,
  waitlistedAt: null,
  enrolledAt: '2026-01-10T09:00:00.000Z',
  completedAt: null,
  version: 5,
};
const PROGRAMME: ProgrammeDetail = {
  id: '00000000-0000-4000-8000-0000000000b1',
  ownerOrganisation: { id: ORGANISATION_ID, name: 'Harbour Shelter' },
  providerOrganisation: { id: '00000000-0000-4000-8000-0000000000aa', name: 'Skills Centre' },
  trade: 'Tailoring',
  place: 'Braga',
  startsOn: '2026-01-10',
  endsOn: '2099-03-10',
  seats: 12,
  seatsTaken: 4,
  waiting: 0,
  language: 'pt',
  version: 1,
  enrolments: [ENROLMENT],
};
const PATH = `/training-programmes/${PROGRAMME.id}`;
const ENROLMENT_PATH = `${PATH}/enrolments/${ENROLMENT.id}`;
const UPDATE = 'Update enrolment HV-7F3K-2Q9D';

function renderPage(options: { programme?: ProgrammeDetail; asProvider?: boolean } = {}) {
  const { programme = PROGRAMME, asProvider = false } = options;
  const api = fakeApi()
    .on('GET', PATH, { body: programme })
    .on('GET', '/organisations', { body: { items: [] } });
  const rendered = renderWithProviders(<ProgrammePage />, {
    role: asProvider ? 'partner' : 'supervisor',
    organisationKind: asProvider ? 'partner' : 'shelter',
    route: `/training/${programme.id}`,
    path: '/training/:programmeId',
  });
  return { api, rendered };
}

async function openUpdate(options: Parameters<typeof renderPage>[0] = {}) {
  const { api, rendered } = renderPage(options);
  const { user } = await rendered;
  await user.click(await screen.findByRole('button', { name: UPDATE }));
  return { api, user, dialog: screen.getByRole('dialog', { name: UPDATE }) };
}

const statusInput = () => screen.getByRole('combobox', { name: 'Status' });
const attended = () => screen.getByRole('textbox', { name: 'Sessions attended' });
const save = () => within(screen.getByRole('dialog')).getByRole('button', { name: 'Save' });

async function chooseStatus(user: Awaited<ReturnType<typeof openUpdate>>['user'], name: string) {
  await user.click(statusInput());
  await user.click(await screen.findByRole('option', { name }));
}

describe('ProgrammePage: the programme’s own organisation', () => {
  it('shows the programme and its enrolments, and edits the programme in a dialog closed with Escape', async () => {
    const { rendered } = renderPage();
    const { user } = await rendered;
    expect(await screen.findByRole('heading', { level: 1, name: 'Tailoring' })).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Enrolments by case reference' })).toHaveTextContent(
      /HV-7F3K-2Q9D.*Enrolled.*3 of 10/,
    );
    await user.click(screen.getByRole('button', { name: 'Edit programme' }));
    expect(screen.getByRole('dialog', { name: 'Edit programme' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /^Trade or course/ })).toHaveValue('Tailoring');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('offers only the next statuses and asks why someone left', async () => {
    const { api, user } = await openUpdate();
    await user.click(statusInput());
    expect((await screen.findAllByRole('option')).map((option) => option.textContent)).toEqual([
      'Enrolled',
      'Attending',
      'Completed',
      'Dropped out',
    ]);
    await user.click(screen.getByRole('option', { name: 'Dropped out' }));
    const reason = screen.getByRole('combobox', { name: /^Why they left/ });
    expect(reason).toBeRequired();
    await user.click(save());
    expect(reason).toHaveAccessibleDescription('Choose why they left');
    expect(reason).toHaveFocus();
    expect(api.sent('PATCH', ENROLMENT_PATH)).toHaveLength(0);
  });

  it('sends only what changed, with the version, Save disabled while it is on its way', async () => {
    const held = heldReply({ body: { ...ENROLMENT, status: 'droppedOut', version: 6 } });
    const { api, user } = await openUpdate();
    api.on('PATCH', ENROLMENT_PATH, held.answer);
    await chooseStatus(user, 'Dropped out');
    await user.click(screen.getByRole('combobox', { name: /^Why they left/ }));
    await user.click(await screen.findByRole('option', { name: 'Found work' }));
    await user.click(save());
    await waitFor(() => expect(save()).toBeDisabled());
    held.release();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.sent('PATCH', ENROLMENT_PATH).map((request) => request.body)).toEqual([
      { version: 5, status: 'droppedOut', dropoutReason: 'foundWork' },
    ]);
  });

  it('dates a completion, saying before sending that it cannot precede the programme’s start', async () => {
    const { api, user } = await openUpdate();
    api.on('PATCH', ENROLMENT_PATH, { body: { ...ENROLMENT, status: 'completed', version: 6 } });
    expect(screen.queryByLabelText(/^Completed on/)).not.toBeInTheDocument();
    await chooseStatus(user, 'Completed');
    const completedOn = screen.getByLabelText(/^Completed on/);
    await user.type(completedOn, '2026-01-09');
    await user.click(save());
    expect(completedOn).toHaveAccessibleDescription(/Not before the programme starts/);
    expect(completedOn).toHaveFocus();
    expect(api.sent('PATCH', ENROLMENT_PATH)).toHaveLength(0);
    await user.clear(completedOn);
    await user.type(completedOn, '2026-02-20');
    await user.click(save());
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.sent('PATCH', ENROLMENT_PATH).map((request) => request.body)).toEqual([
      { version: 5, status: 'completed', completedOn: '2026-02-20' },
    ]);
  });

  it('shows the server refusing a completion date next to it', async () => {
    const { api, user } = await openUpdate();
    api.on(
      'PATCH',
      ENROLMENT_PATH,
      fieldProblem([{ field: 'completedOn', message: 'Not before the programme starts' }]),
    );
    await chooseStatus(user, 'Completed');
    await user.click(save());
    await waitFor(() =>
      expect(screen.getByLabelText(/^Completed on/)).toHaveAccessibleDescription(/Not before the programme starts/),
    );
  });

  it('refuses more sessions attended than held', async () => {
    const { api, user } = await openUpdate();
    await user.clear(screen.getByRole('textbox', { name: 'Sessions held in total' }));
    await user.type(screen.getByRole('textbox', { name: 'Sessions held in total' }), '8');
    await user.clear(attended());
    await user.type(attended(), '9');
    await user.click(save());
    expect(attended()).toHaveAccessibleDescription('Cannot exceed the total sessions');
    expect(attended()).toHaveFocus();
    expect(api.sent('PATCH', ENROLMENT_PATH)).toHaveLength(0);

    // Against the total already recorded only the API can tell; its answer lands on the same field.
    api.on(
      'PATCH',
      ENROLMENT_PATH,
      fieldProblem([{ field: 'sessionsAttended', message: 'Cannot exceed the total sessions' }]),
    );
    await user.clear(screen.getByRole('textbox', { name: 'Sessions held in total' }));
    await user.type(screen.getByRole('textbox', { name: 'Sessions held in total' }), '10');
    await user.clear(attended());
    await user.type(attended(), '11');
    await user.click(save());
    await waitFor(() => expect(attended()).toHaveAccessibleDescription('Cannot exceed the total sessions'));
    expect(api.sent('PATCH', ENROLMENT_PATH).map((request) => request.body)).toEqual([
      { version: 5, sessionsAttended: 11 },
    ]);
  });

  it('closes without sending when nothing changed', async () => {
    const { api, user } = await openUpdate();
    await user.click(save());
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.sent('PATCH', ENROLMENT_PATH)).toHaveLength(0);
  });

  it('shows the server refusing a field next to that field', async () => {
    const { api, user } = await openUpdate();
    api.on('PATCH', ENROLMENT_PATH, fieldProblem([{ field: 'sessionsTotal', message: 'Whole sessions' }]));
    await user.clear(screen.getByRole('textbox', { name: 'Sessions held in total' }));
    await user.type(screen.getByRole('textbox', { name: 'Sessions held in total' }), '12');
    await user.click(save());
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'Sessions held in total' })).toHaveAccessibleDescription(
        'Use whole sessions',
      ),
    );
  });

  it('after a conflict, Reload takes the enrolment’s new version and keeps the change', async () => {
    const { api, user } = await openUpdate();
    api.on('PATCH', ENROLMENT_PATH, problem(409, { currentVersion: 6 }));
    await user.clear(attended());
    await user.type(attended(), '4');
    await user.click(save());
    expect(await screen.findByText('Someone else changed this')).toBeInTheDocument();
    api.on('GET', PATH, { body: { ...PROGRAMME, enrolments: [{ ...ENROLMENT, version: 6 }] } });
    api.on('PATCH', ENROLMENT_PATH, { body: { ...ENROLMENT, sessionsAttended: 4, version: 7 } });
    await user.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(screen.queryByText('Someone else changed this')).not.toBeInTheDocument());
    expect(attended()).toHaveValue('4');
    await user.click(save());
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.sent('PATCH', ENROLMENT_PATH).map((request) => request.body)).toEqual([
      { version: 5, sessionsAttended: 4 },
      { version: 6, sessionsAttended: 4 },
    ]);
  });

  it('is closed with Cancel or Escape, sending nothing', async () => {
    const { api, user } = await openUpdate();
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: UPDATE }));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.sent('PATCH', ENROLMENT_PATH)).toHaveLength(0);
  });
});

describe('ProgrammePage: the provider partner', () => {
  const forProvider: ProgrammeDetail = {
    ...PROGRAMME,
    ownerOrganisation: OTHER,
    providerOrganisation: { id: ORGANISATION_ID, name: 'Harbour Shelter' },
    enrolments: [{ ...ENROLMENT, caseId: undefined }],
  };

  it('records attendance and completion only, and cannot edit the programme', async () => {
    const { user } = await openUpdate({ programme: forProvider, asProvider: true });
    expect(screen.queryByRole('button', { name: 'Edit programme' })).not.toBeInTheDocument();
    expect(screen.getByText(/As the provider you record attendance/)).toBeInTheDocument();
    await user.click(statusInput());
    expect((await screen.findAllByRole('option')).map((option) => option.textContent)).toEqual([
      'Enrolled',
      'Attending',
      'Completed',
    ]);
  });
});
