import { OutboxStore } from '@khuyencong/persistence';
import { planRelay, type RelayJob } from '@khuyencong/jobs';
import { type DataSource } from 'typeorm';

/** Where the relay adds its jobs (JobQueues in the worker). */
export interface JobSink {
  addAll(jobs: readonly RelayJob[]): Promise<void>;
}

export interface RelayLog {
  warn(message: string): void;
  log(message: string): void;
  error(message: string): void;
}

export interface OutboxRelayOptions {
  batchSize: number;
  /** How often the outbox is polled: the most an effect waits before it is relayed. */
  pollIntervalMs: number;
  /** A batch Redis did not take within this time is rolled back and retried. */
  enqueueTimeoutMs: number;
}

class EnqueueTimeoutError extends Error {
  constructor(ms: number) {
    super(`Redis did not take the jobs within ${ms} ms`);
    this.name = 'EnqueueTimeoutError';
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new EnqueueTimeoutError(ms)), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Moves committed outbox rows to BullMQ. Each batch is one transaction: claim rows (FOR UPDATE SKIP LOCKED, so
 * relays in other processes take other rows), add one job per row under an id derived from the outbox id,
 * mark the rows relayed, commit. If the adds fail the transaction rolls back and the rows wait for the next
 * round; if the commit fails after the adds, the next round adds the same job ids, which BullMQ ignores.
 */
export class OutboxRelay {
  private readonly outbox = new OutboxStore();
  private pollTimer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  /** Polls run every few ms: a failing database is reported when it starts failing, then every 10 s. */
  private failingSince: number | undefined;
  private lastReported = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly sink: JobSink,
    private readonly options: OutboxRelayOptions,
    private readonly logger: RelayLog,
  ) {}

  start(): void {
    this.stopped = false;
    this.pollTimer = setInterval(() => this.kick(), this.options.pollIntervalMs);
    this.kick();
  }

  /** Stops polling, then waits for the batch in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    await this.draining;
  }

  /** Asks for a drain; one runs at a time per relay, and a kick during a drain runs another after it. */
  kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Relays batches until one comes back short. A failure waits for the next poll. */
  async drain(): Promise<void> {
    try {
      // The common poll finds nothing: one index probe instead of a transaction.
      if (await this.outbox.hasUnrelayed(this.dataSource.manager)) {
        while (!this.stopped && (await this.relayBatch()) === this.options.batchSize);
      }
      if (this.failingSince !== undefined) this.logger.log(`outbox relay: working again after ${Date.now() - this.failingSince} ms`);
      this.failingSince = undefined;
    } catch (error) {
      this.again = false;
      const now = Date.now();
      this.failingSince ??= now;
      if (now - this.lastReported >= 10_000) {
        this.lastReported = now;
        this.logger.warn(`outbox relay: batch rolled back, retrying at the next poll: ${(error as Error).message}`);
      }
    }
  }

  /** Relays one batch in one transaction; returns the number of rows claimed. */
  async relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await this.outbox.claimBatch(manager, this.options.batchSize);
      if (rows.length === 0) return 0;
      const now = new Date();
      const jobs: RelayJob[] = [];
      for (const row of rows) {
        const plan = planRelay(row, now);
        if (plan.kind === 'job') jobs.push(plan.job);
        // Never blocks the queue: the row is marked relayed, and the error is there for an operator to see.
        else this.logger.error(`outbox #${row.id} (${row.effectType}) not relayed: ${plan.reason}`);
      }
      if (jobs.length > 0) await withTimeout(this.sink.addAll(jobs), this.options.enqueueTimeoutMs);
      await this.outbox.markRelayed(
        manager,
        rows.map((row) => row.id),
      );
      return rows.length;
    });
  }
}
