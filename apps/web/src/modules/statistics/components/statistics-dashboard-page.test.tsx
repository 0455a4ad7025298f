import type { StatisticsCatalogue } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen } from '@testing-library/react';
import { fakeApi } from '../../../testing/fake-api';
import { renderWithProviders } from '../../../testing/render';
import { StatisticsDashboardPage } from './statistics-dashboard-page';

const catalogue = (epsilonPerRelease: number | null) =>
  ({
    tables: [],
    indicators: [],
    organisations: [],
    granularities: ['month', 'quarter', 'year'],
    defaults: { from: '2025-01', to: '2025-12', granularity: 'year' },
    controls: {
      k: 11,
      maxPerturbation: 5,
      withoutConsent: 'totals',
      maxDimensions: 2,
      epsilonPerRelease,
      maxPeriods: 60,
    },
    release: { kind: 'monthly', label: 'Monthly release', cutAt: '2026-01-01T03:00:00.000Z' },
  }) as unknown as StatisticsCatalogue;

describe('StatisticsDashboardPage', () => {
  it('offers managers the open-data file', async () => {
    fakeApi().on('GET', '/statistics/tables', { body: catalogue(null) });
    await renderWithProviders(<StatisticsDashboardPage />, { role: 'manager', organisationKind: 'programme' });
    const link = await screen.findByRole('link', { name: 'Open data (CSV)' });
    expect(link.getAttribute('href')).toMatch(/\/statistics\/open-data\?format=csv$/);
  });

  it('offers no open-data file with differential privacy, and says why', async () => {
    fakeApi().on('GET', '/statistics/tables', { body: catalogue(1) });
    await renderWithProviders(<StatisticsDashboardPage />, { role: 'manager', organisationKind: 'programme' });
    expect(
      await screen.findByText(/No open data: the statistics are published with differential privacy/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Open data (CSV)' })).toBeNull();
  });

  it('offers a supervisor no open-data file', async () => {
    fakeApi().on('GET', '/statistics/tables', { body: catalogue(null) });
    await renderWithProviders(<StatisticsDashboardPage />, { role: 'supervisor' });
    await screen.findByRole('link', { name: 'Indicator report' });
    expect(screen.queryByRole('link', { name: 'Open data (CSV)' })).toBeNull();
  });
});
