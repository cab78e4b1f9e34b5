import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { type Redis } from 'ioredis';
import { type ApiConfig } from '@khuyencong/config';
import { heartbeatKey, liveWorkers } from '@khuyencong/jobs';
import { API_CONFIG } from '../config.js';
import { REDIS } from '../infra/redis.module.js';
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

async function probe(work: () => Promise<string | undefined>): Promise<ComponentHealth> {
  const started = process.hrtime.bigint();
  try {
    const detail = await withTimeout(work(), CHECK_TIMEOUT_MS);
    return { status: 'up', latencyMs: Number(process.hrtime.bigint() - started) / 1e6, ...(detail ? { detail } : {}) };
  } catch (error) {
    return { status: 'down', latencyMs: Number(process.hrtime.bigint() - started) / 1e6, detail: (error as Error).message };
  }
}

@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** Checks PostgreSQL, Redis and the worker heartbeat in parallel; never throws. */
  async report(): Promise<HealthReport> {
    const [database, redis, worker] = await Promise.all([
      probe(async () => {
        await this.dataSource.query('SELECT 1');
        return undefined;
      }),
      probe(async () => {
        await this.redis.ping();
        return undefined;
      }),
      probe(async () => {
        const workers = await liveWorkers(
          this.redis,
          heartbeatKey(this.config.REDIS_PREFIX),
          Date.now(),
          this.config.WORKER_HEARTBEAT_TTL_MS,
        );
        if (workers.length === 0) throw new Error('no worker heartbeat within the last ' + `${this.config.WORKER_HEARTBEAT_TTL_MS} ms`);
        return `${workers.length} live: ${workers.join(', ')}`;
      }),
    ]);
    const checks = { database, redis, worker };
    const down = (Object.keys(checks) as (keyof typeof checks)[]).filter((name) => checks[name].status === 'down');
    return { status: down.length === 0 ? 'ok' : 'error', down, checks };
  }

  /** Readiness: the API can serve requests (database and Redis reachable); the worker is not required. */
  async ready(): Promise<HealthReport> {
    const full = await this.report();
    const down = full.down.filter((name) => name !== 'worker');
    return { ...full, status: down.length === 0 ? 'ok' : 'error', down };
  }
}
