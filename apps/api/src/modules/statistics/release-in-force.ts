import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { StatisticsReleaseRepository, type StoredRelease } from './statistics-release.repository.js';

/** The channel the trigger of migration 1764480000000 announces every change to the set of releases on. */
export const RELEASE_CHANGE_CHANNEL = 'haven_release_change';
const RECONNECT_AFTER_MS = 1_000;

/**
 * The statistics release in force, kept in memory so that serving a published table
 * reads nothing from the database. It is kept only while a connection of its own listens
 * for release changes (LISTEN, migration 1764480000000): any release stored or pruned by
 * any process announces itself on commit and the kept one is dropped; a change it might
 * have missed (connection lost) drops it and every request reads the latest release again
 * until it listens once more. This process's own releases drop it at once
 * (`forget`, called by StatisticsReleases after commit), without waiting for the
 * announcement.
 */
@Injectable()
export class ReleaseInForce implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Statistics');
  private client: pg.Client | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private listening = false;
  /** Bumped on every change: a read that began before one must not be kept. */
  private generation = 0;
  private known: StoredRelease | null | undefined;
  private lookup: { generation: number; release: Promise<StoredRelease | null> } | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly releases: StatisticsReleaseRepository,
  ) {}

  /** The latest release (null: none yet). */
  async get(): Promise<StoredRelease | null> {
    if (this.known !== undefined) return this.known;
    // Requests arriving while a read of the current generation is in flight take its answer.
    if (this.lookup?.generation !== this.generation) {
      const generation = this.generation;
      const keep = this.listening;
      const release = this.releases.latest().then((latest) => {
        if (keep && this.listening && generation === this.generation) this.known = latest;
        return latest;
      });
      const lookup = { generation, release };
      this.lookup = lookup;
      void release.finally(() => {
        if (this.lookup === lookup) this.lookup = undefined;
      });
    }
    return this.lookup!.release;
  }

  /** Drops the kept release: the next request reads the latest again. */
  forget(): void {
    this.generation += 1;
    this.known = undefined;
  }

  /** Whether the release is being kept (tests). */
  get keeping(): boolean {
    return this.listening;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.stopKeeping();
    await this.client?.end().catch(() => undefined);
  }

  private stopKeeping(): void {
    this.listening = false;
    this.forget();
  }

  private async listen(): Promise<void> {
    const url = (this.dataSource.options as { url?: string }).url;
    const client = new pg.Client({ connectionString: url, application_name: 'haven-release-changes' });
    this.client = client;
    client.on('notification', (message) => {
      if (message.channel === RELEASE_CHANGE_CHANNEL) this.forget();
    });
    const lost = () => {
      if (this.client !== client) return;
      this.stopKeeping();
      this.client = undefined;
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      await client.query(`LISTEN ${RELEASE_CHANGE_CHANNEL}`);
      if (this.client === client) {
        // Whatever was read before listening may be stale: start from a fresh read.
        this.forget();
        this.listening = true;
      }
    } catch (error) {
      this.logger.warn(
        `Not listening for statistics releases (${error instanceof Error ? error.message : 'unknown error'}): every request reads the latest release.`,
      );
      lost();
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.stopped) void this.listen();
    }, RECONNECT_AFTER_MS);
    this.reconnectTimer.unref();
  }
}
