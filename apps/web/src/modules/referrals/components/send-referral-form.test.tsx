import type { Consent, DirectoryEntry, LensView } from '@haven/contracts';
import { describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { FormDialog } from '../../../app/forms/form-dialog';
import { fakeApi, fieldProblem, heldReply, problem, type SentRequest } from '../../../testing/fake-api';
import { openCase } from '../../../testing/fixtures';
import { renderWithProviders } from '../../../testing/render';
import type { Role } from '@haven/contracts';
import { SendReferralForm } from './send-referral-form';

const CASE = openCase();
const REFERRALS = `/cases/${CASE.id}/referrals`;
const PREVIEW = `${REFERRALS}/preview`;
const CONSENTS = `/cases/${CASE.id}/consents`;
const LEGAL_AID: DirectoryEntry = {
  id: '00000000-0000-4000-8000-0000000000a5',
  name: 'Legal Aid Centre',
  kind: 'partner',
  services: ['legal', 'documentation'],
  country: 'IT',
  area: 'Palermo',
  contactPoint: null,
  acceptingReferrals: true,
  languages: ['en', 'it'],
  eligibleSexes: [],
  eligibleAgeMin: null,
  eligibleAgeMax: null,
  openingHours: null,
} as unknown as DirectoryEntry;
const CLINIC: DirectoryEntry = {
  ...LEGAL_AID,
  id: '00000000-0000-4000-8000-0000000000a6',
  name: 'Riverside Clinic',
  services: ['medical'],
};
const CONSENT_FOR_LEGAL_AID = {
  id: '00000000-0000-4000-8000-0000000000c1',
  purpose: 'referral',
  recipientOrganisation: { id: LEGAL_AID.id, name: LEGAL_AID.name },
  givenOn: '2026-01-10',
  method: 'written',
  interpreterUsed: false,
  withdrawnOn: null,
} as unknown as Consent;
const BASIC_VIEW = {
  sections: ['basicProfile'],
  basicProfile: { sex: 'female', ageAtReferral: 24, nationality: 'NG', languages: ['en'] },
} as unknown as LensView;
const REFERRAL = { id: '00000000-0000-4000-8000-0000000000f1' };

/** The directory as the API filters it: by the service searched for, if any. */
const directory = (request: SentRequest) => {
  const service = request.query.get('service');
  const items = [LEGAL_AID, CLINIC].filter((entry) => !service || entry.services.includes(service as never));
  return { body: { items } };
};

function renderForm(options: { role?: Role; consents?: Consent[] } = {}) {
  const { role = 'caseworker', consents = [CONSENT_FOR_LEGAL_AID] } = options;
  const api = fakeApi()
    .on('GET', '/organisations', directory)
    .on('GET', CONSENTS, { body: { items: consents } })
    .on('POST', PREVIEW, { body: BASIC_VIEW });
  const onDone = jest.fn();
  const rendered = renderWithProviders(
    <FormDialog opened onClose={onDone} title="Refer to a partner">
      <SendReferralForm detail={CASE} onDone={onDone} />
    </FormDialog>,
    { role },
  );
  return { api, onDone, rendered };
}

const partnerGroup = () => screen.getByRole('radiogroup', { name: /^Partner organisation/ });
const sendButton = () => screen.getByRole('button', { name: 'Send referral' });

async function choosePartner(user: Awaited<ReturnType<typeof renderForm>['rendered']>['user'], name: string) {
  await user.click(
    await within(await screen.findByRole('radiogroup', { name: /^Partner organisation/ })).findByRole('radio', {
      name,
    }),
  );
}

describe('SendReferralForm', () => {
  it('names its filters and fields, and shares only the basic profile unless told otherwise', async () => {
    const { api, rendered } = renderForm();
    await rendered;
    for (const name of [/^Service/, /^Country/, /^Language spoken/])
      expect(screen.getByRole('combobox', { name })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Name' })).toBeInTheDocument();
    expect(await screen.findByRole('radiogroup', { name: /^Partner organisation/ })).toHaveAccessibleDescription(
      '2 partners found',
    );
    expect(screen.getByRole('checkbox', { name: /^Basic profile/ })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /^Identity/ })).not.toBeChecked();
    expect(await screen.findByText('No name or contact details are shared.')).toBeInTheDocument();
    expect(api.sent('POST', PREVIEW).map((request) => request.body)).toEqual([{ lens: ['basicProfile'] }]);
  });

  it('says what is missing and sends nothing', async () => {
    const { api, rendered } = renderForm();
    const { user } = await rendered;
    await screen.findByRole('radiogroup', { name: /^Partner organisation/ });
    await user.click(screen.getByRole('checkbox', { name: /^Basic profile/ }));
    await user.click(sendButton());
    expect(screen.getByText('Choose an option')).toBeInTheDocument();
    expect(screen.getByText('Choose at least one service')).toBeInTheDocument();
    expect(screen.getByText('Choose at least one section')).toBeInTheDocument();
    expect(api.sent('POST', REFERRALS)).toHaveLength(0);
  });

  it('finds the partner by service, confirms the consent, and sends what was chosen', async () => {
    const held = heldReply({ status: 201, body: REFERRAL });
    const { api, onDone, rendered } = renderForm();
    api.on('POST', REFERRALS, held.answer);
    const { user } = await rendered;
    await user.click(screen.getByRole('combobox', { name: /^Service/ }));
    await user.click(await screen.findByRole('option', { name: 'Legal assistance' }));
    await waitFor(() => expect(partnerGroup()).toHaveAccessibleDescription('1 partner found'));
    expect(api.sent('GET', '/organisations').some((request) => request.query.get('service') === 'legal')).toBe(true);
    await choosePartner(user, 'Legal Aid Centre');
    expect(
      await screen.findByText(/Consent recorded: the survivor agreed on .* to be referred to Legal Aid Centre/),
    ).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Legal assistance' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Help with documents' })).not.toBeChecked();
    await user.click(screen.getByRole('radio', { name: 'Urgent' }));
    await user.click(sendButton());
    await waitFor(() => expect(sendButton()).toBeDisabled());
    held.release();
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(api.sent('POST', REFERRALS).map((request) => request.body)).toEqual([
      {
        toOrganisationId: LEGAL_AID.id,
        services: ['legal'],
        urgency: 'urgent',
        lens: ['basicProfile'],
        forReturn: false,
      },
    ]);
  });

  it('warns, in the preview, when her name is shared', async () => {
    const { api, rendered } = renderForm();
    const { user } = await rendered;
    await screen.findByText('No name or contact details are shared.');
    await user.click(screen.getByRole('checkbox', { name: /^Identity/ }));
    expect(await screen.findByText('Her name is shared with this partner.')).toBeInTheDocument();
    await waitFor(() =>
      expect(api.sent('POST', PREVIEW).map((request) => request.body)).toContainEqual({
        lens: ['basicProfile', 'identity'],
      }),
    );
  });

  it('takes the focus in the name search, so no list opens over the partners', async () => {
    const { rendered } = renderForm();
    await rendered;
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Name' })).toHaveFocus());
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
  });

  it('tells a caseworker that consent is missing, offering no way round it but to record it here', async () => {
    const { rendered } = renderForm({ consents: [] });
    const { user } = await rendered;
    await choosePartner(user, 'Riverside Clinic');
    expect(await screen.findByText(/No referral consent is recorded for Riverside Clinic/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Record her consent here' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Open the Consent tab' })).not.toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: 'Send without recorded consent' })).not.toBeInTheDocument();
  });

  it('records the missing consent inside the dialog for the chosen partner, keeps every choice, and sends', async () => {
    const { api, onDone, rendered } = renderForm({ consents: [] });
    const recorded = { ...CONSENT_FOR_LEGAL_AID, recipientOrganisation: { id: CLINIC.id, name: CLINIC.name } };
    api.on('POST', CONSENTS, () => {
      api.on('GET', CONSENTS, { body: { items: [recorded] } });
      return { status: 201, body: recorded };
    });
    api.on('POST', REFERRALS, { status: 201, body: REFERRAL });
    const { user } = await rendered;
    await choosePartner(user, 'Riverside Clinic');
    await user.click(screen.getByRole('checkbox', { name: 'Medical care' }));
    await user.click(screen.getByRole('radio', { name: 'Urgent' }));
    await user.click(await screen.findByRole('button', { name: 'Record her consent here' }));
    const consent = screen.getByRole('group', { name: 'Her consent to be referred to Riverside Clinic' });
    const givenOn = within(consent).getByLabelText(/^Given on/);
    await waitFor(() => expect(givenOn).toHaveFocus());
    // Saving without the manner asks for it and sends nothing; Enter in its fields never sends the referral.
    await user.keyboard('{Enter}');
    expect(await within(consent).findByText('Choose an option')).toBeInTheDocument();
    expect(api.sent('POST', CONSENTS)).toHaveLength(0);
    expect(api.sent('POST', REFERRALS)).toHaveLength(0);
    await user.click(within(consent).getByRole('radio', { name: 'Written' }));
    await user.click(within(consent).getByRole('checkbox', { name: 'Given through an interpreter' }));
    await user.click(within(consent).getByRole('combobox', { name: /^Language interpreted/ }));
    await user.click(await screen.findByRole('option', { name: 'Amharic' }));
    await user.click(within(consent).getByRole('button', { name: 'Save consent' }));
    expect(
      await screen.findByText(/Consent recorded: the survivor agreed on .* to be referred to Riverside Clinic/),
    ).toBeInTheDocument();
    expect(api.sent('POST', CONSENTS).map((request) => request.body)).toEqual([
      {
        purpose: 'referral',
        recipientOrganisationId: CLINIC.id,
        givenOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        method: 'written',
        interpreterUsed: true,
        interpreterLanguage: 'am',
      },
    ]);
    // Nothing chosen before was lost.
    expect(screen.getByRole('radio', { name: 'Riverside Clinic' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Medical care' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Urgent' })).toBeChecked();
    await user.click(sendButton());
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(api.sent('POST', REFERRALS)[0].body).toMatchObject({
      toOrganisationId: CLINIC.id,
      services: ['medical'],
      urgency: 'urgent',
    });
  });

  it('lets a supervisor send without consent only with a reason of ten characters or more', async () => {
    const { api, onDone, rendered } = renderForm({ role: 'supervisor', consents: [] });
    api.on('POST', REFERRALS, { status: 201, body: REFERRAL });
    const { user } = await rendered;
    await choosePartner(user, 'Riverside Clinic');
    await user.click(screen.getByRole('checkbox', { name: 'Medical care' }));
    await user.click(await screen.findByRole('checkbox', { name: 'Send without recorded consent' }));
    const reason = screen.getByRole('textbox', { name: /^Why it cannot wait for consent/ });
    expect(reason).toBeRequired();
    await user.click(sendButton());
    expect(reason).toHaveAccessibleDescription(/^Required/);
    await user.click(reason);
    await user.paste('Urgent');
    await user.click(sendButton());
    expect(reason).toHaveAccessibleDescription(/^At least 10 characters/);
    expect(api.sent('POST', REFERRALS)).toHaveLength(0);
    await user.paste(' surgery tonight');
    await user.click(sendButton());
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(api.sent('POST', REFERRALS)[0].body).toMatchObject({
      toOrganisationId: CLINIC.id,
      services: ['medical'],
      consentOverrideReason: 'Urgent surgery tonight',
    });
  });

  it('shows the server refusing a field next to that field, and the consent the API finds missing', async () => {
    const { api, rendered } = renderForm();
    api.on('POST', REFERRALS, fieldProblem([{ field: 'message', message: 'At most 2000 characters' }]));
    const { user } = await rendered;
    await choosePartner(user, 'Legal Aid Centre');
    await user.click(screen.getByRole('checkbox', { name: 'Legal assistance' }));
    await user.click(screen.getByRole('textbox', { name: /^Message to the partner/ }));
    await user.paste('Hearing next week.');
    await user.click(sendButton());
    const message = screen.getByRole('textbox', { name: /^Message to the partner/ });
    await waitFor(() => expect(message).toHaveAccessibleDescription(/At most 2000 characters/));
    expect(message).toHaveFocus();

    // The consent was withdrawn meanwhile: the API refuses, and the form says so.
    api.on('POST', REFERRALS, problem(409, { title: 'Consent required' }));
    await user.clear(message);
    await user.click(sendButton());
    expect(
      await screen.findByText('The referral was not sent: no consent is recorded for this partner.'),
    ).toBeInTheDocument();
  });

  it('is left with Cancel or Escape, sending nothing', async () => {
    const { api, onDone, rendered } = renderForm();
    const { user } = await rendered;
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onDone).toHaveBeenCalledTimes(1);
    // From a text input; in the searchable filters, which open their list on focus, Escape first closes the list.
    await user.click(screen.getByRole('textbox', { name: 'Name' }));
    await user.keyboard('{Escape}');
    expect(onDone).toHaveBeenCalledTimes(2);
    expect(api.sent('POST', REFERRALS)).toHaveLength(0);
  });
});
