// What the commands cost PostgreSQL in commits and write-ahead log, read from its cumulative statistics
// (pg_stat_database for the benchmark's database, pg_stat_wal for the server, which runs nothing else meanwhile).
import { type TestDatabase } from '@khuyencong/persistence/testing';

type DataSource = TestDatabase['dataSource'];

export interface PgCounters {
  commits: number;
  walRecords: number;
  walBytes: number;
}

export async function readPgCounters(dataSource: DataSource, databaseName: string): Promise<PgCounters> {
  const [row] = await dataSource.query<{ commits: string; wal_records: string; wal_bytes: string }[]>(
    `SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = $1::text) AS commits, w.wal_records, w.wal_bytes FROM pg_stat_wal w`,
    [databaseName],
  );
  return { commits: Number(row!.commits), walRecords: Number(row!.wal_records), walBytes: Number(row!.wal_bytes) };
}

/** Per command, from two readings: commits, WAL records and WAL bytes (the effects' own work included). */
export function perCommand(before: PgCounters, after: PgCounters, commands: number): PgCounters {
  const per = (value: number) => Math.round((value / Math.max(1, commands)) * 100) / 100;
  return {
    commits: per(after.commits - before.commits),
    walRecords: per(after.walRecords - before.walRecords),
    walBytes: per(after.walBytes - before.walBytes),
  };
}

/**
 * `name=value,name=value` (BENCH_PG_SETTINGS) as PostgreSQL settings for the benchmark's database, to measure what
 * a setting does (synchronous_commit, commit_delay…); names and values are checked, as they go into ALTER DATABASE.
 */
export function parsePgSettings(text: string | undefined): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const pair of (text ?? '').split(',').filter((part) => part.trim() !== '')) {
    const match = /^\s*([a-z_]+)\s*=\s*([A-Za-z0-9_.]+)\s*$/.exec(pair);
    if (!match) throw new Error(`BENCH_PG_SETTINGS: "${pair}" is not name=value (letters, digits, _ and .)`);
    settings[match[1]!] = match[2]!;
  }
  return settings;
}
