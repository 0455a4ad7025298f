import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../config/config.js';
import type { EnvelopeEncryption } from '../../core/crypto/envelope-encryption.js';
import { StatisticsProjector } from './statistics-projector.service.js';
import type { StatisticsRepository } from './statistics.repository.js';

/**
 * A change queue with caseworkers at work: every batch the projector takes, `arrivingPerBatch`
 * new changes are queued while it projects (as registrations do under load).
 */
function busyQueue(initially: number, arrivingPerBatch: number) {
  let next = 0;
  const queue: string[] = Array.from({ length: initially }, () => `case-${(next += 1)}`);
  const projected: string[] = [];
  const repository = {
    countPending: async (atMost: number) => Math.min(queue.length, atMost),
    hasPending: async () => queue.length > 0,
    withProjectionLock: async <T>(work: (manager: never) => Promise<T>) => work({} as never),
    claimPending: async (_manager: unknown, limit: number) => {
      const claimed = queue.splice(0, limit);
      for (let count = 0; count < arrivingPerBatch; count += 1) queue.push(`case-${(next += 1)}`);
      return claimed;
    },
    loadSources: async () => ({ cases: [], services: [], referrals: [], placements: [], enrolments: [], visits: [] }),
    replaceRows: async () => undefined,
    releasePending: async (_manager: unknown, caseIds: string[]) => {
      projected.push(...caseIds);
    },
  };
  const crypto = { keyedHash: (purpose: string, value: string) => Buffer.from(`${purpose}:${value}`) };
  const config = loadConfig({ DATABASE_URL: 'postgres://x@y/z', STATS_REFRESH_INTERVAL_SECONDS: '0' });
  const projector = new StatisticsProjector(
    repository as unknown as StatisticsRepository,
    crypto as unknown as EnvelopeEncryption,
    config,
  );
  return { projector, projected, queue };
}

describe('refreshing the projection before a statistics request', () => {
  it('projects what was queued when it started and leaves changes made meanwhile to the next refresh', async () => {
    // 1,200 queued: three batches of 500, 500 and 200, with 40 new changes during each.
    const { projector, projected, queue } = busyQueue(1_200, 40);
    const result = await projector.refresh(5_000);
    expect(result).toEqual({ projected: 1_200, upToDate: true });
    expect(projected).toEqual(Array.from({ length: 1_200 }, (_, index) => `case-${index + 1}`));
    expect(queue).toHaveLength(120);
  });

  it('stops at its limit and says the figures are behind when more was queued', async () => {
    const { projector, projected } = busyQueue(800, 40);
    const result = await projector.refresh(600);
    expect(result).toEqual({ projected: 600, upToDate: false });
    expect(projected).toHaveLength(600);
  });

  it('is up to date with an empty queue', async () => {
    const { projector } = busyQueue(0, 0);
    expect(await projector.refresh(5_000)).toEqual({ projected: 0, upToDate: true });
  });
});
