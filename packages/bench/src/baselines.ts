// The raw limits measured in the same run, on the same machine: single-row INSERT commits through `pg` with the
// platform's pool size and 32 concurrent clients, and BullMQ no-op jobs (added in bulk, a Worker with the
// platform worker's concurrency) on the same Redis under a prefix of their own.
import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';

export interface Baseline {
  operations: number;
  seconds: number;
  perSecond: number;
}

function rate(operations: number, milliseconds: number): Baseline {
  const seconds = milliseconds / 1000;
  return { operations, seconds: Math.round(seconds * 100) / 100, perSecond: Math.round(operations / seconds) };
}

/** `clients` loops each committing one-row INSERTs (autocommit) through a pool of `poolSize` for `seconds`. */
export async function pgInsertBaseline(databaseUrl: string, poolSize: number, clients: number, seconds: number): Promise<Baseline> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  try {
    await pool.query(
      `CREATE TABLE IF NOT EXISTS bench_baseline (id bigserial PRIMARY KEY, payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
    );
    const payload = JSON.stringify({ type: 'score', points: { MARKET: 35, ECON_TECH_SOC_ENV: 35 } });
    // Warm the pool's connections up first.
    await Promise.all(Array.from({ length: poolSize }, () => pool.query('SELECT 1')));
    let committed = 0;
    const deadline = Date.now() + seconds * 1000;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (Date.now() < deadline) {
          await pool.query('INSERT INTO bench_baseline (payload) VALUES ($1)', [payload]);
          committed += 1;
        }
      }),
    );
    const result = rate(committed, Date.now() - started);
    await pool.query('DROP TABLE bench_baseline');
    return result;
  } finally {
    await pool.end();
  }
}

/** `total` no-op jobs added in bulks of 1,000, processed by one Worker of `concurrency`. */
export async function bullmqBaseline(redisUrl: string, concurrency: number, total: number): Promise<Baseline> {
  const prefix = `kcbenchbase${randomBytes(4).toString('hex')}`;
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const workerConnection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('noop', { connection, prefix });
  let done = 0;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const worker = new Worker(
    'noop',
    async () => {
      done += 1;
      if (done === total) finish();
      return Promise.resolve();
    },
    { connection: workerConnection, prefix, concurrency, autorun: false },
  );
  try {
    const started = Date.now();
    void worker.run();
    for (let offset = 0; offset < total; offset += 1000) {
      const size = Math.min(1000, total - offset);
      await queue.addBulk(
        Array.from({ length: size }, (_, index) => ({ name: 'noop', data: { n: offset + index }, opts: { removeOnComplete: true, removeOnFail: true } })),
      );
    }
    await finished;
    return rate(total, Date.now() - started);
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
    connection.disconnect();
    workerConnection.disconnect();
  }
}
