import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChannelListener } from '../database/channel-listener.js';
import { SessionCache } from './session-cache.js';

/** The channel the triggers of migration 1764459500000 announce session changes on. */
export const SESSION_CHANGE_CHANNEL = 'haven_session_change';
/** The payload that means "every session may have changed" (an organisation's team mode). */
export const EVERY_SESSION = '*';

/**
 * Keeps one connection of its own listening for session changes (LISTEN), and enables
 * the session cache only while it listens: a change it might have missed (connection
 * lost, database restarted) disables the cache and drops every entry until it listens
 * again, so a revoked session is never served from memory.
 */
@Injectable()
export class SessionChangeListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly listener: ChannelListener;

  constructor(@InjectDataSource() dataSource: DataSource, cache: SessionCache) {
    this.listener = new ChannelListener({
      url: (dataSource.options as { url?: string }).url,
      channel: SESSION_CHANGE_CHANNEL,
      applicationName: 'haven-session-changes',
      logger: new Logger('Sessions'),
      whileNotListening: 'every request reads its session from the database',
      handlers: {
        onListening: () => cache.enable(),
        onNotification: (payload) => {
          if (!payload || payload === EVERY_SESSION) cache.forgetAll();
          else cache.forgetUser(payload);
        },
        onLost: () => cache.disable(),
      },
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.listener.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.listener.stop();
  }
}
