import pg from 'pg';

/** Where a listener reports what happened to its connection. */
export interface ListenerLog {
  warn(message: string): void;
  log(message: string): void;
}

export interface ChannelListenerOptions {
  databaseUrl: string;
  /** The NOTIFY channel (a plain identifier). */
  channel: string;
  /** Called with each notification's payload. */
  onNotify: (payload: string) => void;
  /**
   * Called when the connection is up (after LISTEN), and when it is lost: notifications sent while nobody
   * listened are gone, so whoever relies on them must catch up or stop trusting what they cached.
   */
  onState?: (listening: boolean) => void;
  logger: ListenerLog;
  applicationName: string;
  reconnectDelayMs?: number;
}

/**
 * A dedicated PostgreSQL connection that LISTENs on one channel and reconnects after an error. `listening`
 * says whether notifications are being received right now.
 */
export class ChannelListener {
  private client: pg.Client | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private up = false;

  constructor(private readonly options: ChannelListenerOptions) {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.channel)) throw new Error(`invalid channel name ${options.channel}`);
  }

  get listening(): boolean {
    return this.up;
  }

  /** Connects; never throws (the caller's fallback covers the time until a connection succeeds). */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    this.setUp(false);
    await client?.end().catch(() => undefined);
  }

  private setUp(up: boolean): void {
    if (this.up === up) return;
    this.up = up;
    this.options.onState?.(up);
  }

  private async connect(): Promise<void> {
    const { channel, logger } = this.options;
    const delay = this.options.reconnectDelayMs ?? 1000;
    const client = new pg.Client({ connectionString: this.options.databaseUrl, application_name: this.options.applicationName });
    const lost = (reason: string) => {
      if (this.client !== client) return;
      this.client = undefined;
      this.setUp(false);
      client.end().catch(() => undefined);
      logger.warn(`LISTEN ${channel} connection lost (${reason}); reconnecting in ${delay} ms`);
      this.scheduleReconnect(delay);
    };
    client.on('notification', (message) => this.options.onNotify(message.payload ?? ''));
    client.on('error', (error) => lost(error.message));
    client.on('end', () => lost('closed'));
    try {
      this.client = client;
      await client.connect();
      await client.query(`LISTEN ${channel}`);
      if (this.stopped) {
        await this.stop();
        return;
      }
      this.setUp(true);
    } catch (error) {
      if (this.client === client) {
        this.client = undefined;
        await client.end().catch(() => undefined);
        if (!this.stopped) {
          logger.warn(`LISTEN ${channel} failed (${(error as Error).message}); retrying in ${delay} ms`);
          this.scheduleReconnect(delay);
        }
      }
    }
  }

  private scheduleReconnect(delay: number): void {
    if (this.stopped || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.stopped) void this.connect();
    }, delay);
  }
}
