import type { Enrolment, ProgrammeSummary } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { fakeApi, fieldProblem, heldReply, problem } from '../../../testing/fake-api';
import { openCase } from '../../../testing/fixtures';
import { ORGANISATION_ID, renderWithProviders } from '../../../testing/render';
import { suggestedFollowUpDate } from './enrolment-records';
import { TrainingTab } from './training-tab';

const CASE = openCase();
const ENROLMENTS = `/cases/${CASE.id}/enrolments`;
const SKILLS = { id: '00000000-0000-4000-8000-0000000000aa', name: 'Skills Centre' };
const TAILORING: ProgrammeSummary = {
  id: '00000000-0000-4000-8000-0000000000b1',
  ownerOrganisation: { id: ORGANISATION_ID, name: 'Harbour Shelter' },
  providerOrganisation: SKILLS,
  trade: 'Tailoring',
  place: 'Braga',
  startsOn: '2099-01-10',
  endsOn: '2099-03-10',
  seats: 12,
  seatsTaken: 4,
  waiting: 0,
  language: 'pt',
  version: 1,
} as unknown as ProgrammeSummary;
const BAKING = { ...TAILORING, id: '00000000-0000-4000-8000-0000000000b2', trade: 'Baking', seatsTaken: 12 };
const ENDED = { ...TAILORING, id: '00000000-0000-4000-8000-0000000000b3', trade: 'Welding', endsOn: '2020-01-01' };
const ON_TAILORING: Enrolment = {
  id: '00000000-0000-4000-8000-0000000000e1',
  caseId: CASE.id,
  status: 'enrolled',
  waitingPosition: null,
  dropoutReason: null,
  sessionsAttended: 3,
  attendance: [],
  followUps: [],
  sessionsTotal: 10,
  certificateObtained: false,
  outcome: null,
  outcomeRecordedOn: null,
  waitlistedAt: null,
  enrolledAt: '2026-01-10T09:00:00.000Z',
  completedAt: null,
  version: 1,
  programme: {
    id: TAILORING.id,
    trade: 'Tailoring',
    place: 'Braga',
    startsOn: TAILORING.startsOn,
    endsOn: TAILORING.endsOn,
    providerOrganisation: SKILLS,
  },
} as unknown as Enrolment;

function api(enrolments: Enrolment[] = []) {
  return fakeApi()
    .on('GET', ENROLMENTS, { body: { items: enrolments } })
    .on('GET', '/training-programmes', { body: { items: [TAILORING, BAKING, ENDED] } });
}

const programmeInput = () => screen.getByRole('combobox', { name: /^Programme/ });
const enrolButton = () =>
  within(screen.getByRole('dialog', { name: 'Enrol in a programme' })).getByRole('button', { name: 'Enrol' });

async function openDialog() {
  const rendered = await renderWithProviders(<TrainingTab detail={CASE} />);
  await rendered.user.click(await screen.findByRole('button', { name: 'Enrol in a programme' }));
  await waitFor(() => expect(programmeInput()).toBeEnabled());
  return rendered;
}

async function choose(user: Awaited<ReturnType<typeof openDialog>>['user'], name: RegExp) {
  await user.click(programmeInput());
  await user.click(await screen.findByRole('option', { name }));
}

