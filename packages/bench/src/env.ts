// The bench's one read of its own environment: the child processes it starts inherit it (PATH, locale, PG*),
// and REDIS_URL may point the run at another Redis.
export function inheritedEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  return { ...process.env, ...extra };
}

export function benchRedisUrl(): string {
  return process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** PostgreSQL settings for the run's database (`synchronous_commit=off,commit_delay=200`), unset: none. */
export function benchPgSettings(): string | undefined {
  return process.env.BENCH_PG_SETTINGS;
}
