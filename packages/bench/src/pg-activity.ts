// A sampling profiler for PostgreSQL: every few milliseconds, which statements are running in the benchmark's
// database (pg_stat_activity, state 'active'). The share of samples a statement shape takes is its share of the
// time the database spends working for the platform, without an extension or a server restart.
import pg from 'pg';

export interface StatementShare {
  statement: string;
  samples: number;
  percent: number;
}

/** One line per statement shape: parameters and literals vary, the text before them does not. */
export function shapeOf(query: string): string {
  return query
    .replace(/\s+/g, ' ')
    .replace(/'(?:[^']|'')*'/g, "'?'")
    .replace(/\$\d+(::[\w[\]]+)?/g, '$?')
    .trim()
    .slice(0, 160);
}

export class PgActivitySampler {
  private readonly counts = new Map<string, number>();
  private total = 0;
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly client: pg.Client;

  constructor(
    databaseUrl: string,
    private readonly databaseName: string,
    private readonly intervalMs = 5,
  ) {
    this.client = new pg.Client({ connectionString: databaseUrl });
  }

  async start(): Promise<void> {
    await this.client.connect();
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        const { rows } = await this.client.query<{ query: string; wait: string | null }>(
          `SELECT query, wait_event_type || ':' || wait_event AS wait FROM pg_stat_activity
            WHERE datname = $1 AND state = 'active' AND pid <> pg_backend_pid()`,
          [this.databaseName],
        );
        for (const row of rows) {
          const key = `${row.wait ? `[${row.wait}] ` : ''}${shapeOf(row.query)}`;
          this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
          this.total += 1;
        }
        await new Promise((resolve) => setTimeout(resolve, this.intervalMs));
      }
    })();
  }

  async stop(limit = 25): Promise<StatementShare[]> {
    this.running = false;
    await this.loop;
    await this.client.end();
    return [...this.counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([statement, samples]) => ({ statement, samples, percent: Math.round((samples / Math.max(1, this.total)) * 1000) / 10 }));
  }
}