describe('TrainingTab: enrolling', () => {
  it('lists the enrolments and offers only programmes still running that she is not on', async () => {
    api([{ ...ON_TAILORING, programme: { ...ON_TAILORING.programme, id: 'elsewhere' } }]);
    const { user } = await openDialog();
    expect(screen.getByRole('table', { name: 'Training enrolments of this case' })).toHaveTextContent(
      /Tailoring.*Enrolled.*3 of 10/,
    );
    expect(programmeInput()).toBeRequired();
    expect(programmeInput()).toHaveAccessibleDescription(/waiting list/);
    await user.click(programmeInput());
    expect((await screen.findAllByRole('option')).map((option) => option.textContent)).toEqual([
      expect.stringMatching(/^Tailoring · Skills Centre · .* · 8 free$/),
      expect.stringMatching(/^Baking · Skills Centre · .* · full \(waiting list\)$/),
    ]);
  });

  it('does not offer a programme she is already on', async () => {
    api([ON_TAILORING]);
    const { user } = await openDialog();
    await user.click(programmeInput());
    expect((await screen.findAllByRole('option')).map((option) => option.textContent)).toEqual([
      expect.stringMatching(/^Baking/),
    ]);
  });

  it('says a programme must be chosen, moves to it, and sends nothing', async () => {
    const fake = api();
    const { user } = await openDialog();
    await user.click(enrolButton());
    expect(programmeInput()).toHaveAccessibleDescription(/^Choose a programme/);
    expect(programmeInput()).toHaveFocus();
    expect(fake.sent('POST', ENROLMENTS)).toHaveLength(0);
  });

  it('enrols, the button disabled while it is on its way, and closes', async () => {
    const held = heldReply({ status: 201, body: ON_TAILORING });
    const fake = api().on('POST', ENROLMENTS, held.answer);
    const { user } = await openDialog();
    await choose(user, /^Tailoring/);
    await user.click(enrolButton());
    await waitFor(() => expect(enrolButton()).toBeDisabled());
    held.release();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(fake.sent('POST', ENROLMENTS).map((request) => request.body)).toEqual([{ programmeId: TAILORING.id }]);
  });

  it('shows the server refusing the programme next to it', async () => {
    api().on('POST', ENROLMENTS, fieldProblem([{ field: 'programmeId', message: 'No such programme' }]));
    const { user } = await openDialog();
    await choose(user, /^Tailoring/);
    await user.click(enrolButton());
    await waitFor(() =>
      expect(programmeInput()).toHaveAccessibleDescription(/Choose a programme of the case's organisation/),
    );
  });

  it('says when she is already on the programme, or it has ended', async () => {
    const fake = api().on('POST', ENROLMENTS, problem(409, { detail: 'Already enrolled' }));
    const { user } = await openDialog();
    await choose(user, /^Tailoring/);
    await user.click(enrolButton());
    expect(await screen.findByText('The survivor is already on this programme.')).toBeInTheDocument();
    fake.on('POST', ENROLMENTS, problem(409, { detail: 'The programme has ended' }));
    await user.click(enrolButton());
    expect(await screen.findByText('This programme has ended.')).toBeInTheDocument();
  });

  it('is closed with Cancel or Escape, sending nothing', async () => {
    const fake = api();
    const { user } = await openDialog();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Enrol in a programme' }));
    // Focus starts in the searchable list of programmes, which opens on focus: Escape closes it, then the dialog.
    await user.keyboard('{Escape}{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(fake.sent('POST', ENROLMENTS)).toHaveLength(0);
  });

  it('offers no enrolment on a case the user cannot edit', async () => {
    api([ON_TAILORING]);
    await renderWithProviders(<TrainingTab detail={openCase({ status: 'Closed' })} />);
    expect(await screen.findByRole('table', { name: 'Training enrolments of this case' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Enrol in a programme' })).not.toBeInTheDocument();
  });
});

describe('TrainingTab: sessions and follow-ups', () => {
  const ATTENDANCE = `/training-programmes/${TAILORING.id}/enrolments/${ON_TAILORING.id}/attendance`;
  const FOLLOW_UPS = `/training-programmes/${TAILORING.id}/enrolments/${ON_TAILORING.id}/follow-ups`;
  const COMPLETED = {
    ...ON_TAILORING,
    status: 'completed',
    completedAt: '2026-01-20T12:00:00.000Z',
  } as unknown as Enrolment;
  const recordsOf = async () => within(await screen.findByTestId('enrolment-records'));
  const dialog = (name: string) => within(screen.getByRole('dialog', { name }));

  it('shows empty states, and no recording for a caseworker (the programme’s organisation’s supervisors or its provider record)', async () => {
    api([ON_TAILORING]);
    await renderWithProviders(<TrainingTab detail={CASE} />);
    const records = await recordsOf();
    expect(records.getByText('No session recorded yet')).toBeInTheDocument();
    expect(records.getByText('No follow-up yet')).toBeInTheDocument();
    expect(records.queryByRole('button', { name: 'Record attendance' })).not.toBeInTheDocument();
  });

  it('lists the dated sessions and follow-ups', async () => {
    api([
      {
        ...COMPLETED,
        attendance: [
          { date: '2026-01-12', status: 'present', recordedAt: '2026-01-12T10:00:00.000Z' },
          { date: '2026-01-13', status: 'excused', recordedAt: '2026-01-13T10:00:00.000Z' },
        ],
        followUps: [
          {
            id: '00000000-0000-4000-8000-0000000000f1',
            followedUpOn: '2026-07-20',
            outcome: 'employed',
            note: 'Sews at a workshop',
            recordedAt: '2026-07-20T10:00:00.000Z',
          },
        ],
      } as Enrolment,
    ]);
    await renderWithProviders(<TrainingTab detail={CASE} />);
    const records = await recordsOf();
    const sessions = records.getByRole('list', { name: 'Sessions' });
    expect(
      within(sessions)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([expect.stringMatching(/Present$/), expect.stringMatching(/Excused$/)]);
    expect(records.getByRole('list', { name: 'Follow-ups after training' })).toHaveTextContent(
      /Employed.*Sews at a workshop/,
    );
  });

  it('records a session: says what is missing, sends nothing, then sends the date and status', async () => {
    const fake = api([ON_TAILORING]).on('PUT', ATTENDANCE, { body: ON_TAILORING });
    const { user } = await renderWithProviders(<TrainingTab detail={CASE} />, { role: 'supervisor' });
    await user.click((await recordsOf()).getByRole('button', { name: 'Record attendance' }));
    const form = dialog('Record attendance');
    await user.click(form.getByRole('button', { name: 'Save attendance' }));
    expect(form.getByRole('combobox', { name: /^Attendance/ })).toHaveAccessibleDescription(
      /Choose present, absent or excused/,
    );
    expect(fake.sent('PUT', ATTENDANCE)).toHaveLength(0);
    const date = form.getByLabelText(/^Session date/);
    await user.clear(date);
    await user.type(date, '2099-01-01');
    await user.click(form.getByRole('combobox', { name: /^Attendance/ }));
    await user.click(await screen.findByRole('option', { name: 'Absent' }));
    await user.click(form.getByRole('button', { name: 'Save attendance' }));
    expect(date).toHaveAccessibleDescription(/Cannot be in the future/);
    expect(fake.sent('PUT', ATTENDANCE)).toHaveLength(0);
    await user.clear(date);
    await user.type(date, '2026-01-12');
    await user.click(form.getByRole('button', { name: 'Save attendance' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(fake.sent('PUT', ATTENDANCE).map((request) => request.body)).toEqual([
      { date: '2026-01-12', status: 'absent' },
    ]);
  });

  it('shows the server refusing a session date next to it', async () => {
    api([ON_TAILORING]).on(
      'PUT',
      ATTENDANCE,
      fieldProblem([{ field: 'date', message: 'Not before the programme starts' }]),
    );
    const { user } = await renderWithProviders(<TrainingTab detail={CASE} />, { role: 'supervisor' });
    await user.click((await recordsOf()).getByRole('button', { name: 'Record attendance' }));
    const form = dialog('Record attendance');
    await user.click(form.getByRole('combobox', { name: /^Attendance/ }));
    await user.click(await screen.findByRole('option', { name: 'Present' }));
    await user.click(form.getByRole('button', { name: 'Save attendance' }));
    await waitFor(() =>
      expect(form.getByLabelText(/^Session date/)).toHaveAccessibleDescription(/Not before the programme starts/),
    );
  });

  it('adds a follow-up once the training has ended, suggesting six months after completion', async () => {
    const fake = api([COMPLETED]).on('POST', FOLLOW_UPS, { status: 201, body: COMPLETED });
    const { user } = await renderWithProviders(<TrainingTab detail={CASE} />, { role: 'supervisor' });
    await user.click((await recordsOf()).getByRole('button', { name: 'Add follow-up' }));
    const form = dialog('Add follow-up');
    expect(form.getByLabelText(/^Follow-up date/)).toHaveValue(suggestedFollowUpDate(COMPLETED.completedAt));
    await user.click(form.getByRole('button', { name: 'Save follow-up' }));
    expect(form.getByRole('combobox', { name: /^Situation after training/ })).toHaveAccessibleDescription(
      /Choose the outcome/,
    );
    expect(fake.sent('POST', FOLLOW_UPS)).toHaveLength(0);
    await user.click(form.getByRole('combobox', { name: /^Situation after training/ }));
    await user.click(await screen.findByRole('option', { name: 'Self-employed' }));
    await user.type(form.getByRole('textbox', { name: /^Note/ }), 'Runs a stall');
    await user.click(form.getByRole('button', { name: 'Save follow-up' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(fake.sent('POST', FOLLOW_UPS).map((request) => request.body)).toEqual([
      { followedUpOn: suggestedFollowUpDate(COMPLETED.completedAt), outcome: 'selfEmployed', note: 'Runs a stall' },
    ]);
  });

  it('offers no follow-up while the training runs', async () => {
    api([ON_TAILORING]);
    await renderWithProviders(<TrainingTab detail={CASE} />, { role: 'supervisor' });
    expect((await recordsOf()).queryByRole('button', { name: 'Add follow-up' })).not.toBeInTheDocument();
  });

  it('suggests six months after completion, never a day still ahead', () => {
    expect(suggestedFollowUpDate('2026-01-20T12:00:00.000Z', '2026-12-01')).toBe('2026-07-20');
    expect(suggestedFollowUpDate('2026-10-20T12:00:00.000Z', '2026-12-01')).toBe('2026-12-01');
    expect(suggestedFollowUpDate(null, '2026-12-01')).toBe('2026-12-01');
  });
});
