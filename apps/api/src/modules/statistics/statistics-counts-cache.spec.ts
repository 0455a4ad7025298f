import { describe, expect, it } from '@jest/globals';
import { CountsCache } from './statistics-counts-cache.js';

/** A count the test finishes when it wants, and how many were started. */
function controlledCount() {
  const started: ((value: number) => void)[] = [];
  const count = () => new Promise<number>((resolve) => started.push(resolve));
  return { count, started };
}

const MINUTE = 60_000;

describe('counts cache', () => {
  const setUp = (maxStaleMs = 5 * MINUTE) => {
    let now = 1_000_000;
    const cache = new CountsCache({ maxStaleMs, graceMs: 20, maxEntries: 10, now: () => now });
    return { cache, advance: (ms: number) => (now += ms), at: () => now };
  };

  it('reuses the counts of the current version, however old, and counts once per key', async () => {
    const { cache, advance } = setUp();
    const { count, started } = controlledCount();
    const first = cache.get('table', '1', count);
    const second = cache.get('table', '1', count);
    expect(started).toHaveLength(1);
    started[0]!(7);
    expect((await first).value).toBe(7);
    expect((await second).value).toBe(7);
    advance(60 * MINUTE);
    expect((await cache.get('table', '1', count)).value).toBe(7);
    expect(started).toHaveLength(1);
  });

  it('counts again after a change, and gives the new counts when they come within the grace time', async () => {
    const { cache } = setUp();
    await cache.get('table', '1', async () => 7);
    const counted = await cache.get('table', '2', async () => 8);
    expect(counted.value).toBe(8);
  });

  it('serves earlier counts, with when they were counted, while a slow recount runs, then the new ones', async () => {
    const { cache, advance, at } = setUp();
    const countedAt = at();
    await cache.get('table', '1', async () => 7);
    advance(MINUTE);
    const { count, started } = controlledCount();
    const stale = await cache.get('table', '2', count);
    expect(stale).toEqual({ value: 7, countedAt: new Date(countedAt) });
    expect(started).toHaveLength(1);
    // Requests meanwhile share the recount running.
    expect((await cache.get('table', '2', count)).value).toBe(7);
    expect(started).toHaveLength(1);
    const recountedAt = at();
    started[0]!(8);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.get('table', '2', count)).toEqual({ value: 8, countedAt: new Date(recountedAt) });
  });

  it('recounts in the background one request at a time', async () => {
    const { cache, advance } = setUp();
    await cache.get('a', '1', async () => 1);
    await cache.get('b', '1', async () => 2);
    advance(1);
    const { count, started } = controlledCount();
    expect((await cache.get('a', '2', count)).value).toBe(1);
    expect((await cache.get('b', '2', count)).value).toBe(2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toHaveLength(1);
    started[0]!(10);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(started).toHaveLength(2);
    started[1]!(20);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await cache.get('a', '2', count)).value).toBe(10);
    expect((await cache.get('b', '2', count)).value).toBe(20);
  });

  it('never serves counts older than the bound: the request waits for the count', async () => {
    const { cache, advance, at } = setUp(5 * MINUTE);
    await cache.get('table', '1', async () => 7);
    advance(5 * MINUTE + 1);
    const { count, started } = controlledCount();
    const waiting = cache.get('table', '2', count);
    let answered = false;
    void waiting.then(() => (answered = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);
    started[0]!(8);
    expect(await waiting).toEqual({ value: 8, countedAt: new Date(at()) });
  });

  it('never serves earlier counts with a bound of 0, nor when asked not to (warming)', async () => {
    const strict = setUp(0);
    await strict.cache.get('table', '1', async () => 7);
    expect((await strict.cache.get('table', '2', async () => 8)).value).toBe(8);

    const { cache, advance } = setUp();
    await cache.get('table', '1', async () => 7);
    advance(1);
    const { count, started } = controlledCount();
    const warming = cache.get('table', '2', count, false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    started[0]!(8);
    expect((await warming).value).toBe(8);
  });

  it('hands out copies: a caller changing its counts changes no one else’s', async () => {
    const { cache } = setUp();
    const first = await cache.get('table', '1', async () => ({ cells: [1, 2] }));
    first.value.cells.push(3);
    expect((await cache.get('table', '1', async () => ({ cells: [] }))).value).toEqual({ cells: [1, 2] });
  });

  it('forgets a failed count: the next request counts again', async () => {
    const { cache } = setUp();
    await expect(cache.get('table', '1', async () => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone');
    expect((await cache.get('table', '1', async () => 9)).value).toBe(9);
  });
});
