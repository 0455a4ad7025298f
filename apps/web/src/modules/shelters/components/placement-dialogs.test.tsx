import type { Placement, RoomList, ShelterSummary } from '@haven/contracts';
import { describe, expect, it, jest } from '@jest/globals';
import type { Role } from '@haven/contracts';
import { screen, waitFor } from '@testing-library/react';
import { FormDialog } from '../../../app/forms/form-dialog';
import { todayIso } from '../../../app/forms/schema-validation';
import { fakeApi, fieldProblem, heldReply, problem } from '../../../testing/fake-api';
import { openCase } from '../../../testing/fixtures';
import { renderWithProviders, USER_ID } from '../../../testing/render';
import { DischargeForm, PlacementForm } from './placement-dialogs';

const CASE = openCase();
const PLACEMENTS = `/cases/${CASE.id}/placements`;
const HARBOUR: ShelterSummary = {
  id: '00000000-0000-4000-8000-0000000000b1',
  name: 'Harbour House',
  kind: 'women',
  area: 'Riverside',
  capacity: 10,
  occupied: 4,
  active: true,
  version: 3,
};
const HILLTOP: ShelterSummary = {
  ...HARBOUR,
  id: '00000000-0000-4000-8000-0000000000b2',
  name: 'Hilltop',
  occupied: 10,
};
const CLOSED: ShelterSummary = {
  ...HARBOUR,
  id: '00000000-0000-4000-8000-0000000000b3',
  name: 'Old Mill',
  active: false,
};
const CURRENT: Placement = {
  id: '00000000-0000-4000-8000-0000000000c1',
  shelter: { id: HARBOUR.id, name: HARBOUR.name, kind: HARBOUR.kind, area: HARBOUR.area },
  bed: { id: '00000000-0000-4000-8000-0000000000d1', label: '1', room: 'Blue room' },
  fromDate: '2026-01-05',
  toDate: null,
  plannedDischargeOn: null,
  exitReason: null,
  current: true,
  lengthOfStayDays: 30,
  kindOverride: null,
  placedBy: { id: USER_ID, displayName: 'Ada Caseworker' },
  createdAt: '2026-01-05T10:00:00.000Z',
  version: 4,
};

const BED_FREE = '00000000-0000-4000-8000-0000000000d1';
const BED_TAKEN = '00000000-0000-4000-8000-0000000000d2';
const BED_ACCESSIBLE = '00000000-0000-4000-8000-0000000000d3';
const ROOMS: RoomList = {
  items: [
    {
      id: '00000000-0000-4000-8000-0000000000e1',
      name: 'Blue room',
      sex: 'female',
      ageGroup: 'adult',
      beds: [
        { id: BED_FREE, label: '1', accessible: false, active: true, occupied: false },
        { id: BED_TAKEN, label: '2', accessible: false, active: true, occupied: true },
      ],
    },
    {
      id: '00000000-0000-4000-8000-0000000000e2',
      name: 'Garden room',
      sex: 'any',
      ageGroup: 'any',
      beds: [
        { id: BED_ACCESSIBLE, label: 'G1', accessible: true, active: true, occupied: false },
        { id: '00000000-0000-4000-8000-0000000000d4', label: 'G2', accessible: false, active: false, occupied: false },
      ],
    },
  ],
};

const shelterInput = () => screen.getByRole('combobox', { name: /^Shelter/ });
const bedInput = () => screen.getByRole('combobox', { name: /^Bed/ });
const shelters = (items: ShelterSummary[] = [HARBOUR, HILLTOP, CLOSED]) =>
  fakeApi()
    .on('GET', '/shelters', { body: { items } })
    .on('GET', `/shelters/${HARBOUR.id}/rooms`, { body: ROOMS })
    .on('GET', '/shelters/00000000-0000-4000-8000-0000000000b4/rooms', { body: ROOMS });

function renderPlacement(options: { current?: Placement; role?: Role; onDone?: () => void } = {}) {
  const { current, role = 'caseworker', onDone = jest.fn() } = options;
  return renderWithProviders(
    <FormDialog opened onClose={onDone} title={current ? 'Move to another shelter' : 'Place in shelter'}>
      <PlacementForm detail={CASE} current={current} onDone={onDone} />
    </FormDialog>,
    { role },
  );
}

async function chooseShelter(
  user: Awaited<ReturnType<typeof renderPlacement>>['user'],
  name: RegExp,
  bed: RegExp | null = /^Bed 1$/,
) {
  await waitFor(() => expect(shelterInput()).toBeEnabled());
  await user.click(shelterInput());
  await user.click(await screen.findByRole('option', { name }));
  if (bed) await chooseBed(user, bed);
}

