import pg from 'pg';

/** Where the listener reports what happened to its connection. */
export interface ListenerLog {
  warn(message: string): void;
  log(message: string): void;
}

/**
 * A dedicated PostgreSQL connection that LISTENs on channel `outbox` (the outbox table NOTIFYs it on every
 * committed insert) and calls `onNotify`. After an error it reconnects, and calls `onNotify` once connected
 * again, since rows committed while it was away sent their notifications to nobody.
 */
export class OutboxListener {
  private client: pg.Client | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly onNotify: () => void,
    private readonly logger: ListenerLog,
    private readonly reconnectDelayMs = 1000,
  ) {}

  /** Connects; never throws (the relay's polling covers the time until a connection succeeds). */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl, application_name: 'khuyencong-relay-listener' });
    const lost = (reason: string) => {
      if (this.client !== client) return;
      this.client = undefined;
      client.end().catch(() => undefined);
      this.logger.warn(`LISTEN outbox connection lost (${reason}); reconnecting in ${this.reconnectDelayMs} ms`);
      this.scheduleReconnect();
    };
    client.on('notification', () => this.onNotify());
    client.on('error', (error) => lost(error.message));
    client.on('end', () => lost('closed'));
    try {
      this.client = client;
      await client.connect();
      await client.query('LISTEN outbox');
      if (this.stopped) {
        await this.stop();
        return;
      }
      this.onNotify();
    } catch (error) {
      if (this.client === client) {
        this.client = undefined;
        await client.end().catch(() => undefined);
        if (!this.stopped) {
          this.logger.warn(`LISTEN outbox failed (${(error as Error).message}); retrying in ${this.reconnectDelayMs} ms`);
          this.scheduleReconnect();
        }
      }
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.stopped) void this.connect();
    }, this.reconnectDelayMs);
  }
}
