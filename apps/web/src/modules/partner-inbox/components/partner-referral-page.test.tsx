import type { PartnerReferral } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { fakeApi, fieldProblem, heldReply, problem } from '../../../testing/fake-api';
import { renderWithProviders } from '../../../testing/render';
import { PartnerReferralPage } from './partner-referral-page';

const REFERRAL: PartnerReferral = {
  id: '00000000-0000-4000-8000-0000000000e1',
  code: 'R-0000-0000',
  from: { id: '00000000-0000-4000-8000-0000000000a1', name: 'Harbour Shelter' },
  services: ['legal'],
  urgency: 'urgent',
  status: 'sent',
  sentAt: '2026-02-01T09:00:00.000Z',
  sex: 'Feminine',
  ageBand: '18to24',
  version: 3,
  forReturn: false,
  suspension: null,
  message: 'She needs advice on her residence permit.',
  lens: [],
  view: null,
  servicesGiven: [],
  outcome: null,
};
const ACCEPTED: PartnerReferral = { ...REFERRAL, status: 'accepted', version: 4 };
const PATH = `/referrals/${REFERRAL.id}`;

function renderPage(referral: PartnerReferral = REFERRAL) {
  const api = fakeApi().on('GET', PATH, { body: referral });
  const rendered = renderWithProviders(<PartnerReferralPage />, {
    organisationKind: 'partner',
    route: PATH,
    path: '/referrals/:referralId',
  });
  return { api, rendered };
}

