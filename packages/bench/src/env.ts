// The bench's one read of its own environment: the child processes it starts inherit it (PATH, locale, PG*),
// and REDIS_URL may point the run at another Redis.
export function inheritedEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  return { ...process.env, ...extra };
}

export function benchRedisUrl(): string {
  return process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
}
