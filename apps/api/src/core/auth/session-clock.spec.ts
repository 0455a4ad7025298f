import { describe, expect, it } from '@jest/globals';
import { idleRefreshStepMs } from './session-clock.js';

describe('idleRefreshStepMs: how stale the idle clock may get', () => {
  it('is a small fraction of a short limit, so a session in use never reaches it', () => {
    expect(idleRefreshStepMs(1)).toBe(3_000);
    expect(idleRefreshStepMs(5)).toBe(15_000);
  });

  it('is at most a minute for long limits', () => {
    expect(idleRefreshStepMs(30)).toBe(60_000);
    expect(idleRefreshStepMs(24 * 60)).toBe(60_000);
  });

  it('is always far shorter than the limit itself, for every limit the configuration accepts', () => {
    for (let minutes = 1; minutes <= 24 * 60; minutes += 1)
      expect(idleRefreshStepMs(minutes)).toBeLessThanOrEqual((minutes * 60_000) / 20);
  });
});
