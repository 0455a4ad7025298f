import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { act, screen } from '@testing-library/react';
import { fakeApi } from '../../../testing/fake-api';
import { renderWithProviders } from '../../../testing/render';
import { apiRequest } from '../../../app/api-client';
import { IdleWarning } from './idle-warning';

// The test session: idle limit 30 minutes, refresh step 1 minute, so the session may end 29 minutes after the last use.
const MINUTE = 60_000;
const dialog = () => screen.queryByRole('dialog', { name: 'Are you still there?' });

async function advance(ms: number) {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

describe('IdleWarning', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-12-07T09:00:00Z') });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  async function render(api = fakeApi()) {
    api.on('GET', '/ping', { body: {} });
    const rendered = await renderWithProviders(<IdleWarning />, { route: '/', path: '/' });
    // The clock of use starts with a request, as a screen's first one.
    await act(() => apiRequest('/ping'));
    return { api, ...rendered };
  }

  it('warns two minutes before the session would end, counting down, and stays quiet before', async () => {
    await render();
    await advance(26 * MINUTE + 59_000);
    expect(dialog()).toBeNull();
    await advance(1_000);
    expect(dialog()).not.toBeNull();
    expect(screen.getByText(/signed out in 2:00/)).toBeInTheDocument();
    await advance(15_000);
    expect(screen.getByText(/signed out in 1:45/)).toBeInTheDocument();
    // Focus is in the dialog, on "Stay signed in".
    expect(screen.getByRole('button', { name: 'Stay signed in' })).toHaveFocus();
  });

  it('"Stay signed in" asks the server to extend the session and puts the warning off again', async () => {
    const api = fakeApi().on('POST', '/auth/session/extend', {
      body: { idleExpiresAt: '2026-12-07T09:57:00.000Z' },
    });
    const { user } = await render(api);
    await advance(27 * MINUTE);
    expect(dialog()).not.toBeNull();
    await user.click(screen.getByRole('button', { name: 'Stay signed in' }));
    await advance(0);
    expect(api.sent('POST', '/auth/session/extend')).toHaveLength(1);
    expect(api.sent('POST', '/auth/session/extend')[0]!.headers['x-csrf-token']).toBe('csrf-test-token');
    expect(dialog()).toBeNull();
    // The next warning comes 27 minutes after the extension, not at the old end.
    await advance(26 * MINUTE);
    expect(dialog()).toBeNull();
    expect(api.sent('POST', '/auth/logout')).toHaveLength(0);
    await advance(MINUTE);
    expect(dialog()).not.toBeNull();
  });

  it('is used from the keyboard: Enter on the focused button stays, Escape stays too', async () => {
    const api = fakeApi().on('POST', '/auth/session/extend', {
      body: { idleExpiresAt: '2026-12-07T09:57:00.000Z' },
    });
    const { user } = await render(api);
    await advance(27 * MINUTE);
    await advance(100);
    expect(screen.getByRole('button', { name: 'Stay signed in' })).toHaveFocus();
    await user.keyboard('{Enter}');
    await advance(0);
    expect(api.sent('POST', '/auth/session/extend')).toHaveLength(1);
    expect(dialog()).toBeNull();
    await advance(27 * MINUTE);
    expect(dialog()).not.toBeNull();
    await advance(100);
    await user.keyboard('{Escape}');
    await advance(0);
    expect(api.sent('POST', '/auth/session/extend')).toHaveLength(2);
  });

  it('signs out when nobody answers, and background checks do not count as use', async () => {
    const api = fakeApi()
      .on('POST', '/auth/logout', { status: 204 })
      .on('GET', '/notifications', { body: { items: [], unread: 0 } });
    await render(api);
    await advance(20 * MINUTE);
    await act(() => apiRequest('/notifications', { background: true }));
    expect(api.sent('GET', '/notifications')[0]!.headers['x-haven-background']).toBe('true');
    await advance(7 * MINUTE);
    expect(dialog()).not.toBeNull();
    await advance(2 * MINUTE);
    expect(api.sent('POST', '/auth/logout')).toHaveLength(1);
    expect(await screen.findByTestId('navigated-to')).toHaveTextContent('/sign-in');
  });

  it('says so when the session could not be extended, and keeps the warning up', async () => {
    const { user } = await render(
      fakeApi().on('POST', '/auth/session/extend', () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    await advance(27 * MINUTE);
    await user.click(screen.getByRole('button', { name: 'Stay signed in' }));
    await advance(0);
    expect(screen.getByRole('alert')).toHaveTextContent('Could not keep you signed in');
    expect(dialog()).not.toBeNull();
  });

  it('reads in Arabic', async () => {
    fakeApi().on('GET', '/ping', { body: {} });
    await renderWithProviders(<IdleWarning />, { language: 'ar' });
    await act(() => apiRequest('/ping'));
    await advance(27 * MINUTE);
    expect(screen.getByRole('dialog', { name: 'هل ما زلت هنا؟' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'البقاء متصلًا' })).toBeInTheDocument();
  });
});
