import type { Transfer } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { fakeApi, fieldProblem, heldReply, problem } from '../../../testing/fake-api';
import { openCase } from '../../../testing/fixtures';
import { ORGANISATION_ID, renderWithProviders } from '../../../testing/render';
import { TransfersSection } from './transfers-section';

const CASE = openCase();
const TRANSFERS = `/cases/${CASE.id}/transfers`;
const OFFICE = {
  id: '00000000-0000-4000-8000-0000000000a7',
  name: 'Return Office Lagos',
  kind: 'reintegration',
  country: 'NG',
  services: ['reintegration'],
  acceptingReferrals: true,
  languages: ['en'],
};
const OWN = { ...OFFICE, id: ORGANISATION_ID, name: 'Harbour Shelter', country: null };
const PROPOSED: Transfer = {
  id: '00000000-0000-4000-8000-0000000000f7',
  from: { id: ORGANISATION_ID, name: 'Harbour Shelter' },
  to: { id: OFFICE.id, name: OFFICE.name },
  forReturn: true,
  suspension: null,
  status: 'proposed',
  proposedAt: '2026-02-01T09:00:00.000Z',
  decidedAt: null,
  caseId: CASE.id,
  receivedCaseId: null,
  version: 2,
} as unknown as Transfer;
const CANCEL = `${TRANSFERS}/${PROPOSED.id}/cancel`;

const organisationInput = () => screen.getByRole('combobox', { name: /^Receiving organisation/ });

const CONSENTS = `/cases/${CASE.id}/consents`;
const TRANSFER_CONSENT = {
  id: '00000000-0000-4000-8000-0000000000c7',
  purpose: 'transfer',
  recipientOrganisation: { id: OFFICE.id, name: OFFICE.name },
  givenOn: '2026-01-10',
  method: 'written',
  interpreterUsed: false,
  withdrawnOn: null,
};
// A referral consent to the same office does not cover handing the case over.
const REFERRAL_CONSENT = { ...TRANSFER_CONSENT, id: '00000000-0000-4000-8000-0000000000c8', purpose: 'referral' };

function api(items: Transfer[] = [], consents: unknown[] = [TRANSFER_CONSENT]) {
  return fakeApi()
    .on('GET', TRANSFERS, { body: { items } })
    .on('GET', CONSENTS, { body: { items: consents } })
    .on('GET', '/organisations', { body: { items: [OWN, OFFICE] } });
}

async function openProposal() {
  const rendered = await renderWithProviders(<TransfersSection detail={CASE} />, { role: 'supervisor' });
  await rendered.user.click(await screen.findByRole('button', { name: 'Propose transfer' }));
  return rendered;
}

async function chooseOffice(user: Awaited<ReturnType<typeof openProposal>>['user']) {
  await user.click(organisationInput());
  await user.click(await screen.findByRole('option', { name: /Return Office Lagos/ }));
}

const submit = () =>
  within(screen.getByRole('dialog', { name: 'Propose transfer' })).getByRole('button', { name: 'Propose transfer' });

