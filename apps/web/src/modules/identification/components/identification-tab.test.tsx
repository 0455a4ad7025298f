import type { Identification, Screening } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { fakeApi } from '../../../testing/fake-api';
import { openCase } from '../../../testing/fixtures';
import { renderWithProviders, USER_ID } from '../../../testing/render';
import { IdentificationTab } from './identification-tab';

const CASE = openCase();
const PATH = `/cases/${CASE.id}/identification`;
const NOTHING: Identification = { status: null, statusDecidedBy: null, screenings: [], decisions: [] };
const SCREENING: Screening = {
  id: '00000000-0000-4000-8000-0000000000a1',
  screenedOn: '2026-12-01',
  language: 'en',
  interpreterUsed: false,
  interpreterName: null,
  answers: { drNatureOfJob: 'yes' },
  proposal: 'presumedVictim',
  positiveDimensions: ['deceptiveRecruitment', 'exploitativeConditions', 'coercionAtDestination'],
  screenedBy: { id: USER_ID, displayName: 'Ada Caseworker' },
  recordedAt: '2026-12-01T10:00:00.000Z',
};

describe('IdentificationTab', () => {
  it('proposes a presumed victim as the indicators are answered, and sends the coded answers', async () => {
    const api = fakeApi()
      .on('GET', PATH, { body: NOTHING })
      .on('POST', `${PATH}/screenings`, { status: 201, body: SCREENING });
    const { user } = await renderWithProviders(<IdentificationTab detail={CASE} />);
    await user.click(await screen.findByRole('button', { name: 'Screen for indicators' }));
    const form = screen.getByRole('form', { name: 'Screen for indicators' });
    expect(within(form).getByRole('status')).toHaveTextContent('Trafficking not indicated');
    // The form holds every indicator (over a hundred radios): a group is found by the text of the
    // label it names, which is cheap, where a role query computes every element's name each time.
    const answer = async (indicator: string) => {
      const group = [...form.querySelectorAll<HTMLElement>('[role="radiogroup"]')].find((candidate) =>
        candidate.ownerDocument
          .getElementById(candidate.getAttribute('aria-labelledby') ?? '')
          ?.textContent?.includes(indicator),
      );
      expect(group).toBeDefined();
      await user.click(within(group!).getByLabelText('Yes'));
    };
    await answer('Deceived about the nature of the job');
    await answer('Deceived about wages or earnings');
    await answer('Excessive working days or hours');
    await answer('Low or no pay');
    await answer('Documents taken at destination');
    expect(within(form).getByRole('status')).toHaveTextContent('Trafficking not indicated');
    await answer('Debt bondage at destination');
    expect(within(form).getByRole('status')).toHaveTextContent('Presumed victim of trafficking');
    await user.click(within(form).getByRole('combobox', { name: /Language of the interview/ }));
    await user.click(await screen.findByRole('option', { name: 'English' }));
    await user.click(within(form).getByRole('button', { name: 'Record the screening' }));
    await waitFor(() => expect(api.sent('POST', `${PATH}/screenings`)).toHaveLength(1));
    expect(api.sent('POST', `${PATH}/screenings`)[0]!.body).toMatchObject({
      language: 'en',
      interpreterUsed: false,
      answers: {
        drNatureOfJob: 'yes',
        drWages: 'yes',
        exExcessiveHours: 'yes',
        exLowPay: 'yes',
        cdDocuments: 'yes',
        cdDebtBondage: 'yes',
      },
    });
  }, 180_000); // Every answer re-renders the whole form of 54 indicators, which jsdom does slowly on a busy machine.

  it('records a decision from a proposal, with the proposed status, the screening and a reason', async () => {
    const api = fakeApi()
      .on('GET', PATH, { body: { ...NOTHING, screenings: [SCREENING] } })
      .on('POST', `${PATH}/decisions`, { status: 201, body: {} });
    const { user } = await renderWithProviders(<IdentificationTab detail={CASE} />);
    await user.click(await screen.findByRole('button', { name: 'Record a decision from this proposal' }));
    const form = screen.getByRole('form', { name: 'Record a decision' });
    expect(within(form).getByRole('combobox', { name: /Trafficking status/ })).toHaveValue(
      'Possible victim of trafficking',
    );
    await user.click(within(form).getByRole('button', { name: 'Record the decision' }));
    // Nothing sent without the deciding organisation and a reason.
    expect(await within(form).findAllByText(/required|choose/i)).not.toHaveLength(0);
    expect(api.sent('POST', `${PATH}/decisions`)).toHaveLength(0);
    await user.click(within(form).getByRole('combobox', { name: /Deciding organisation/ }));
    await user.click(await screen.findByRole('option', { name: 'Non-governmental organisation' }));
    await user.type(within(form).getByRole('textbox', { name: /Reason/ }), 'Deception and debt bondage.');
    await user.click(within(form).getByRole('button', { name: 'Record the decision' }));
    await waitFor(() => expect(api.sent('POST', `${PATH}/decisions`)).toHaveLength(1));
    expect(api.sent('POST', `${PATH}/decisions`)[0]!.body).toMatchObject({
      status: 'PossibleVictimOfTrafficking',
      decidedBy: 'NGO',
      reason: 'Deception and debt bondage.',
      screeningId: SCREENING.id,
    });
  });

  it('reads in Arabic, and offers no step to whom may only read', async () => {
    fakeApi().on('GET', PATH, {
      body: { ...NOTHING, status: 'PossibleVictimOfTrafficking', statusDecidedBy: 'Police', screenings: [SCREENING] },
    });
    await renderWithProviders(<IdentificationTab detail={{ ...CASE, status: 'Closed' }} />, { language: 'ar' });
    expect(await screen.findByText('ضحية اتجار مفترضة')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'فحص المؤشرات' })).not.toBeInTheDocument();
  });
});
