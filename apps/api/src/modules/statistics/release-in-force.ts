import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChannelListener } from '../../core/database/channel-listener.js';
import { StatisticsReleaseRepository, type StoredRelease } from './statistics-release.repository.js';

/** The channel the trigger of migration 1764480000000 announces every change to the set of releases on. */
export const RELEASE_CHANGE_CHANNEL = 'haven_release_change';

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
  private readonly listener: ChannelListener;
  private listening = false;
  /** Bumped on every change: a read that began before one must not be kept. */
  private generation = 0;
  private known: StoredRelease | null | undefined;
  private lookup: { generation: number; release: Promise<StoredRelease | null> } | undefined;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly releases: StatisticsReleaseRepository,
  ) {
    this.listener = new ChannelListener({
      url: (dataSource.options as { url?: string }).url,
      channel: RELEASE_CHANGE_CHANNEL,
      applicationName: 'haven-release-changes',
      logger: new Logger('Statistics'),
      whileNotListening: 'every request reads the latest release',
      handlers: {
        onListening: () => {
          // Whatever was read before listening may be stale: start from a fresh read.
          this.forget();
          this.listening = true;
        },
        onNotification: () => this.forget(),
        onLost: () => this.stopKeeping(),
      },
    });
  }

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

  onApplicationBootstrap(): Promise<void> {
    return this.listener.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.listener.stop();
  }

  private stopKeeping(): void {
    this.listening = false;
    this.forget();
  }
}
