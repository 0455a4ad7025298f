import type { Logger } from '@nestjs/common';
import pg from 'pg';

const RECONNECT_AFTER_MS = 1_000;

export interface ChannelHandlers {
  /** Listening: from now on every change is announced (anything read before may be stale). */
  onListening(): void;
  /** An announcement on the channel, with its payload ('' when it has none). */
  onNotification(payload: string): void;
  /** Not listening (connection lost, or never made): changes may be missed until `onListening` again. */
  onLost(): void;
}

/**
 * One connection of its own LISTENing on a channel that database triggers NOTIFY on, for what a
 * process keeps in memory only while it hears of every change (the session cache, the statistics
 * release in force). A lost connection says so at once (`onLost`) and is made again a second later.
 */
export class ChannelListener {
  private client: pg.Client | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly options: {
      url: string | undefined;
      channel: string;
      applicationName: string;
      handlers: ChannelHandlers;
      logger: Logger;
      /** What happens meanwhile, for the warning when listening fails (e.g. "every request reads …"). */
      whileNotListening: string;
    },
  ) {}

  async start(): Promise<void> {
    const { url, channel, applicationName, handlers, logger, whileNotListening } = this.options;
    const client = new pg.Client({ connectionString: url, application_name: applicationName });
    this.client = client;
    client.on('notification', (message) => {
      if (message.channel === channel) handlers.onNotification(message.payload ?? '');
    });
    const lost = () => {
      if (this.client !== client) return;
      this.client = undefined;
      handlers.onLost();
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
      if (this.client === client) handlers.onListening();
    } catch (error) {
      logger.warn(
        `Not listening on ${channel} (${error instanceof Error ? error.message : 'unknown error'}): ${whileNotListening}.`,
      );
      lost();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    this.options.handlers.onLost();
    await client?.end().catch(() => undefined);
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.stopped) void this.start();
    }, RECONNECT_AFTER_MS);
    this.reconnectTimer.unref();
  }
}
