/**
 * Preloaded into the API by the soak (`node --expose-gc --import tests/bench/memory-probe.mjs`,
 * see `startApi({ memoryProbe })` in lib.mjs); never part of the application.
 *
 * RSS alone cannot tell a leak from V8 sizing its heap: the young generation and the
 * old generation's headroom grow to a plateau under load, and freed pages go back to the
 * system late or not at all. What leaks is what survives a full collection. So every
 * BENCH_MEMORY_INTERVAL_MS this forces one (`gc()`, from --expose-gc) and appends the heap
 * still in use afterwards, with RSS and the number of open handles (sockets, timers), as
 * one JSON line to BENCH_MEMORY_FILE. A full collection of a heap of this size takes tens
 * of milliseconds; at one every 10 s that is well under 1 % of the run.
 */
import { appendFileSync } from 'node:fs';

const file = process.env.BENCH_MEMORY_FILE;
const every = Number(process.env.BENCH_MEMORY_INTERVAL_MS ?? 10_000);
const mb = (bytes) => Math.round((bytes / 1024 / 1024) * 10) / 10;

if (file && typeof globalThis.gc === 'function') {
  const sample = () => {
    const before = process.memoryUsage();
    const gcStarted = process.hrtime.bigint();
    globalThis.gc();
    const gcMs = Number(process.hrtime.bigint() - gcStarted) / 1e6;
    const after = process.memoryUsage();
    appendFileSync(
      file,
      `${JSON.stringify({
        at: Date.now(),
        rssMb: mb(after.rss),
        heapUsedBeforeGcMb: mb(before.heapUsed),
        heapUsedMb: mb(after.heapUsed),
        heapTotalMb: mb(after.heapTotal),
        externalMb: mb(after.external),
        arrayBuffersMb: mb(after.arrayBuffers),
        gcMs: Math.round(gcMs * 10) / 10,
        handles: process.getActiveResourcesInfo().length,
      })}\n`,
    );
  };
  setInterval(sample, every).unref();
}