describe('TransfersSection: proposing a transfer', () => {
  it('is for supervisors: a caseworker sees the transfers and no way to propose one', async () => {
    api([PROPOSED]);
    await renderWithProviders(<TransfersSection detail={CASE} />);
    expect(await screen.findByRole('table', { name: 'Transfers of this case' })).toHaveTextContent(
      /Return Office Lagos.*Return to the country of origin/,
    );
    expect(screen.queryByRole('button', { name: 'Propose transfer' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Cancel the transfer/ })).not.toBeInTheDocument();
  });

  it('offers other organisations only, and says what is missing', async () => {
    const fake = api();
    const { user } = await openProposal();
    expect(organisationInput()).toBeRequired();
    await user.click(organisationInput());
    expect((await screen.findAllByRole('option')).map((option) => option.textContent)).toEqual([
      expect.stringMatching(/Return Office Lagos.*\(Nigeria\)/),
    ]);
    await user.keyboard('{Escape}');
    await user.click(submit());
    expect(organisationInput()).toHaveAccessibleDescription(/Choose an option/);
    expect(organisationInput()).toHaveFocus();
    expect(fake.sent('POST', TRANSFERS)).toHaveLength(0);
  });

  it('proposes the transfer, the button disabled while it is on its way, and closes', async () => {
    const held = heldReply({ status: 201, body: PROPOSED });
    const fake = api().on('POST', TRANSFERS, held.answer);
    const { user } = await openProposal();
    await chooseOffice(user);
    await user.click(screen.getByRole('checkbox', { name: /^This transfer is for a return/ }));
    await user.type(screen.getByRole('textbox', { name: /^Reason/ }), 'She asked to go home.');
    await user.click(submit());
    await waitFor(() => expect(submit()).toBeDisabled());
    held.release();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(fake.sent('POST', TRANSFERS).map((request) => request.body)).toEqual([
      { toOrganisationId: OFFICE.id, forReturn: true, reason: 'She asked to go home.' },
    ]);
  });

  it('shows the server refusing a field next to that field', async () => {
    api().on('POST', TRANSFERS, fieldProblem([{ field: 'reason', message: 'At most 2000 characters' }]));
    const { user } = await openProposal();
    await chooseOffice(user);
    await user.type(screen.getByRole('textbox', { name: /^Reason/ }), 'She asked to go home.');
    await user.click(submit());
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: /^Reason/ })).toHaveAccessibleDescription(/At most 2000 characters/),
    );
  });

  it('says whether her transfer consent covers the office chosen', async () => {
    api();
    const { user } = await openProposal();
    await chooseOffice(user);
    expect(
      await screen.findByText(
        /Consent recorded: the survivor agreed on .* that her case be handed to Return Office Lagos/,
      ),
    ).toBeInTheDocument();
  });

  it('records her missing transfer consent inside the dialog, keeping what was chosen, then proposes', async () => {
    const fake = api([], [REFERRAL_CONSENT]);
    fake.on('POST', CONSENTS, () => {
      fake.on('GET', CONSENTS, { body: { items: [REFERRAL_CONSENT, TRANSFER_CONSENT] } });
      return { status: 201, body: TRANSFER_CONSENT };
    });
    fake.on('POST', TRANSFERS, { status: 201, body: PROPOSED });
    const { user } = await openProposal();
    await chooseOffice(user);
    await user.click(screen.getByRole('checkbox', { name: /^This transfer is for a return/ }));
    expect(await screen.findByText(/No transfer consent is recorded for Return Office Lagos/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Record her consent here' }));
    const consent = screen.getByRole('group', { name: 'Her consent that her case be handed to Return Office Lagos' });
    await user.click(within(consent).getByRole('radio', { name: 'Verbal' }));
    await user.click(within(consent).getByRole('button', { name: 'Save consent' }));
    expect(
      await screen.findByText(
        /Consent recorded: the survivor agreed on .* that her case be handed to Return Office Lagos/,
      ),
    ).toBeInTheDocument();
    expect(fake.sent('POST', CONSENTS)[0].body).toMatchObject({
      purpose: 'transfer',
      recipientOrganisationId: OFFICE.id,
      method: 'verbal',
    });
    expect(screen.getByRole('checkbox', { name: /^This transfer is for a return/ })).toBeChecked();
    await user.click(submit());
    await waitFor(() => expect(fake.sent('POST', TRANSFERS)).toHaveLength(1));
    expect(fake.sent('POST', TRANSFERS)[0].body).toEqual({ toOrganisationId: OFFICE.id, forReturn: true });
  });

  it('without consent, offers to propose anyway with a reason, which it then requires', async () => {
    const fake = api().on('POST', TRANSFERS, problem(409, { title: 'Consent required' }));
    const { user } = await openProposal();
    await chooseOffice(user);
    await user.click(submit());
    expect(
      await screen.findByText(
        'The transfer was not proposed: no transfer consent is recorded for Return Office Lagos.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/referral|partner/i)).not.toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Propose without recorded consent' }));
    const reason = screen.getByRole('textbox', { name: /^Why it cannot wait for consent/ });
    expect(reason).toBeRequired();
    await user.click(submit());
    expect(reason).toHaveAccessibleDescription(/Required/);
    expect(fake.sent('POST', TRANSFERS)).toHaveLength(1);
    fake.on('POST', TRANSFERS, { status: 201, body: PROPOSED });
    await user.type(reason, 'Her flight leaves tomorrow morning.');
    await user.click(submit());
    await waitFor(() => expect(fake.sent('POST', TRANSFERS)).toHaveLength(2));
    expect(fake.sent('POST', TRANSFERS)[1].body).toEqual({
      toOrganisationId: OFFICE.id,
      forReturn: false,
      consentOverrideReason: 'Her flight leaves tomorrow morning.',
    });
  });

  it('explains a return the safeguards refuse', async () => {
    api().on(
      'POST',
      TRANSFERS,
      problem(409, {
        title: 'Return not allowed',
        blockers: [{ safeguard: 'protection', code: 'asylumIntention' }],
        reviewCaseId: CASE.id,
      }),
    );
    const { user } = await openProposal();
    await chooseOffice(user);
    await user.click(submit());
    expect(await screen.findByText('Return not allowed')).toBeInTheDocument();
    expect(screen.getByText('The survivor intends to seek asylum.')).toBeInTheDocument();
    // Following it closes the dialog, which would otherwise cover the reviews on this very tab.
    await user.click(screen.getByRole('link', { name: 'Open the protection reviews of this case' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Propose transfer' })).not.toBeInTheDocument());
  });

  it('is closed with Cancel or Escape, sending nothing', async () => {
    const fake = api();
    const { user } = await openProposal();
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Propose transfer' }));
    // Focus starts in the searchable list of organisations, which opens on focus: the first Escape closes the
    // list, the second the dialog.
    await user.keyboard('{Escape}{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(fake.sent('POST', TRANSFERS)).toHaveLength(0);
  });
});

describe('TransfersSection: cancelling a transfer', () => {
  it('asks first, saying what happens, and cancels only when confirmed', async () => {
    const fake = api([PROPOSED]).on('POST', CANCEL, { body: { ...PROPOSED, status: 'cancelled', version: 3 } });
    const { user } = await renderWithProviders(<TransfersSection detail={CASE} />, { role: 'supervisor' });
    await user.click(await screen.findByRole('button', { name: 'Cancel the transfer to Return Office Lagos' }));
    const dialog = screen.getByRole('dialog', { name: 'Cancel transfer' });
    expect(dialog).toHaveTextContent('Return Office Lagos will no longer be able to accept this transfer.');
    expect(within(dialog).getByRole('button', { name: 'Keep it' })).toHaveFocus();
    expect(fake.sent('POST', CANCEL)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel transfer' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(fake.sent('POST', CANCEL).map((request) => request.body)).toEqual([{ version: 2 }]);
  });

  it('keeps the transfer with Keep it or Escape', async () => {
    const fake = api([PROPOSED]);
    const { user } = await renderWithProviders(<TransfersSection detail={CASE} />, { role: 'supervisor' });
    await user.click(await screen.findByRole('button', { name: 'Cancel the transfer to Return Office Lagos' }));
    await user.click(screen.getByRole('button', { name: 'Keep it' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Cancel the transfer to Return Office Lagos' }));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(fake.sent('POST', CANCEL)).toHaveLength(0);
  });

  it('says the receiver answered meanwhile, and Reload shows where it stands', async () => {
    const fake = api([PROPOSED]).on('POST', CANCEL, problem(409, { currentVersion: 3 }));
    const { user } = await renderWithProviders(<TransfersSection detail={CASE} />, { role: 'supervisor' });
    await user.click(await screen.findByRole('button', { name: 'Cancel the transfer to Return Office Lagos' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel transfer' }));
    expect(await screen.findByText('Someone else changed this')).toBeInTheDocument();
    fake.on('GET', TRANSFERS, { body: { items: [{ ...PROPOSED, status: 'accepted', version: 3 }] } });
    await user.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByText('Accepted')).toBeInTheDocument();
  });
});
