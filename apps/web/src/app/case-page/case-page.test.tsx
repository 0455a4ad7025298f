import type { CaseDetail } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import { Link } from 'react-router';
import { caseKeys } from '../../modules/cases';
import { fakeApi } from '../../testing/fake-api';
import { openCase } from '../../testing/fixtures';
import { renderWithProviders } from '../../testing/render';
import { CasePage } from './case-page';

const WHOLE = {
  riskLevel: 'medium',
  consent: { assistance: 'granted', statistics: 'none', research: 'none' },
  openTasks: 0,
  closure: null,
  registeredAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-02T10:00:00.000Z',
} as Partial<CaseDetail>;
const FIRST = openCase(WHOLE);
const SECOND = openCase({ ...WHOLE, id: '00000000-0000-4000-8000-0000000000de', reference: 'HV-9X2M-4R7T' });
const emptyNotes = { body: { items: [], total: 0, page: 1, pageSize: 20 } };

/** The case page with a link to another case beside it, as the header menu or My work would offer. */
function CasePageWithLinkElsewhere() {
  return (
    <>
      <Link to={`/cases/${SECOND.id}?tab=notes`}>Go to the other case</Link>
      <CasePage />
    </>
  );
}

describe('CasePage', () => {
  it('starts the tabs afresh on another case: a note half-written on one is not offered on the next', async () => {
    fakeApi()
      .on('GET', `/cases/${FIRST.id}`, { body: FIRST })
      .on('GET', `/cases/${SECOND.id}`, { body: SECOND })
      .on('GET', `/cases/${FIRST.id}/notes`, emptyNotes)
      .on('GET', `/cases/${SECOND.id}/notes`, emptyNotes);
    const { user, queryClient } = await renderWithProviders(<CasePageWithLinkElsewhere />, {
      route: `/cases/${FIRST.id}?tab=notes`,
      path: '/cases/:caseId',
    });
    // The other case is already in the cache (seen a moment ago), so the page moves to it without a loader
    // in between: nothing unmounts the tabs on the way.
    queryClient.setQueryData(caseKeys.detail(SECOND.id), SECOND);

    const draft = await screen.findByRole('textbox', { name: /^New note/ });
    await user.type(draft, 'Met at the station');
    await user.click(screen.getByRole('link', { name: 'Go to the other case' }));

    await screen.findByRole('heading', { level: 1, name: SECOND.reference });
    await waitFor(() => expect(screen.getByRole('textbox', { name: /^New note/ })).toHaveValue(''));
  });
});
