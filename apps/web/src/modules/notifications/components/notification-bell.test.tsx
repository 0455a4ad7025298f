import type { Notification } from '@haven/contracts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { fakeApi } from '../../../testing/fake-api';
import { renderWithProviders } from '../../../testing/render';
import { NotificationBell } from './notification-bell';

function notification(id: string, kind: Notification['kind']): Notification {
  return {
    id,
    kind,
    subjectType: 'Referral',
    subjectId: '00000000-0000-4000-8000-0000000000c1',
    createdAt: '2026-11-04T10:00:00.000Z',
    read: true,
    caseReference: null,
    actorName: null,
  };
}

const NEWEST = notification('00000000-0000-4000-8000-0000000000a1', 'referral.received');
const OLDER = notification('00000000-0000-4000-8000-0000000000a2', 'referral.declined');

describe('NotificationBell', () => {
  it('shows the newest notifications and reaches older ones page by page by the cursors the API gives', async () => {
    const api = fakeApi().on('GET', '/notifications', (request) => ({
      body: {
        items: request.query.get('cursor') ? [OLDER] : [NEWEST],
        total: 2,
        totalIsLowerBound: false,
        page: 1,
        pageSize: 10,
        nextCursor: request.query.get('cursor') ? null : 'after-a1',
        previousCursor: request.query.get('cursor') ? 'before-a2' : null,
        unread: 0,
      },
    }));
    const { user } = await renderWithProviders(<NotificationBell />);
    await waitFor(() => expect(api.sent('GET', '/notifications')).toHaveLength(1));
    const first = api.sent('GET', '/notifications')[0]!.query;
    expect([first.get('sort'), first.get('order'), first.get('pageSize'), first.get('cursor')]).toEqual([
      'createdAt',
      'desc',
      '10',
      null,
    ]);
    await user.click(screen.getByRole('button', { name: 'Notifications' }));
    expect(await screen.findByText('New referral received')).toBeInTheDocument();

    const pages = screen.getByRole('navigation', { name: 'Pages of notifications' });
    await user.click(within(pages).getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('A referral was declined')).toBeInTheDocument();
    expect(api.sent('GET', '/notifications').at(-1)!.query.get('cursor')).toBe('after-a1');
    expect(screen.queryByText('New referral received')).not.toBeInTheDocument();
  });
});
