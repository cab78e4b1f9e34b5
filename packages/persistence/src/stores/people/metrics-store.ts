import { type EntityManager } from 'typeorm';

/** The backlogs the metrics scrape reports, read from PostgreSQL in one round trip. */
export interface MetricsBacklog {
  /** Outbox rows not yet relayed. */
  outboxBacklog: number;
  /** Age of the oldest unrelayed outbox row, in seconds; null when none. */
  outboxOldestAgeSeconds: number | null;
  /** Now minus the due time of the oldest due, unfired, uncancelled timer, in seconds; null when none. */
  timerLagSeconds: number | null;
}

/** The queries of the API's Prometheus scrape (read only when scraped, so an idle API costs nothing). */
export class MetricsStore {
  async backlog(manager: EntityManager): Promise<MetricsBacklog> {
    const [row] = await manager.query<{ backlog: string; oldest_age: number | null; timer_lag: number | null }[]>(
      `SELECT (SELECT count(*) FROM outbox WHERE relayed_at IS NULL) AS backlog,
              (SELECT extract(epoch FROM now() - min(created_at))::float8 FROM outbox WHERE relayed_at IS NULL) AS oldest_age,
              (SELECT extract(epoch FROM now() - min(due_at))::float8 FROM timers WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at <= now()) AS timer_lag`,
    );
    return { outboxBacklog: Number(row?.backlog ?? 0), outboxOldestAgeSeconds: row?.oldest_age ?? null, timerLagSeconds: row?.timer_lag ?? null };
  }
}
