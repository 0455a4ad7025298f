import type { ProtectionReview } from '../api/transfers-api';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { fakeApi, fieldProblem, heldReply, problem } from '../../../testing/fake-api';
import { openCase } from '../../../testing/fixtures';
import { renderWithProviders, USER_ID } from '../../../testing/render';
import { ProtectionReviewsSection } from './protection-reviews-section';

const CASE = openCase();
const REVIEWS = `/cases/${CASE.id}/protection-reviews`;
const BLOCKED: ProtectionReview = {
  id: '00000000-0000-4000-8000-0000000000d1',
  decision: 'returnBlocked',
  reason: 'She fears her trafficker’s family at home.',
  decidedBy: { id: USER_ID, displayName: 'Sam Supervisor' },
  decidedAt: '2026-02-01T09:00:00.000Z',
};
const REASON = 'Screening concluded no protection need; she asked to go home.';

async function openDialog() {
  const rendered = await renderWithProviders(<ProtectionReviewsSection detail={CASE} />, { role: 'supervisor' });
  await rendered.user.click(await screen.findByRole('button', { name: 'Record protection review' }));
  return rendered;
}

const reasonInput = () => screen.getByRole('textbox', { name: /^Reasons for the decision/ });

describe('ProtectionReviewsSection', () => {
  it('lists the decisions taken, and offers a caseworker no way to record one', async () => {
    fakeApi().on('GET', REVIEWS, { body: { items: [BLOCKED] } });
    await renderWithProviders(<ProtectionReviewsSection detail={CASE} />);
    const section = screen.getByRole('region', { name: 'Protection reviews' });
    expect(await within(section).findByText('Return blocked')).toBeInTheDocument();
    expect(section).toHaveTextContent(/fears her trafficker/);
    expect(screen.queryByRole('button', { name: 'Record protection review' })).not.toBeInTheDocument();
  });

  it('asks a supervisor for a decision and its reasons, sending nothing without them', async () => {
    const api = fakeApi().on('GET', REVIEWS, { body: { items: [] } });
    const { user } = await openDialog();
    expect(screen.getByRole('dialog', { name: 'Record protection review' })).toBeInTheDocument();
    expect(screen.getByRole('radiogroup', { name: /^Decision/ })).toBeInTheDocument();
    expect(reasonInput()).toBeRequired();
    expect(reasonInput()).toHaveAccessibleDescription(/At least 10 characters/);
    await user.type(reasonInput(), 'Too short');
    await user.click(screen.getByRole('button', { name: 'Save review' }));
    const dialog = screen.getByRole('dialog', { name: 'Record protection review' });
    expect(within(dialog).getByText('Choose an option')).toBeInTheDocument();
    expect(reasonInput()).toHaveAccessibleDescription(/^At least 10 characters At least 10 characters\. Stored/);
    expect(api.sent('POST', REVIEWS)).toHaveLength(0);
  });

  it('records the review, Save disabled while it is on its way, and closes', async () => {
    const held = heldReply({ status: 201, body: { ...BLOCKED, decision: 'returnMayProceed', reason: REASON } });
    const api = fakeApi()
      .on('GET', REVIEWS, { body: { items: [] } })
      .on('POST', REVIEWS, held.answer);
    const { user } = await openDialog();
    await user.click(screen.getByRole('radio', { name: 'Return may proceed' }));
    await user.type(reasonInput(), REASON);
    await user.click(screen.getByRole('button', { name: 'Save review' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Save review' })).toBeDisabled());
    held.release();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.sent('POST', REVIEWS).map((request) => request.body)).toEqual([
      { decision: 'returnMayProceed', reason: REASON },
    ]);
  });

  it('shows the server refusing a field next to that field', async () => {
    fakeApi()
      .on('GET', REVIEWS, { body: { items: [] } })
      .on('POST', REVIEWS, fieldProblem([{ field: 'reason', message: 'At most 4000 characters' }]));
    const { user } = await openDialog();
    await user.click(screen.getByRole('radio', { name: 'Return blocked' }));
    await user.type(reasonInput(), REASON);
    await user.click(screen.getByRole('button', { name: 'Save review' }));
    await waitFor(() => expect(reasonInput()).toHaveAccessibleDescription(/At most 4000 characters/));
    expect(reasonInput()).toHaveFocus();
  });

  it('says when the case no longer allows it', async () => {
    fakeApi()
      .on('GET', REVIEWS, { body: { items: [] } })
      .on('POST', REVIEWS, problem(409));
    const { user } = await openDialog();
    await user.click(screen.getByRole('radio', { name: 'Return blocked' }));
    await user.type(reasonInput(), REASON);
    await user.click(screen.getByRole('button', { name: 'Save review' }));
    expect(await screen.findByText('This cannot be done right now')).toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: 'Record protection review' })).toBeInTheDocument();
  });

  it('is closed with Cancel or Escape, recording nothing', async () => {
    const api = fakeApi().on('GET', REVIEWS, { body: { items: [] } });
    const { user } = await openDialog();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Record protection review' }));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.sent('POST', REVIEWS)).toHaveLength(0);
  });
});
