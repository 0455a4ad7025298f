import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { SessionCache } from './session-cache.js';

/** The channel the triggers of migration 1764459500000 announce session changes on. */
export const SESSION_CHANGE_CHANNEL = 'haven_session_change';
/** The payload that means "every session may have changed" (an organisation's team mode). */
export const EVERY_SESSION = '*';
const RECONNECT_AFTER_MS = 1_000;

/**
 * Keeps one connection of its own listening for session changes (LISTEN), and enables
 * the session cache only while it listens: a change it might have missed (connection
 * lost, database restarted) disables the cache and drops every entry until it listens
 * again, so a revoked session is never served from memory.
 */
@Injectable()
export class SessionChangeListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Sessions');
  private client: pg.Client | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cache: SessionCache,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.cache.disable();
    await this.client?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const url = (this.dataSource.options as { url?: string }).url;
    const client = new pg.Client({ connectionString: url, application_name: 'haven-session-changes' });
    this.client = client;
    client.on('notification', (message) => {
      if (message.channel !== SESSION_CHANGE_CHANNEL) return;
      if (!message.payload || message.payload === EVERY_SESSION) this.cache.forgetAll();
      else this.cache.forgetUser(message.payload);
    });
    const lost = () => {
      if (this.client !== client) return;
      this.cache.disable();
      this.client = undefined;
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      await client.query(`LISTEN ${SESSION_CHANGE_CHANNEL}`);
      if (this.client === client) this.cache.enable();
    } catch (error) {
      this.logger.warn(
        `Not listening for session changes (${error instanceof Error ? error.message : 'unknown error'}): every request reads its session from the database.`,
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
