import type { Referral } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { fakeApi } from '../../../testing/fake-api';
import { openCase } from '../../../testing/fixtures';
import { ORGANISATION_ID, renderWithProviders } from '../../../testing/render';
import { ReferralsTab } from './referrals-tab';

const CASE = openCase();
const SENT: Referral = {
  id: '00000000-0000-4000-8000-0000000000f1',
  caseId: CASE.id,
  from: { id: ORGANISATION_ID, name: 'Harbour Shelter' },
  to: { id: '00000000-0000-4000-8000-0000000000a6', name: 'Riverside Clinic' },
  services: ['medical'],
  urgency: 'routine',
  lens: ['basicProfile', 'medicalFiles', 'photoFiles'],
  forReturn: false,
  suspension: null,
  message: null,
  consentOverridden: false,
  overrideReason: null,
  status: 'sent',
  response: null,
  outcome: null,
  sentAt: '2026-11-01T10:00:00.000Z',
  respondedAt: null,
  closedAt: null,
  version: 1,
};
const WITHOUT_FILES: Referral = {
  ...SENT,
  id: '00000000-0000-4000-8000-0000000000f2',
  to: { id: '00000000-0000-4000-8000-0000000000a5', name: 'Legal Aid Centre' },
  lens: ['basicProfile'],
};
const COMPLETED: Referral = {
  ...SENT,
  id: '00000000-0000-4000-8000-0000000000f3',
  to: { id: '00000000-0000-4000-8000-0000000000a7', name: 'Hillside Clinic' },
  status: 'completed',
  outcome: 'completed',
};

function renderTab(items: Referral[]) {
  fakeApi()
    .on('GET', `/cases/${CASE.id}/referrals`, { body: { items } })
    .on('GET', `/cases/${CASE.id}/transfers`, { body: { items: [] } })
    .on('GET', `/cases/${CASE.id}/protection-reviews`, { body: { items: [] } });
  return renderWithProviders(<ReferralsTab detail={CASE} />);
}

describe('ReferralsTab: files attached to a referral', () => {
  it('offers to attach a file only to an open referral whose lens shares files, and only of those categories', async () => {
    const { user } = await renderTab([SENT, WITHOUT_FILES, COMPLETED]);
    const clinic = await screen.findByRole('article', { name: 'Riverside Clinic' });
    expect(
      within(screen.getByRole('article', { name: 'Legal Aid Centre' })).queryByRole('button', {
        name: 'Attach a file',
      }),
    ).toBeNull();
    expect(
      within(screen.getByRole('article', { name: 'Hillside Clinic' })).queryByRole('button', { name: 'Attach a file' }),
    ).toBeNull();

    await user.click(within(clinic).getByRole('button', { name: 'Attach a file' }));
    const dialog = await screen.findByRole('dialog', { name: 'Attach files to this record' });
    await user.upload(within(dialog).getByLabelText('Choose files'), [
      new File(['x'], 'a.pdf', { type: 'application/pdf' }),
    ]);
    await user.click(within(dialog).getByRole('combobox', { name: /^Category of file 1/ }));
    expect((await screen.findAllByRole('option')).map((option) => option.textContent)).toEqual(['Medical', 'Photo']);
  });
});
