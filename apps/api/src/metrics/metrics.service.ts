import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { type DataSource } from 'typeorm';
import { MetricsStore } from '@khuyencong/persistence';
import { QueueHandles } from './queue-handles.js';

/** How a workflow command ended, as the command service reports it. */
export type CommandOutcome = 'ok' | 'rejected' | 'conflict' | 'error';

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/**
 * The API's Prometheus metrics. Request and command metrics are recorded as they happen; backlog, timer lag
 * and queue depths are read from PostgreSQL and Redis only when scraped, so an idle API costs nothing. One
 * registry per application instance, so several apps in one process (tests) do not collide.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly logger = new Logger('Metrics');
  private readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly commands: Counter<'type' | 'outcome'>;
  private readonly commandDuration: Histogram<'type' | 'outcome'>;
  private readonly outboxBacklog: Gauge;
  private readonly outboxOldestAge: Gauge;
  private readonly timerLag: Gauge;
  private readonly queueJobs: Gauge<'queue' | 'state'>;
  private readonly sourceUp: Gauge<'source'>;
  private readonly store = new MetricsStore();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueHandles,
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({
      name: 'khuyencong_http_request_duration_seconds',
      help: 'HTTP request latency by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.commands = new Counter({
      name: 'khuyencong_commands_total',
      help: 'Workflow commands by type and outcome',
      labelNames: ['type', 'outcome'],
      registers,
    });
    this.commandDuration = new Histogram({
      name: 'khuyencong_command_duration_seconds',
      help: 'Workflow command latency (load, decide, commit) by type and outcome',
      labelNames: ['type', 'outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    });
    this.outboxBacklog = new Gauge({ name: 'khuyencong_outbox_backlog', help: 'Outbox rows not yet relayed to BullMQ', registers });
    this.outboxOldestAge = new Gauge({ name: 'khuyencong_outbox_oldest_age_seconds', help: 'Age of the oldest unrelayed outbox row (0 when none)', registers });
    this.timerLag = new Gauge({
      name: 'khuyencong_timer_lag_seconds',
      help: 'Now minus the due time of the oldest due, unfired, uncancelled timer (0 when none)',
      registers,
    });
    this.queueJobs = new Gauge({ name: 'khuyencong_queue_jobs', help: 'BullMQ jobs per queue and state', labelNames: ['queue', 'state'], registers });
    this.sourceUp = new Gauge({
      name: 'khuyencong_metrics_source_up',
      help: '1 when the last scrape could read the source (database, redis)',
      labelNames: ['source'],
      registers,
    });
  }

  /** Records one HTTP request; `route` is the route template (never the raw path, to bound cardinality). */
  observeHttp(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }

  /** Records one workflow command: counted by outcome and timed. */
  recordCommand(type: string, outcome: CommandOutcome, seconds: number): void {
    this.commands.inc({ type, outcome });
    this.commandDuration.observe({ type, outcome }, seconds);
  }

  /** Starts a command's clock; call the returned function once with the outcome. */
  startCommand(type: string): (outcome: CommandOutcome) => void {
    const started = process.hrtime.bigint();
    return (outcome) => this.recordCommand(type, outcome, Number(process.hrtime.bigint() - started) / 1e9);
  }

  /** The exposition text, after refreshing the lazily collected gauges. */
  async render(): Promise<string> {
    await Promise.all([this.collectDatabase(), this.collectQueues()]);
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private async collectDatabase(): Promise<void> {
    try {
      const backlog = await this.store.backlog(this.dataSource.manager);
      this.outboxBacklog.set(backlog.outboxBacklog);
      this.outboxOldestAge.set(Math.max(0, backlog.outboxOldestAgeSeconds ?? 0));
      this.timerLag.set(Math.max(0, backlog.timerLagSeconds ?? 0));
      this.sourceUp.set({ source: 'database' }, 1);
    } catch (error) {
      this.logger.warn(`database metrics unavailable: ${String(error)}`);
      this.sourceUp.set({ source: 'database' }, 0);
    }
  }

  private async collectQueues(): Promise<void> {
    try {
      for (const [name, queue] of this.queues.all()) {
        const counts = await queue.getJobCounts(...QUEUE_STATES);
        for (const state of QUEUE_STATES) this.queueJobs.set({ queue: name, state }, counts[state] ?? 0);
      }
      this.sourceUp.set({ source: 'redis' }, 1);
    } catch (error) {
      this.logger.warn(`queue metrics unavailable: ${String(error)}`);
      this.sourceUp.set({ source: 'redis' }, 0);
    }
  }
}
