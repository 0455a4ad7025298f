import type { LegalStatus } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { fakeApi, fieldProblem } from '../../../testing/fake-api';
import { openCase } from '../../../testing/fixtures';
import { renderWithProviders } from '../../../testing/render';
import { LegalStatusTab } from './legal-status-tab';

const CASE = openCase();
const PATH = `/cases/${CASE.id}/legal-status`;
const NOTHING: LegalStatus = {
  migrationStatus: null,
  reflectionStartsOn: null,
  reflectionEndsOn: null,
  permitAppliedOn: null,
  permitDecision: null,
  permitExpiresOn: null,
  version: 0,
  updatedAt: null,
  protectionsApply: true,
};

describe('LegalStatusTab', () => {
  it('asks for the reflection period of a presumed victim, and sends the whole status with its version', async () => {
    const api = fakeApi()
      .on('GET', PATH, { body: NOTHING })
      .on('PATCH', PATH, { body: { ...NOTHING, migrationStatus: 'IrregularMigrant', version: 1 } });
    const { user } = await renderWithProviders(<LegalStatusTab detail={CASE} />);
    expect(await screen.findByText(/record her reflection period/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Edit the legal status' }));
    const form = screen.getByRole('form', { name: 'Edit the legal status' });
    await user.click(within(form).getByRole('combobox', { name: 'Migration status' }));
    await user.click(await screen.findByRole('option', { name: 'Irregular migrant' }));
    await user.type(within(form).getByLabelText('Reflection period starts'), '2026-12-01');
    await user.type(within(form).getByLabelText('Reflection period ends'), '2027-01-30');
    await user.click(within(form).getByRole('button', { name: 'Save the legal status' }));
    await waitFor(() => expect(api.sent('PATCH', PATH)).toHaveLength(1));
    expect(api.sent('PATCH', PATH)[0]!.body).toEqual({
      migrationStatus: 'IrregularMigrant',
      reflectionStartsOn: '2026-12-01',
      reflectionEndsOn: '2027-01-30',
      permitAppliedOn: null,
      permitDecision: null,
      permitExpiresOn: null,
      version: 0,
    });
  });

  it('refuses a period that ends before it starts, next to the field, before sending', async () => {
    const api = fakeApi().on('GET', PATH, { body: NOTHING });
    const { user } = await renderWithProviders(<LegalStatusTab detail={CASE} />);
    await user.click(await screen.findByRole('button', { name: 'Edit the legal status' }));
    const form = screen.getByRole('form', { name: 'Edit the legal status' });
    await user.type(within(form).getByLabelText('Reflection period starts'), '2026-12-10');
    await user.type(within(form).getByLabelText('Reflection period ends'), '2026-12-01');
    await user.click(within(form).getByRole('button', { name: 'Save the legal status' }));
    expect(await within(form).findByLabelText('Reflection period ends')).toHaveAccessibleDescription(/./);
    expect(api.sent('PATCH', PATH)).toHaveLength(0);
  });

  it('shows the server refusing a field next to that field', async () => {
    fakeApi()
      .on('GET', PATH, { body: NOTHING })
      .on('PATCH', PATH, fieldProblem([{ field: 'permitExpiresOn', message: 'Only a granted permit expires' }]));
    const { user } = await renderWithProviders(<LegalStatusTab detail={CASE} />);
    await user.click(await screen.findByRole('button', { name: 'Edit the legal status' }));
    const form = screen.getByRole('form', { name: 'Edit the legal status' });
    await user.click(within(form).getByRole('button', { name: 'Save the legal status' }));
    expect(await within(form).findByLabelText('Permit expires')).toHaveAccessibleDescription(
      /Only a granted permit expires/,
    );
  });

  it('reads in French', async () => {
    fakeApi().on('GET', PATH, {
      body: { ...NOTHING, migrationStatus: 'AsylumSeeker', version: 1, protectionsApply: false },
    });
    await renderWithProviders(<LegalStatusTab detail={CASE} />, { language: 'fr' });
    expect(await screen.findByText('Demandeuse d’asile')).toBeInTheDocument();
    expect(screen.getByText('Statut migratoire')).toBeInTheDocument();
  });
});
