import type { Enrolment, ProgrammeSummary } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { fakeApi, fieldProblem, heldReply, problem } from '../../../testing/fake-api';
import { openCase } from '../../../testing/fixtures';
import { ORGANISATION_ID, renderWithProviders } from '../../../testing/render';
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
