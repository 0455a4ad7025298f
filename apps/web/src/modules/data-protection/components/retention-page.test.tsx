import type { OrganisationRetention, RetentionRun } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import { fakeApi, fieldProblem, heldReply, problem } from '../../../testing/fake-api';
import { renderWithProviders } from '../../../testing/render';
import { RetentionPage } from './retention-page';

const SETTINGS = '/data-protection/organisations';
const RUNS = '/data-protection/retention-runs';
const HARBOUR: OrganisationRetention = {
  id: '00000000-0000-4000-8000-0000000000a1',
  name: 'Harbour Shelter',
  kind: 'shelter',
  retentionMonths: 60,
};
const SKILLS: OrganisationRetention = {
  id: '00000000-0000-4000-8000-0000000000a2',
  name: 'Skills Centre',
  kind: 'training',
  retentionMonths: null,
};
const RUN: RetentionRun = {
  id: '00000000-0000-4000-8000-0000000000b1',
  trigger: 'schedule',
  startedAt: '2026-03-01T02:00:00.000Z',
  finishedAt: '2026-03-01T02:01:00.000Z',
  anonymised: 3,
  failed: 1,
  organisations: [],
};
const harbourPath = `/organisations/${HARBOUR.id}`;
const periodOf = (name: string) => screen.getByRole('textbox', { name: `Months after closure for ${name}` });
const saveOf = (name: string) => screen.getByRole('button', { name: `Save the retention period of ${name}` });

function retentionApi(runs: RetentionRun[] = []) {
  return fakeApi()
    .on('GET', SETTINGS, { body: { items: [HARBOUR, SKILLS], minimumMonths: 12 } })
    .on('GET', RUNS, { body: { items: runs } });
}

async function renderPage() {
  const rendered = await renderWithProviders(<RetentionPage />, { role: 'admin', organisationKind: 'system' });
  await screen.findByRole('heading', { level: 1, name: 'Retention of closed cases' });
  return rendered;
}

describe('RetentionPage', () => {
  it('shows each organisation’s period in an input named after it, and the server’s minimum', async () => {
    retentionApi();
    await renderPage();
    expect(periodOf('Harbour Shelter')).toHaveValue('60 months');
    expect(periodOf('Skills Centre')).toHaveValue('');
    expect(periodOf('Skills Centre')).toHaveAttribute('placeholder', 'Keep');
    expect(screen.getByText(/The minimum allowed on this server is 12 months\./)).toBeInTheDocument();
    expect(await screen.findByText('The retention job has not run yet.')).toBeInTheDocument();
  });

  it('refuses a period below the server’s minimum, next to it, and sends nothing', async () => {
    const api = retentionApi();
    const { user } = await renderPage();
    await user.clear(periodOf('Harbour Shelter'));
    await user.type(periodOf('Harbour Shelter'), '6');
    expect(periodOf('Harbour Shelter')).toHaveAccessibleDescription('From 12 to 1200 months, or empty');
    await user.click(saveOf('Harbour Shelter'));
    expect(periodOf('Harbour Shelter')).toHaveValue('6 months');
    expect(api.sent('PATCH', harbourPath)).toHaveLength(0);
  });

  it('saves one organisation’s period with Enter, is busy meanwhile, and says so', async () => {
    const held = heldReply({ body: { ...HARBOUR, retentionMonths: 24 } });
    const api = retentionApi().on('PATCH', harbourPath, held.answer);
    const { user } = await renderPage();
    await user.clear(periodOf('Harbour Shelter'));
    await user.type(periodOf('Harbour Shelter'), '24{Enter}');
    await waitFor(() => expect(saveOf('Harbour Shelter')).toBeDisabled());
    expect(saveOf('Skills Centre')).toBeEnabled();
    held.release();
    expect(await screen.findByText('Retention period of Harbour Shelter saved.')).toBeInTheDocument();
    expect(api.sent('PATCH', harbourPath).map((request) => request.body)).toEqual([{ retentionMonths: 24 }]);
    expect(api.sent('PATCH', /^\/organisations\//)).toHaveLength(1);
  });

  it('sends an emptied period as “keep”', async () => {
    const api = retentionApi().on('PATCH', harbourPath, { body: { ...HARBOUR, retentionMonths: null } });
    const { user } = await renderPage();
    await user.clear(periodOf('Harbour Shelter'));
    await user.click(saveOf('Harbour Shelter'));
    await waitFor(() => expect(api.sent('PATCH', harbourPath)).toHaveLength(1));
    expect(api.sent('PATCH', harbourPath)[0]!.body).toEqual({ retentionMonths: null });
  });

  it('shows the server refusing the period next to the period', async () => {
    retentionApi().on('PATCH', harbourPath, fieldProblem([{ field: 'retentionMonths', message: 'Whole months' }]));
    const { user } = await renderPage();
    await user.clear(periodOf('Harbour Shelter'));
    await user.type(periodOf('Harbour Shelter'), '24{Enter}');
    await waitFor(() => expect(periodOf('Harbour Shelter')).toHaveAccessibleDescription('Whole months only'));
    expect(periodOf('Skills Centre')).not.toHaveAccessibleDescription();
  });

  it('shows the server’s bound in the reader’s language', async () => {
    retentionApi().on(
      'PATCH',
      harbourPath,
      fieldProblem([{ field: 'retentionMonths', message: 'At least 12 months' }]),
    );
    const { user } = await renderWithProviders(<RetentionPage />, {
      role: 'admin',
      organisationKind: 'system',
      language: 'fr',
    });
    const period = await screen.findByRole('textbox', { name: /Harbour Shelter/ });
    await user.clear(period);
    await user.type(period, '24{Enter}');
    await waitFor(() => expect(period).toHaveAccessibleDescription('Au moins 12 mois'));
  });

  it('says when saving failed for another reason', async () => {
    const api = retentionApi().on('PATCH', harbourPath, problem(403));
    const { user } = await renderPage();
    await user.click(saveOf('Harbour Shelter'));
    expect(await screen.findByText('Your role does not allow this.')).toBeInTheDocument();
    api.on('PATCH', harbourPath, problem(500));
    await user.click(saveOf('Harbour Shelter'));
    expect(await screen.findByText('This could not be saved. Try again.')).toBeInTheDocument();
  });

  it('lists the latest retention runs', async () => {
    retentionApi([RUN]);
    await renderPage();
    const row = (await screen.findByRole('cell', { name: 'Daily schedule' })).closest('tr')!;
    expect(row).toHaveTextContent('Daily schedule31');
  });

  it('says when the settings cannot be loaded', async () => {
    fakeApi()
      .on('GET', SETTINGS, problem(500))
      .on('GET', RUNS, { body: { items: [] } });
    await renderWithProviders(<RetentionPage />, { role: 'admin', organisationKind: 'system' });
    expect(await screen.findByText('The retention settings could not be loaded.')).toBeInTheDocument();
  });
});
