import type { ProgrammeResults, StatisticsCatalogue } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { fakeApi, fieldProblem } from '../../../testing/fake-api';
import { renderWithProviders } from '../../../testing/render';
import { ProgrammeResultsPage } from './programme-results-page';

const CATALOGUE: StatisticsCatalogue = {
  tables: [],
  indicators: [],
  organisations: [],
  granularities: ['month', 'quarter', 'year'],
  defaults: { from: '2025-01', to: '2025-12', granularity: 'year' },
  controls: { k: 11, maxPerturbation: 5, withoutConsent: 'totals' },
  release: { kind: 'nightly', label: 'Nightly release', cutAt: '2026-01-02T01:00:00.000Z' },
} as unknown as StatisticsCatalogue;

const figure = (value: number | null, display = value === null ? '<11' : String(value)) => ({
  period: '2025',
  value,
  display,
  suppressed: value === null,
});
const RESULTS: ProgrammeResults = {
  from: '2025-01',
  to: '2025-12',
  granularity: 'year',
  periods: ['2025'],
  k: 11,
  release: { kind: 'nightly', label: 'Nightly release', cutAt: '2026-01-02T01:00:00.000Z' },
  results: [
    {
      result: 'diaspora-projects',
      headline: true,
      title: 'Projects by diaspora members',
      definition: 'Projects in the register whose promoters are members of the diaspora.',
      source: 'Programme registers: diaspora projects',
      unit: 'projects',
      values: [figure(6)],
      achieved: 6,
      baseline: 1,
      target: 8,
      percentAchieved: 75,
    },
    {
      result: 'referrals-completed',
      headline: false,
      title: 'Referrals completed',
      definition: 'People with at least one referral completed in the period.',
      source: 'Cases: the statistics release',
      unit: 'peoplePerPeriod',
      values: [figure(null)],
      achieved: null,
      baseline: null,
      target: null,
      percentAchieved: null,
    },
  ],
};

function resultsApi() {
  return fakeApi()
    .on('GET', '/statistics/tables', { body: CATALOGUE })
    .on('GET', '/programme-results', { body: RESULTS });
}

describe('ProgrammeResultsPage', () => {
  it('shows each result with its definition, series and progress against its target, and offers the files', async () => {
    resultsApi();
    await renderWithProviders(<ProgrammeResultsPage />, { role: 'manager', organisationKind: 'programme' });
    const projects = await screen.findByRole('region', { name: 'Projects by diaspora members' });
    expect(within(projects).getByText('Headline result')).toBeInTheDocument();
    expect(within(projects).getByText(/whose promoters are members of the diaspora/)).toBeInTheDocument();
    expect(within(projects).getByText('75%')).toBeInTheDocument();
    expect(within(projects).getByRole('progressbar', { name: /Projects by diaspora members/ })).toBeInTheDocument();
    const referrals = screen.getByRole('region', { name: 'Referrals completed' });
    expect(within(referrals).getByText('<11')).toBeInTheDocument();
    expect(within(referrals).getByText('No target set')).toBeInTheDocument();
    const xlsx = screen.getByRole('link', { name: /XLSX/ });
    expect(xlsx.getAttribute('href')).toBe(
      '/api/programme-results/download?from=2025-01&to=2025-12&granularity=year&format=xlsx',
    );
  });

  it('titles the results in the reader’s language', async () => {
    resultsApi();
    await renderWithProviders(<ProgrammeResultsPage />, {
      role: 'manager',
      organisationKind: 'programme',
      language: 'fr',
    });
    expect(
      await screen.findByRole('region', { name: 'Projets portés par des membres de la diaspora' }),
    ).toBeInTheDocument();
  });

  it('lets a manager set a target, shows the server’s refusal next to the field, and sends the numbers', async () => {
    const api = resultsApi().on(
      'PUT',
      '/programme-results/targets',
      fieldProblem([{ field: 'target', message: 'Cannot be negative' }]),
    );
    const { user } = await renderWithProviders(<ProgrammeResultsPage />, {
      role: 'manager',
      organisationKind: 'programme',
    });
    await user.click(await screen.findByRole('button', { name: 'Set a target' }));
    const dialog = await screen.findByRole('dialog', { name: 'Set a target' });
    await user.click(within(dialog).getByRole('combobox', { name: /^Result/ }));
    await user.click(await screen.findByRole('option', { name: 'Projects by diaspora members' }));
    await user.clear(within(dialog).getByRole('textbox', { name: /^Year/ }));
    await user.type(within(dialog).getByRole('textbox', { name: /^Year/ }), '2025');
    await user.type(within(dialog).getByRole('textbox', { name: /^Baseline/ }), '1');
    await user.type(within(dialog).getByRole('textbox', { name: /^Target/ }), '8');
    await user.click(within(dialog).getByRole('button', { name: 'Save target' }));
    expect(api.sent('PUT', '/programme-results/targets')[0]?.body).toEqual({
      result: 'diaspora-projects',
      year: 2025,
      baseline: 1,
      target: 8,
    });
    expect(await within(dialog).findByText('Cannot be negative')).toBeInTheDocument();
  });

  it('offers no target setting to a supervisor', async () => {
    resultsApi();
    await renderWithProviders(<ProgrammeResultsPage />, { role: 'supervisor' });
    await screen.findByRole('region', { name: 'Projects by diaspora members' });
    expect(screen.queryByRole('button', { name: 'Set a target' })).toBeNull();
  });
});