async function chooseBed(user: Awaited<ReturnType<typeof renderPlacement>>['user'], name: RegExp) {
  await waitFor(() => expect(bedInput()).toBeEnabled());
  await user.click(bedInput());
  await user.click(await screen.findByRole('option', { name }));
}

describe('PlacementForm: placing the survivor', () => {
  it('offers the shelters of every page of the list, following the API’s cursors', async () => {
    const api = fakeApi()
      .on('GET', '/shelters', (request) =>
        request.query.get('cursor')
          ? { body: { items: [HILLTOP], nextCursor: null, previousCursor: 'before-hilltop' } }
          : { body: { items: [HARBOUR], nextCursor: 'after-harbour', previousCursor: null } },
      )
      .on('GET', `/shelters/${HARBOUR.id}/rooms`, { body: ROOMS });
    const { user } = await renderPlacement();
    await waitFor(() => expect(shelterInput()).toBeEnabled());
    await user.click(shelterInput());
    const options = await screen.findAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual([
      'Harbour House · Riverside · Women · 6 free',
      'Hilltop · Riverside · full',
    ]);
    expect(api.sent('GET', '/shelters').map((request) => request.query.get('cursor'))).toEqual([null, 'after-harbour']);
  });

  it('names its fields and offers the open shelters, a full one not to be chosen', async () => {
    shelters();
    const { user } = await renderPlacement();
    expect(shelterInput()).toBeRequired();
    expect(screen.getByLabelText(/^Arrival date/)).toBeRequired();
    expect(screen.getByLabelText(/^Arrival date/)).toHaveValue(todayIso());
    expect(screen.getByLabelText(/^Planned discharge date/)).not.toBeRequired();
    expect(screen.queryByRole('textbox', { name: /^Reason for the override/ })).not.toBeInTheDocument();
    await waitFor(() => expect(shelterInput()).toBeEnabled());
    await user.click(shelterInput());
    const options = await screen.findAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual([
      'Harbour House · Riverside · Women · 6 free',
      'Hilltop · Riverside · full',
    ]);
    expect(options[1]).toHaveAttribute('data-combobox-disabled', 'true');
  });

  it('says what is missing, moves to it, and sends nothing', async () => {
    const api = shelters();
    const { user } = await renderPlacement();
    await user.clear(screen.getByLabelText(/^Arrival date/));
    await user.click(screen.getByRole('button', { name: 'Place in shelter' }));
    expect(shelterInput()).toHaveAccessibleDescription('Choose a shelter');
    expect(shelterInput()).toHaveFocus();
    expect(screen.getByLabelText(/^Arrival date/)).toHaveAccessibleDescription(/./);
    expect(api.sent('POST', PLACEMENTS)).toHaveLength(0);
  });

  it('refuses a planned discharge before the arrival', async () => {
    const api = shelters();
    const { user } = await renderPlacement();
    await chooseShelter(user, /^Harbour House/);
    await user.clear(screen.getByLabelText(/^Arrival date/));
    await user.type(screen.getByLabelText(/^Arrival date/), '2026-01-10');
    await user.type(screen.getByLabelText(/^Planned discharge date/), '2026-01-09');
    await user.click(screen.getByRole('button', { name: 'Place in shelter' }));
    expect(screen.getByLabelText(/^Planned discharge date/)).toHaveAccessibleDescription(
      /Cannot be before the arrival/,
    );
    expect(api.sent('POST', PLACEMENTS)).toHaveLength(0);
  });

  it('sends the placement, Save disabled while it is on its way, and closes', async () => {
    const held = heldReply({ status: 201, body: CURRENT });
    const api = shelters().on('POST', PLACEMENTS, held.answer);
    const onDone = jest.fn();
    const { user } = await renderPlacement({ onDone });
    await chooseShelter(user, /^Harbour House/);
    await user.type(screen.getByLabelText(/^Planned discharge date/), '2099-06-01');
    await user.click(screen.getByRole('button', { name: 'Place in shelter' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Place in shelter' })).toBeDisabled());
    expect(onDone).not.toHaveBeenCalled();
    held.release();
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(api.sent('POST', PLACEMENTS).map((request) => request.body)).toEqual([
      {
        shelterId: HARBOUR.id,
        bedId: BED_FREE,
        needsAccessibleBed: false,
        fromDate: todayIso(),
        plannedDischargeOn: '2099-06-01',
      },
    ]);
  });

  it('shows the server refusing a field next to that field', async () => {
    shelters().on('POST', PLACEMENTS, fieldProblem([{ field: 'fromDate', message: 'Cannot be in the future' }]));
    const { user } = await renderPlacement();
    await chooseShelter(user, /^Harbour House/);
    await user.click(screen.getByRole('button', { name: 'Place in shelter' }));
    await waitFor(() =>
      expect(screen.getByLabelText(/^Arrival date/)).toHaveAccessibleDescription('Cannot be in the future'),
    );
    expect(screen.getByLabelText(/^Arrival date/)).toHaveFocus();
  });

  it('says a shelter filled up meanwhile is full', async () => {
    shelters().on('POST', PLACEMENTS, problem(409, { detail: 'The shelter is full' }));
    const { user } = await renderPlacement();
    await chooseShelter(user, /^Harbour House/);
    await user.click(screen.getByRole('button', { name: 'Place in shelter' }));
    expect(await screen.findByText('This shelter is full. Choose another shelter.')).toBeInTheDocument();
  });

  it('asks a supervisor for the reason when the kind does not fit, and sends it', async () => {
    const api = shelters().on('POST', PLACEMENTS, (request) =>
      (request.body as { overrideReason?: string }).overrideReason
        ? { status: 201, body: CURRENT }
        : fieldProblem([{ field: 'overrideReason', message: 'Give the reason for the override' }]),
    );
    const onDone = jest.fn();
    const { user } = await renderPlacement({ role: 'supervisor', onDone });
    await chooseShelter(user, /^Harbour House/);
    await user.click(screen.getByRole('button', { name: 'Place in shelter' }));
    const reason = await screen.findByRole('textbox', { name: /^Reason for the override/ });
    await waitFor(() => expect(reason).toHaveFocus());
    await user.click(screen.getByRole('button', { name: 'Place in shelter' }));
    expect(reason).toHaveAccessibleDescription('Give the reason for the override');
    expect(api.sent('POST', PLACEMENTS)).toHaveLength(1);
    await user.type(reason, 'The only free bed tonight');
    await user.click(screen.getByRole('button', { name: 'Place in shelter' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(api.sent('POST', PLACEMENTS).map((request) => request.body)).toEqual([
      { shelterId: HARBOUR.id, bedId: BED_FREE, needsAccessibleBed: false, fromDate: todayIso() },
      {
        shelterId: HARBOUR.id,
        bedId: BED_FREE,
        needsAccessibleBed: false,
        fromDate: todayIso(),
        overrideReason: 'The only free bed tonight',
      },
    ]);
  });

  it('tells a caseworker that only a supervisor can place in a shelter that does not fit', async () => {
    shelters().on(
      'POST',
      PLACEMENTS,
      fieldProblem([{ field: 'overrideReason', message: 'Needs a supervisor’s override' }]),
    );
    const { user } = await renderPlacement();
    await chooseShelter(user, /^Harbour House/);
    await user.click(screen.getByRole('button', { name: 'Place in shelter' }));
    expect(await screen.findByText(/only a supervisor can place them here/)).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: /^Reason for the override/ })).not.toBeInTheDocument();
  });

  it('offers the chosen shelter’s beds room by room, a taken bed not to be chosen, and asks for one', async () => {
    const api = shelters();
    const { user } = await renderPlacement();
    await chooseShelter(user, /^Harbour House/, null);
    expect(bedInput()).toBeRequired();
    await user.click(screen.getByRole('button', { name: 'Place in shelter' }));
    expect(bedInput()).toHaveAccessibleDescription(/Choose a bed/);
    expect(api.sent('POST', PLACEMENTS)).toHaveLength(0);
    await user.click(bedInput());
    const options = await screen.findAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual(['Bed 1', 'Bed 2 · taken', 'Bed G1 · accessible']);
    expect(options[1]).toHaveAttribute('data-combobox-disabled', 'true');
    expect(screen.getByText('Blue room (women)')).toBeInTheDocument();
    expect(screen.getByText('Garden room (anyone)')).toBeInTheDocument();
  });

  it('sends that an accessible bed is needed, and shows why the server says a bed does not fit', async () => {
    const api = shelters().on(
      'POST',
      PLACEMENTS,
      problem(422, {
        detail: 'Bed 1 in Blue room is not accessible, and the survivor needs an accessible bed.',
        errors: [{ field: 'bedId', message: 'This bed does not fit the survivor' }],
      }),
    );
    const { user } = await renderPlacement();
    await chooseShelter(user, /^Harbour House/);
    await user.click(screen.getByRole('checkbox', { name: 'Needs an accessible bed' }));
    await user.click(screen.getByRole('button', { name: 'Place in shelter' }));
    await waitFor(() => expect(bedInput()).toHaveAccessibleDescription(/is not accessible/));
    expect(api.sent('POST', PLACEMENTS)[0]!.body).toMatchObject({ bedId: BED_FREE, needsAccessibleBed: true });
    expect(screen.queryByRole('textbox', { name: /^Reason for the override/ })).not.toBeInTheDocument();
  });

  it('says a bed taken meanwhile was taken, and asks for another', async () => {
    shelters().on('POST', PLACEMENTS, problem(409, { detail: 'Bed 1 in Blue room is taken.', bedId: BED_FREE }));
    const { user } = await renderPlacement();
    await chooseShelter(user, /^Harbour House/);
    await user.click(screen.getByRole('button', { name: 'Place in shelter' }));
    expect(await screen.findByText('Someone has just taken this bed. Choose another free bed.')).toBeInTheDocument();
    expect(bedInput()).toHaveValue('');
  });

  it('tells a caseworker with no shelter to choose who adds one, and gives a supervisor the link to the form', async () => {
    shelters([CLOSED]);
    await renderPlacement();
    expect(await screen.findByText(/A supervisor adds shelters on the Shelters page/)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Add a shelter' })).not.toBeInTheDocument();
  });

  it('gives a supervisor with no shelter to choose the link to the shelter form', async () => {
    shelters([]);
    await renderPlacement({ role: 'supervisor' });
    expect(await screen.findByRole('link', { name: 'Add a shelter' })).toHaveAttribute('href', '/shelters?new=1');
  });

  it('is left with Cancel or Escape, sending nothing', async () => {
    const api = shelters();
    const onDone = jest.fn();
    const { user } = await renderPlacement({ onDone });
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onDone).toHaveBeenCalledTimes(1);
    await user.keyboard('{Escape}');
    expect(onDone).toHaveBeenCalledTimes(2);
    expect(api.sent('POST', PLACEMENTS)).toHaveLength(0);
  });
});

describe('PlacementForm: moving the survivor', () => {
  it('offers every other shelter and sends the move with the placement’s version', async () => {
    const api = shelters().on('POST', `${PLACEMENTS}/move`, { body: { ...CURRENT, version: 5 } });
    const other = { ...HARBOUR, id: '00000000-0000-4000-8000-0000000000b4', name: 'Lakeside' };
    api.on('GET', '/shelters', { body: { items: [HARBOUR, other] } });
    const onDone = jest.fn();
    const { user } = await renderPlacement({ current: CURRENT, onDone });
    expect(screen.getByLabelText(/^Date of the move/)).toBeRequired();
    await waitFor(() => expect(shelterInput()).toBeEnabled());
    await user.click(shelterInput());
    expect((await screen.findAllByRole('option')).map((option) => option.textContent)).toEqual([
      'Lakeside · Riverside · Women · 6 free',
    ]);
    await user.click(screen.getByRole('option', { name: /^Lakeside/ }));
    await chooseBed(user, /^Bed G1/);
    await user.click(screen.getByRole('button', { name: 'Move to another shelter' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(api.sent('POST', `${PLACEMENTS}/move`).map((request) => request.body)).toEqual([
      { version: 4, shelterId: other.id, bedId: BED_ACCESSIBLE, needsAccessibleBed: false, fromDate: todayIso() },
    ]);
  });
});

function renderDischarge(planned: boolean, onDone = jest.fn()) {
  return renderWithProviders(
    <FormDialog opened onClose={onDone} title={planned ? 'Plan discharge' : 'Discharge'}>
      <DischargeForm caseId={CASE.id} current={CURRENT} planned={planned} onDone={onDone} />
    </FormDialog>,
  );
}

const DISCHARGE = `${PLACEMENTS}/discharge`;

describe('DischargeForm: ending the placement', () => {
  it('names its fields and asks why the placement ends before anything else', async () => {
    const api = fakeApi();
    const { user } = await renderDischarge(false);
    expect(screen.getByLabelText(/^Date of departure/)).toHaveValue(todayIso());
    expect(screen.getByLabelText(/^Date of departure/)).toBeRequired();
    const reason = screen.getByRole('combobox', { name: /^Why the placement ends/ });
    expect(reason).toBeRequired();
    await user.click(screen.getByRole('button', { name: 'Discharge' }));
    expect(reason).toHaveAccessibleDescription('Choose why the placement ends');
    expect(reason).toHaveFocus();
    expect(screen.queryByText('End this placement?')).not.toBeInTheDocument();
    expect(api.sent('POST', DISCHARGE)).toHaveLength(0);
  });

  it('asks first, saying what happens, and discharges only when confirmed', async () => {
    const held = heldReply({ body: { ...CURRENT, current: false, toDate: todayIso() } });
    const api = fakeApi().on('POST', DISCHARGE, held.answer);
    const onDone = jest.fn();
    const { user } = await renderDischarge(false, onDone);
    await user.click(screen.getByRole('combobox', { name: /^Why the placement ends/ }));
    await user.click(await screen.findByRole('option', { name: 'Reintegrated' }));
    await user.click(screen.getByRole('button', { name: 'Discharge' }));
    expect(screen.getByText('End this placement?')).toBeInTheDocument();
    expect(screen.getByText(/leaves Harbour House on .*\(Reintegrated\).*cannot be undone/)).toBeInTheDocument();
    expect(api.sent('POST', DISCHARGE)).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.getByRole('combobox', { name: /^Why the placement ends/ })).toHaveValue('Reintegrated');
    await user.click(screen.getByRole('button', { name: 'Discharge' }));
    await user.click(screen.getByRole('button', { name: 'Yes, discharge' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Yes, discharge' })).toBeDisabled());
    held.release();
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(api.sent('POST', DISCHARGE).map((request) => request.body)).toEqual([
      { version: 4, toDate: todayIso(), exitReason: 'reintegrated', plannedDischarge: false },
    ]);
  });

  it('refuses a departure in the future and a refused date comes back to its field', async () => {
    const api = fakeApi().on(
      'POST',
      DISCHARGE,
      fieldProblem([{ field: 'toDate', message: 'Cannot be before the arrival' }]),
    );
    const { user } = await renderDischarge(false);
    const date = screen.getByLabelText(/^Date of departure/);
    await user.clear(date);
    await user.type(date, '2999-01-01');
    await user.click(screen.getByRole('combobox', { name: /^Why the placement ends/ }));
    await user.click(await screen.findByRole('option', { name: 'Left voluntarily' }));
    await user.click(screen.getByRole('button', { name: 'Discharge' }));
    expect(date).toHaveAccessibleDescription(/Cannot be in the future/);
    expect(api.sent('POST', DISCHARGE)).toHaveLength(0);

    await user.clear(date);
    await user.type(date, '2026-01-06');
    await user.click(screen.getByRole('button', { name: 'Discharge' }));
    await user.click(screen.getByRole('button', { name: 'Yes, discharge' }));
    await waitFor(() =>
      expect(screen.getByLabelText(/^Date of departure/)).toHaveAccessibleDescription('Cannot be before the arrival'),
    );
  });

  it('says someone else changed the placement, with Reload', async () => {
    fakeApi().on('POST', DISCHARGE, problem(409, { currentVersion: 5 }));
    const { user } = await renderDischarge(false);
    await user.click(screen.getByRole('combobox', { name: /^Why the placement ends/ }));
    await user.click(await screen.findByRole('option', { name: 'Reintegrated' }));
    await user.click(screen.getByRole('button', { name: 'Discharge' }));
    await user.click(screen.getByRole('button', { name: 'Yes, discharge' }));
    expect(await screen.findByText('Someone else changed this')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reload' })).toBeInTheDocument();
  });

  it('is left with Cancel or Escape, sending nothing', async () => {
    const api = fakeApi();
    const onDone = jest.fn();
    const { user } = await renderDischarge(false, onDone);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.keyboard('{Escape}');
    expect(onDone).toHaveBeenCalledTimes(2);
    expect(api.requests).toHaveLength(0);
  });
});

describe('DischargeForm: planning the discharge', () => {
  it('records only the planned date, without asking', async () => {
    const api = fakeApi().on('POST', DISCHARGE, { body: { ...CURRENT, plannedDischargeOn: '2099-02-01' } });
    const onDone = jest.fn();
    const { user } = await renderDischarge(true, onDone);
    expect(screen.queryByRole('combobox', { name: /^Why the placement ends/ })).not.toBeInTheDocument();
    const date = screen.getByLabelText(/^Planned date/);
    expect(date).toHaveValue('');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(date).toHaveAccessibleDescription(/./);
    expect(api.sent('POST', DISCHARGE)).toHaveLength(0);
    await user.type(date, '2099-02-01');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(api.sent('POST', DISCHARGE).map((request) => request.body)).toEqual([
      { version: 4, toDate: '2099-02-01', plannedDischarge: true },
    ]);
  });
});
