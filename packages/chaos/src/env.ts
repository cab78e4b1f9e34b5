// The chaos tests' one read of their environment: the processes they start inherit it (PATH, locale).
export function inheritedEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  return { ...process.env, ...extra };
}
