import { AsyncLocalStorage } from 'node:async_hooks';
import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { type NextFunction, type Request, type Response } from 'express';
import { mergeMap, type Observable } from 'rxjs';
import { type DataSource, type EntityManager } from 'typeorm';
import { type ApiConfig } from '@khuyencong/config';
import { type RedisClient } from '@khuyencong/jobs';
import { ReadReplica, type ReplicaState } from '@khuyencong/persistence';
import { type Actor, type RequestWithActor } from '../common/actor.js';
import { API_CONFIG } from '../config.js';
import { REDIS } from './redis.module.js';

/** The response header naming what served a request's stale-tolerant reads (tests and operators look at it). */
export const READ_SOURCE_HEADER = 'x-read-source';

export type ReadSource = 'replica' | 'primary';

/** What one request has learnt: its response (for the header) and, once asked, whether its user wrote lately. */
interface ReadContext {
  res: Response;
  recentWriter?: Promise<boolean>;
  primaryUsed?: boolean;
}

const context = new AsyncLocalStorage<ReadContext>();

/**
 * Express middleware giving each request its read context. Mounted after the body parser: a context entered before
 * it would be lost in the parser's stream callbacks.
 */
export function readContext() {
  return (_req: Request, res: Response, next: NextFunction): void => context.run({ res }, next);
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Decides which database serves a read that may be a little stale (reports, lists, the public catalogue and
 * verification): the streaming replica (DATABASE_READ_URL) when it is configured, measured no further behind than
 * DATABASE_READ_MAX_LAG_MS, and the reader has not written within that bound; the primary otherwise. Every other
 * read, and every read inside a command, stays on the primary.
 *
 * Read-your-writes across API processes: after a user's successful command the API marks the user in Redis for
 * the lag bound (all API processes see it). Once the mark expires the command is older than the bound, and a
 * replica within the bound holds it. Redis unreachable: the mark cannot be read, so the user reads from the
 * primary. (A mark that could not be written while Redis was down is lost; a read in the moment Redis returns may
 * then be stale by up to the bound.)
 */
@Injectable()
export class ReadRouter implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ReadRouter');
  private replica: ReadReplica | undefined;

  constructor(
    @InjectDataSource() private readonly primary: DataSource,
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.DATABASE_READ_URL) return;
    this.replica = new ReadReplica({
      url: this.config.DATABASE_READ_URL,
      primary: this.primary,
      maxLagMs: this.config.DATABASE_READ_MAX_LAG_MS,
      applicationName: 'khuyencong-api-reads',
      logger: this.logger,
    });
    await this.replica.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.replica?.stop();
  }

  /** Whether a replica is configured at all (no replica: nothing to mark, every read on the primary). */
  get configured(): boolean {
    return this.replica !== undefined;
  }

  /** The replica's state for the health report; undefined when none is configured. */
  replicaState(): ReplicaState | undefined {
    return this.replica?.state();
  }

  /**
   * The EntityManager for a stale-tolerant read by `actor` (undefined: an anonymous public read). Names the choice
   * in the response's X-Read-Source header: `primary` once any read of the request went there.
   */
  async reader(actor?: Actor): Promise<EntityManager> {
    const replica = this.replica?.manager();
    const source: ReadSource = replica !== undefined && !(actor && (await this.recentWriter(actor.userId))) ? 'replica' : 'primary';
    this.record(source);
    return source === 'replica' && replica !== undefined ? replica : this.primary.manager;
  }

  /** Marks a user as having written just now (the interceptor calls it after a successful command). */
  async markWriter(userId: string): Promise<void> {
    if (!this.replica) return;
    await this.redis.set(this.writerKey(userId), '1', 'PX', this.config.DATABASE_READ_MAX_LAG_MS).catch((error: unknown) => {
      this.logger.warn(`could not mark a recent writer: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /** One Redis GET per request at most; Redis unreachable counts as "wrote lately" (read from the primary). */
  private recentWriter(userId: string): Promise<boolean> {
    const ask = () =>
      this.redis.get(this.writerKey(userId)).then(
        (value) => value !== null,
        () => true,
      );
    const request = context.getStore();
    if (!request) return ask();
    request.recentWriter ??= ask();
    return request.recentWriter;
  }

  private record(source: ReadSource): void {
    const request = context.getStore();
    if (!request) return;
    if (source === 'primary') request.primaryUsed = true;
    if (!request.res.headersSent) request.res.setHeader(READ_SOURCE_HEADER, request.primaryUsed ? 'primary' : source);
  }

  private writerKey(userId: string): string {
    return `${this.config.REDIS_PREFIX}:recent-writer:${userId}`;
  }
}

/** After a signed-in user's command succeeds, and before its answer leaves, the user is marked as a recent writer. */
@Injectable()
export class RecentWriterInterceptor implements NestInterceptor {
  constructor(private readonly reads: ReadRouter) {}

  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = execution.switchToHttp().getRequest<RequestWithActor & { method: string }>();
    const userId = request.actor?.userId;
    if (!this.reads.configured || userId === undefined || !MUTATING.has(request.method)) return next.handle();
    return next.handle().pipe(
      mergeMap(async (value: unknown) => {
        await this.reads.markWriter(userId);
        return value;
      }),
    );
  }
}

/** The read router for every module, and the interceptor that keeps read-your-writes. */
@Global()
@Module({
  providers: [ReadRouter, { provide: APP_INTERCEPTOR, useClass: RecentWriterInterceptor }],
  exports: [ReadRouter],
})
export class ReadRoutingModule {}
