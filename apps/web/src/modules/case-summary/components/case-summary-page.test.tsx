import type { PrintableSummary } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { fakeApi } from '../../../testing/fake-api';
import { openCase } from '../../../testing/fixtures';
import { renderWithProviders } from '../../../testing/render';
import { CaseSummaryPage } from './case-summary-page';

const CASE = openCase();
const SUMMARY_PATH = `/cases/${CASE.id}/summary`;
const SUMMARY: PrintableSummary = {
  reference: CASE.reference,
  producedAt: '2026-12-07T21:30:00.000Z',
  view: {
    sections: ['basicProfile', 'identity'],
    basicProfile: { sex: 'Feminine', ageAtReferral: 19, nationality: 'NG', languages: ['en'] },
    identity: { givenName: 'Blessing', familyName: 'Okafor', aliases: [], dateOfBirth: null },
  },
};

function render(role: 'caseworker' | 'supervisor' = 'caseworker', detail = CASE) {
  const api = fakeApi().on('GET', `/cases/${CASE.id}`, { body: detail }).on('POST', SUMMARY_PATH, { body: SUMMARY });
  return {
    api,
    rendered: renderWithProviders(<CaseSummaryPage />, { role, route: SUMMARY_PATH, path: '/cases/:caseId/summary' }),
  };
}

const sectionBoxes = () => within(screen.getByRole('group', { name: /Sections/ })).getAllByRole('checkbox');

describe('CaseSummaryPage: choosing the sections of a printed summary', () => {
  it('offers the assignee every section, identifying ones unticked, and warns once one is ticked', async () => {
    const { api, rendered } = render();
    const { user } = await rendered;
    await screen.findByRole('heading', { name: 'Print a summary', level: 1 });
    expect(sectionBoxes().map((box) => [box.getAttribute('value'), (box as HTMLInputElement).checked])).toEqual([
      ['basicProfile', true],
      ['identity', false],
      ['contact', false],
      ['documents', false],
      ['healthNeeds', true],
      ['legalNeeds', true],
      ['riskSummary', true],
      ['traffickingProfile', true],
      // The lists of files per category: copies of identity documents and photos show who she is.
      ['identityDocumentFiles', false],
      ['consentFormFiles', true],
      ['medicalFiles', true],
      ['legalFiles', true],
      ['travelFiles', true],
      ['certificateFiles', true],
      ['photoFiles', false],
      ['otherFiles', true],
    ]);
    expect(screen.queryByText('This summary will show who she is')).toBeNull();

    // Only the basic profile and the identity.
    for (const name of ['Health needs', 'Legal needs', 'Risk', 'Trafficking profile'])
      await user.click(screen.getByRole('checkbox', { name }));
    for (const box of sectionBoxes().filter((box) => box.getAttribute('value')!.endsWith('Files')))
      if ((box as HTMLInputElement).checked) await user.click(box);
    await user.click(screen.getByRole('checkbox', { name: 'Identity' }));
    expect(screen.getByText('This summary will show who she is')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Prepare summary' }));
    await waitFor(() => expect(api.sent('POST', SUMMARY_PATH)).toHaveLength(1));
    // In the lens's order, whatever order they were ticked in.
    expect(api.sent('POST', SUMMARY_PATH)[0]!.body).toEqual({ sections: ['basicProfile', 'identity'] });

    const header = await screen.findByTestId('print-running-header');
    expect(header.textContent).toContain('Ada Caseworker');
    expect(header.textContent).toContain('Harbour Shelter');
    expect(header.textContent).toMatch(/2026/);
    const document = screen.getByRole('article');
    expect(within(document).getByText(CASE.reference)).toBeTruthy();
    expect(within(document).getByRole('region', { name: 'Identity' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Print' })).toBeTruthy();
  });

  it('does not offer identifying sections to a reader who may not see the identity', async () => {
    // A team colleague's case: readable, its identity not.
    const { rendered } = render(
      'caseworker',
      openCase({ assignee: { id: '00000000-0000-4000-8000-0000000000ee', displayName: 'Bea' } } as never),
    );
    await rendered;
    await screen.findByRole('heading', { name: 'Print a summary', level: 1 });
    const offered = sectionBoxes().map((box) => box.getAttribute('value'));
    expect(offered).not.toContain('identity');
    expect(offered).not.toContain('contact');
    expect(offered).not.toContain('documents');
    expect(offered).toContain('basicProfile');
  });

  it('asks for at least one section and sends nothing without one', async () => {
    const { api, rendered } = render('supervisor');
    const { user } = await rendered;
    await screen.findByRole('heading', { name: 'Print a summary', level: 1 });
    for (const box of sectionBoxes()) if ((box as HTMLInputElement).checked) await user.click(box);
    await user.click(screen.getByRole('button', { name: 'Prepare summary' }));
    expect(await screen.findByText('Choose at least one section.')).toBeTruthy();
    expect(api.sent('POST', SUMMARY_PATH)).toHaveLength(0);
    expect(screen.queryByRole('button', { name: 'Print' })).toBeNull();
  });
});