describe('PartnerReferralPage: answering a referral', () => {
  it('shows what is asked, and accepts with the referral’s version, the button busy meanwhile', async () => {
    const held = heldReply({ body: ACCEPTED });
    const { api, rendered } = renderPage();
    api.on('POST', `${PATH}/accept`, held.answer);
    const { user } = await rendered;
    expect(await screen.findByRole('heading', { name: 'Referral from Harbour Shelter' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'What is asked' })).toHaveTextContent(
      /Legal assistance · Urgent.*residence permit/,
    );
    expect(screen.getByText(/^R-0000-0000 · received/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Accept referral' }));
    // Accepting asks first, naming the referral, and Cancel accepts nothing.
    let confirm = screen.getByRole('dialog', { name: 'Accept the referral' });
    expect(confirm).toHaveTextContent(
      'Accept referral R-0000-0000 from Harbour Shelter? Your organisation takes on: Legal assistance.',
    );
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.sent('POST', `${PATH}/accept`)).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Accept referral' }));
    confirm = screen.getByRole('dialog', { name: 'Accept the referral' });
    await user.click(within(confirm).getByRole('button', { name: 'Accept referral' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Accept referral' })).toBeDisabled());
    held.release();
    await waitFor(() =>
      expect(api.sent('POST', `${PATH}/accept`).map((request) => request.body)).toEqual([{ version: 3 }]),
    );
  });

  it('says someone else answered meanwhile, with Reload', async () => {
    const { api, rendered } = renderPage();
    api.on('POST', `${PATH}/accept`, problem(409, { currentVersion: 4 }));
    const { user } = await rendered;
    await user.click(await screen.findByRole('button', { name: 'Accept referral' }));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Accept the referral' })).getByRole('button', {
        name: 'Accept referral',
      }),
    );
    expect(await screen.findByText('Someone else changed this')).toBeInTheDocument();
    api.on('GET', PATH, { body: ACCEPTED });
    await user.click(screen.getByRole('button', { name: 'Reload' }));
    expect(await screen.findByRole('button', { name: 'Record service given' })).toBeInTheDocument();
  });
});

describe('PartnerReferralPage: declining', () => {
  async function openDecline() {
    const { api, rendered } = renderPage();
    const { user } = await rendered;
    await user.click(await screen.findByRole('button', { name: 'Decline' }));
    return { api, user, dialog: screen.getByRole('dialog', { name: 'Decline the referral' }) };
  }
  const reason = () => screen.getByRole('textbox', { name: /^Why you cannot take it/ });

  it('asks for the reason, saying the referrer is told, and sends nothing without it', async () => {
    const { api, user, dialog } = await openDecline();
    expect(dialog).toHaveTextContent('The referring organisation is told your reason.');
    expect(reason()).toBeRequired();
    expect(reason()).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Decline referral' }));
    expect(reason()).toHaveAccessibleDescription(/^Required For example/);
    expect(reason()).toHaveFocus();
    expect(api.sent('POST', `${PATH}/decline`)).toHaveLength(0);
  });

  it('declines with the reason and version, and goes back to the inbox', async () => {
    const { api, user, dialog } = await openDecline();
    api.on('POST', `${PATH}/decline`, { status: 204 });
    await user.type(reason(), 'No capacity this month.');
    await user.click(within(dialog).getByRole('button', { name: 'Decline referral' }));
    expect(await screen.findByTestId('navigated-to')).toHaveTextContent(/^\/referrals$/);
    expect(api.sent('POST', `${PATH}/decline`).map((request) => request.body)).toEqual([
      { version: 3, reason: 'No capacity this month.' },
    ]);
  });

  it('shows the server refusing the reason next to it', async () => {
    const { api, user, dialog } = await openDecline();
    api.on('POST', `${PATH}/decline`, fieldProblem([{ field: 'reason', message: 'At most 2000 characters' }]));
    await user.type(reason(), 'No capacity this month.');
    await user.click(within(dialog).getByRole('button', { name: 'Decline referral' }));
    await waitFor(() => expect(reason()).toHaveAccessibleDescription(/At most 2000 characters/));
  });

  it('is closed with Cancel or Escape, declining nothing', async () => {
    const { api, user, dialog } = await openDecline();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Decline' }));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.sent('POST', `${PATH}/decline`)).toHaveLength(0);
  });
});

describe('PartnerReferralPage: completing', () => {
  async function openComplete() {
    const { api, rendered } = renderPage(ACCEPTED);
    const { user } = await rendered;
    await user.click(await screen.findByRole('button', { name: 'Complete referral' }));
    return { api, user, dialog: screen.getByRole('dialog', { name: 'Complete referral' }) };
  }
  const outcome = () => screen.getByRole('combobox', { name: /^Outcome/ });

  it('asks how it ended, saying what the partner no longer sees, before completing', async () => {
    const { api, user, dialog } = await openComplete();
    expect(dialog).toHaveTextContent(/what was shared is no longer shown to you/);
    expect(outcome()).toBeRequired();
    await user.click(within(dialog).getByRole('button', { name: 'Complete referral' }));
    expect(outcome()).toHaveAccessibleDescription('Choose an option');
    expect(api.sent('POST', `${PATH}/complete`)).toHaveLength(0);
  });

  it('completes with the outcome and version, and closes', async () => {
    const { api, user, dialog } = await openComplete();
    api.on('POST', `${PATH}/complete`, { body: { ...ACCEPTED, status: 'completed', outcome: 'completed' } });
    await user.click(outcome());
    await user.click(await screen.findByRole('option', { name: 'Completed' }));
    await user.click(within(dialog).getByRole('button', { name: 'Complete referral' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.sent('POST', `${PATH}/complete`).map((request) => request.body)).toEqual([
      { version: 4, outcome: 'completed' },
    ]);
  });

  it('explains a return the safeguards hold back', async () => {
    const { api, user, dialog } = await openComplete();
    api.on(
      'POST',
      `${PATH}/complete`,
      problem(409, {
        title: 'Return not allowed',
        blockers: [{ safeguard: 'review', code: 'protectionReviewPending' }],
        reviewCaseId: null,
      }),
    );
    await user.click(outcome());
    await user.click(await screen.findByRole('option', { name: 'Completed' }));
    await user.click(within(dialog).getByRole('button', { name: 'Complete referral' }));
    expect(
      await within(dialog).findByText('The sending organisation must first record a protection review.'),
    ).toBeInTheDocument();
  });

  it('is closed with Cancel, completing nothing', async () => {
    const { api, user, dialog } = await openComplete();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.sent('POST', `${PATH}/complete`)).toHaveLength(0);
  });
});

describe('PartnerReferralPage: a referral that is not there', () => {
  it('answers a withdrawn or foreign referral like one that never existed', async () => {
    fakeApi().on('GET', PATH, problem(404));
    await renderWithProviders(<PartnerReferralPage />, {
      organisationKind: 'partner',
      route: PATH,
      path: '/referrals/:referralId',
    });
    expect(await screen.findByRole('heading', { level: 1 })).not.toHaveTextContent(/Referral from/);
    expect(screen.queryByRole('button', { name: 'Accept referral' })).not.toBeInTheDocument();
  });

  it('links each shared file for download, but not one awaiting its virus scan, which it says is coming', async () => {
    const file = {
      category: 'medical' as const,
      documentDate: null,
      contentType: 'text/plain' as const,
      byteSize: 1200,
      previewable: false,
    };
    const { rendered } = renderPage({
      ...REFERRAL,
      lens: ['medicalFiles'],
      view: {
        sections: ['medicalFiles'],
        medicalFiles: [
          { ...file, id: '00000000-0000-4000-8000-0000000000f1', title: 'Clinic letter', awaitingScan: false },
          { ...file, id: '00000000-0000-4000-8000-0000000000f2', title: 'Lab results', awaitingScan: true },
        ],
      },
    });
    await rendered;
    const files = await screen.findByRole('region', { name: 'Medical files' });
    expect(within(files).getByRole('link', { name: 'Download Clinic letter' })).toHaveAttribute(
      'href',
      `/api/referrals/${REFERRAL.id}/documents/00000000-0000-4000-8000-0000000000f1/content`,
    );
    expect(within(files).queryByRole('link', { name: /Lab results/ })).not.toBeInTheDocument();
    expect(
      within(files)
        .getByText(/Lab results/)
        .closest('li'),
    ).toHaveTextContent('Lab results — Not yet checked for viruses: it can be downloaded once a scan finds it clean.');
  });
});
