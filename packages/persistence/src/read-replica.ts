import { type DataSource, type EntityManager } from 'typeorm';
import { createDataSource } from './data-source.js';

/** Where a read replica reports what happened to it. */
export interface ReadReplicaLog {
  warn(message: string): void;
  log(message: string): void;
}

export interface ReadReplicaOptions {
  /** The streaming replica (a hot standby). */
  url: string;
  /** The primary the replica follows: sampled for its WAL position on each probe. */
  primary: DataSource;
  /** Staleness beyond which the replica is not used. */
  maxLagMs: number;
  /** Connections to the replica (default 4: it serves only the reads that may be stale). */
  poolSize?: number;
  /** How often the lag is measured (default 1000 ms). */
  probeIntervalMs?: number;
  applicationName?: string;
  logger: ReadReplicaLog;
  /** The clock (tests). */
  now?: () => number;
}

/** What the last probe found, for the health report. */
export interface ReplicaState {
  usable: boolean;
  /** How stale the replica may be, at most, in ms; null when unknown (unreachable, never measured). */
  lagMs: number | null;
  /** Why it is not usable (no host or address: the health report is public). */
  reason?: string;
}

/** One look at the primary: everything committed before `at` is at or below `lsn`. */
interface PrimarySample {
  at: number;
  lsn: bigint;
}

/** A WAL position as PostgreSQL prints it (`16/B374D848`) as a number that compares. */
export function parseLsn(text: string): bigint {
  const [high, low] = text.split('/');
  if (high === undefined || low === undefined) throw new Error(`not a WAL position: ${text}`);
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

/**
 * A second data source on a streaming replica, and a probe that keeps measuring how stale it is.
 *
 * The lag is measured against the primary, not from the replica's replay timestamp alone: on an idle primary
 * `now() - pg_last_xact_replay_timestamp()` grows without anything pending, and "received = replayed" says
 * nothing about WAL the replica has not received yet. Each probe first notes the primary's WAL position with the
 * time just before asking (everything committed before that time lies at or below it), then asks the replica how
 * far it has replayed. The replica holds everything the primary had committed at the newest such time whose
 * position it has replayed, so `now - that time` bounds its staleness, whether or not the primary is busy.
 *
 * A replica that is unreachable, no longer in recovery (promoted: it has left the primary's history) or whose
 * staleness is unknown is not usable; nothing here throws, callers read from the primary instead.
 */
export class ReadReplica {
  private source: DataSource | undefined;
  private timer: NodeJS.Timeout | undefined;
  private samples: PrimarySample[] = [];
  /** The newest time up to which the replica is known to hold everything the primary committed. */
  private caughtUpTo: number | undefined;
  private failure: string | undefined = 'not yet measured';
  private probing: Promise<void> | undefined;
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly options: ReadReplicaOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Starts probing; never throws (an unreachable replica is retried on every probe). */
  async start(): Promise<void> {
    this.stopped = false;
    await this.probe();
    this.timer = setInterval(() => void this.probe(), this.options.probeIntervalMs ?? 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.probing;
    const source = this.source;
    this.source = undefined;
    if (source?.isInitialized) await source.destroy().catch(() => undefined);
  }

  /** The replica's state as of the last probe, its lag counted up to now. */
  state(): ReplicaState {
    const lagMs = this.caughtUpTo === undefined ? null : Math.max(0, this.now() - this.caughtUpTo);
    if (this.failure !== undefined) return { usable: false, lagMs, reason: this.failure };
    if (lagMs === null) return { usable: false, lagMs, reason: 'not yet measured' };
    if (lagMs > this.options.maxLagMs) return { usable: false, lagMs, reason: `more than ${this.options.maxLagMs} ms behind` };
    return { usable: true, lagMs };
  }

  /** The replica's EntityManager when it is usable now, else undefined (read from the primary). */
  manager(): EntityManager | undefined {
    return this.state().usable && this.source?.isInitialized ? this.source.manager : undefined;
  }

  /** One measurement (runs on a timer; exposed for tests). Overlapping calls share one run. */
  probe(): Promise<void> {
    this.probing ??= this.measure().finally(() => {
      this.probing = undefined;
    });
    return this.probing;
  }

  private async measure(): Promise<void> {
    if (this.stopped) return;
    try {
      const source = await this.connected();
      const at = this.now();
      const primary = await this.options.primary.query<{ lsn: string }[]>('SELECT pg_current_wal_lsn()::text AS lsn').catch(() => undefined);
      // Without the primary's position the staleness cannot be bounded; what was measured before keeps ageing.
      if (primary?.[0] !== undefined) this.samples.push({ at, lsn: parseLsn(primary[0].lsn) });
      // Samples older than the bound can no longer make the replica usable; keep a few more for the health report.
      const horizon = this.now() - 2 * this.options.maxLagMs;
      while (this.samples.length > 2 && this.samples[0]!.at < horizon) this.samples.shift();

      const [replica] = await source.query<{ recovery: boolean; replayed: string | null }[]>(
        'SELECT pg_is_in_recovery() AS recovery, pg_last_wal_replay_lsn()::text AS replayed',
      );
      if (!replica!.recovery) return this.fail('not a standby (promoted?)');
      if (replica!.replayed === null) return this.fail('not replaying');
      const replayed = parseLsn(replica!.replayed);
      const covered = this.samples.filter((sample) => sample.lsn <= replayed).at(-1);
      if (covered !== undefined && (this.caughtUpTo === undefined || covered.at > this.caughtUpTo)) this.caughtUpTo = covered.at;
      if (this.failure !== undefined) this.options.logger.log(`read replica measured (${this.state().lagMs} ms behind)`);
      this.failure = undefined;
    } catch (error) {
      this.fail('unreachable', error);
    }
  }

  private fail(reason: string, error?: unknown): void {
    if (this.failure !== reason) this.options.logger.warn(`read replica not usable: ${reason}${error instanceof Error ? ` (${error.message})` : ''}`);
    this.failure = reason;
  }

  /** The replica's pool, created on the first probe that reaches it. */
  private async connected(): Promise<DataSource> {
    if (this.source?.isInitialized) return this.source;
    const source = createDataSource({
      url: this.options.url,
      poolSize: this.options.poolSize ?? 4,
      applicationName: this.options.applicationName ?? 'khuyencong-replica-reads',
      serialQueries: true,
    });
    await source.initialize();
    if (this.stopped) {
      await source.destroy();
      throw new Error('stopped');
    }
    this.source = source;
    return source;
  }
}
