import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { HAVEN_CONFIG, type HavenConfig } from '../../config/config.js';
import { EnvelopeEncryption } from '../../core/crypto/envelope-encryption.js';
import { projectCases, type ProjectionKeys } from './statistics-projection.js';
import { StatisticsRepository } from './statistics.repository.js';
import { runAsSystem } from '../../core/request-context/database-scope.js';

const BATCH_SIZE = 500;
/** Cases per chunk of the rebuild: read, projected and inserted together. */
const REBUILD_CHUNK = 5_000;
/** A background run stops after this many cases and goes on at the next tick. */
const MAX_PER_TICK = 50_000;

export interface RebuildOptions {
  /** Called after each chunk, with the cases projected so far and the cases there were at the start. */
  onProgress?: (projected: number, total: number) => void;
  /** Cases read, projected and inserted together (tests use small chunks to cross many chunk boundaries). */
  casesPerChunk?: number;
}

/**
 * Keeps the anonymised projection current, incrementally.
 *
 * Why not synchronously, in the transaction of each change: the source tables are
 * written by many features (cases, consents, services, referrals, placements, training,
 * reintegration, transfers), and a projection hooked into each of them would be missed
 * by the next one; the row keys are keyed hashes that need the master key, which the
 * database must never hold; and the hot paths of case work should not pay for
 * statistics. Instead, triggers on every source table queue the changed case in the
 * same transaction as the change (nothing is missed, whatever wrote it), and this
 * refresher re-projects queued cases in batches: before every statistics request
 * (bounded), and on a timer. `npm run stats:rebuild` rebuilds everything from scratch.
 */
@Injectable()
export class StatisticsProjector implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Statistics');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private readonly keys: ProjectionKeys;

  constructor(
    private readonly repository: StatisticsRepository,
    crypto: EnvelopeEncryption,
    @Inject(HAVEN_CONFIG) private readonly config: HavenConfig,
  ) {
    this.keys = {
      rowKey: (caseId) => crypto.keyedHash('stats-row', caseId),
      personKey: (rootId) => crypto.keyedHash('stats-person', rootId),
    };
  }

  onModuleInit(): void {
    const seconds = this.config.statistics.refreshIntervalSeconds;
    if (seconds <= 0) return;
    this.timer = setInterval(() => this.tick(), seconds * 1000);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private readonly changeListeners: (() => Promise<void>)[] = [];

  /** Called after a background refresh that changed the projection (not waited for: the next tick does not wait on it, nor does shutdown). */
  onProjectionChanged(listener: () => Promise<void>): void {
    this.changeListeners.push(listener);
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.refresh(MAX_PER_TICK)
      .then(({ projected }) => {
        if (projected > 0) for (const listener of this.changeListeners) void listener();
      })
      .catch((error: unknown) =>
        this.logger.error(`Statistics refresh failed: ${error instanceof Error ? error.message : 'unknown error'}`),
      )
      .finally(() => (this.running = undefined));
  }

  /**
   * Re-projects the cases queued when it starts, a batch per transaction, `maxCases` at
   * most. Returns how many it projected and whether that was every case queued when it
   * started (or the queue is now empty): changes made meanwhile wait for the next refresh.
   */
  refresh(
    maxCases: number = this.config.statistics.refreshMaxBeforeServing,
  ): Promise<{ projected: number; upToDate: boolean }> {
    // One refresh at a time per process: concurrent requests share it instead of each
    // holding a pooled connection while they queue for the projection lock.
    // Across organisations by nature: the projection reads every case (it publishes only anonymised counts).
    this.inFlight ??= runAsSystem('statistics projection', () => this.refreshQueue(maxCases)).finally(
      () => (this.inFlight = undefined),
    );
    return this.inFlight;
  }

  private inFlight: Promise<{ projected: number; upToDate: boolean }> | undefined;

  private async refreshQueue(maxCases: number): Promise<{ projected: number; upToDate: boolean }> {
    // Only what is queued now: while cases are registered and changed all day the queue
    // never empties, and a refresh that chased it would keep the statistics request that
    // asked for it waiting until it had done `maxCases`, a batch every few seconds.
    const queued = await this.repository.countPending(maxCases + 1);
    const target = Math.min(queued, maxCases);
    let projected = 0;
    while (projected < target) {
      const done = await this.repository.withProjectionLock(async (manager) => {
        const caseIds = await this.repository.claimPending(manager, Math.min(BATCH_SIZE, target - projected));
        if (caseIds.length) {
          await this.project(manager, caseIds);
          await this.repository.releasePending(manager, caseIds);
        }
        return caseIds.length;
      });
      projected += done;
      if (done === 0) break;
    }
    const upToDate = (queued <= maxCases && projected >= queued) || !(await this.repository.hasPending());
    return { projected, upToDate };
  }

  /**
   * Rebuilds the whole projection from the case tables in one transaction: statistics
   * read the old rows until it commits. The queue is emptied first, in a short
   * transaction of its own (so no writer waits for the rebuild): every change queued by
   * then is committed, so the rebuild reads it. A change made during the rebuild queues
   * its case again and is picked up by the next refresh. Should the rebuild fail, every
   * case is queued again, so the incremental refresh catches up on its own.
   */
  rebuild(options: RebuildOptions = {}): Promise<number> {
    return runAsSystem('statistics rebuild', () => this.rebuildAll(options));
  }

  private async rebuildAll({ onProgress, casesPerChunk = REBUILD_CHUNK }: RebuildOptions): Promise<number> {
    await this.repository.clearPending();
    try {
      // Only to report progress against: the rebuild itself reads every case there is when it starts.
      const total = onProgress ? await this.repository.countCases() : 0;
      return await this.repository.withProjectionLock(async (manager) => {
        await this.repository.deferSummaries(manager);
        await this.repository.deleteAllRows(manager);
        let count = 0;
        const chunks = this.repository.readAllSources(manager, casesPerChunk);
        // The next chunk is read while this one is projected: PostgreSQL and Node work at the same time.
        const read = () => {
          const chunk = chunks.next();
          chunk.catch(() => undefined); // awaited below; a failed insert must not leave it unhandled
          return chunk;
        };
        let next = read();
        for (;;) {
          const chunk = await next;
          if (chunk.done) {
            await this.repository.recountSummaries(manager);
            return count;
          }
          next = read();
          await this.repository.appendRows(manager, projectCases(chunk.value, this.keys));
          count += chunk.value.cases.length;
          onProgress?.(count, total);
        }
      });
    } catch (error) {
      await this.repository.queueAllCases();
      throw error;
    }
  }

  private async project(manager: EntityManager, caseIds: string[]): Promise<void> {
    const facts = await this.repository.loadSources(manager, caseIds);
    const rows = projectCases(facts, this.keys);
    // Keys of every claimed case, so the rows of a deleted case go too.
    await this.repository.replaceRows(
      manager,
      caseIds.map((id) => this.keys.rowKey(id)),
      rows,
    );
  }
}
