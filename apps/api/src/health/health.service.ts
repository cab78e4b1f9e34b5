import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { type ApiConfig } from '@khuyencong/config';
import { heartbeatKey, liveWorkers, type RedisClient } from '@khuyencong/jobs';
import { HealthStore } from '@khuyencong/persistence';
import { API_CONFIG } from '../config.js';
import { REDIS } from '../infra/redis.module.js';
import { ReadRouter } from '../infra/read-routing.js';
import { type HealthReport, type ComponentHealth } from './dto/health-report.dto.js';

const CHECK_TIMEOUT_MS = 1500;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

const logger = new Logger('Health');

/** The check failed; `detail` is what the public report may say (no host, port, address or worker name). */
class HealthCheckFailure extends Error {
  constructor(readonly detail: string) {
    super(detail);
  }
}

/**
 * Runs one check. The report is public (the login page shows it), so a failure is described in words that name
 * no host or address (`no answer within 1500 ms`, `unreachable`); the driver's own message goes to the log.
 */
async function probe(name: string, work: () => Promise<string | undefined>): Promise<ComponentHealth> {
  const started = process.hrtime.bigint();
  const latencyMs = () => Number(process.hrtime.bigint() - started) / 1e6;
  try {
    const detail = await withTimeout(work(), CHECK_TIMEOUT_MS);
    return { status: 'up', latencyMs: latencyMs(), ...(detail ? { detail } : {}) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.warn(`${name} check failed: ${message}`);
    const detail = error instanceof HealthCheckFailure ? error.detail : /^no answer within/.test(message) ? message : 'unreachable';
    return { status: 'down', latencyMs: latencyMs(), detail };
  }
}

@Injectable()
export class HealthService {
  private readonly store = new HealthStore();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly reads: ReadRouter,
  ) {}

  /** Checks PostgreSQL, Redis and the worker heartbeat in parallel; never throws. */
  async report(): Promise<HealthReport> {
    const [database, redis, worker] = await Promise.all([
      probe('database', async () => {
        await this.store.ping(this.dataSource.manager);
        return undefined;
      }),
      probe('redis', async () => {
        await this.redis.ping();
        return undefined;
      }),
      probe('worker', async () => {
        const workers = await liveWorkers(this.redis, heartbeatKey(this.config.REDIS_PREFIX), Date.now(), this.config.WORKER_HEARTBEAT_TTL_MS);
        if (workers.length === 0) throw new HealthCheckFailure(`no worker heartbeat within the last ${this.config.WORKER_HEARTBEAT_TTL_MS} ms`);
        // How many, not which: worker names carry host names and process ids.
        return `${workers.length} live`;
      }),
    ]);
    const checks = { database, redis, worker };
    const down = (Object.keys(checks) as (keyof typeof checks)[]).filter((name) => checks[name].status === 'down');
    // Shown, never counted as down: without the replica every read goes to the primary.
    const replica = this.replicaHealth();
    return { status: down.length === 0 ? 'ok' : 'error', down, checks: { ...checks, ...(replica ? { replica } : {}) } };
  }

  /** The read replica as of its last lag probe (about every second); no query of its own. */
  private replicaHealth(): ComponentHealth | undefined {
    const state = this.reads.replicaState();
    if (!state) return undefined;
    const lag = state.lagMs === null ? 'lag unknown' : `${state.lagMs} ms behind`;
    return { status: state.usable ? 'up' : 'down', latencyMs: 0, detail: state.usable ? lag : `not used (${state.reason}); ${lag}` };
  }

  /** Readiness: the API can serve requests (database and Redis reachable); the worker is not required. */
  async ready(): Promise<HealthReport> {
    const full = await this.report();
    const down = full.down.filter((name) => name !== 'worker');
    return { ...full, status: down.length === 0 ? 'ok' : 'error', down };
  }
}
