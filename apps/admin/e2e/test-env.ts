// The browser tests' knobs, read in one place.
/** Set UPDATE_SCREENSHOTS=1 to refresh the committed docs/screenshots; otherwise they go to test-results/. */
export const updateDocScreenshots = process.env.UPDATE_SCREENSHOTS === '1';

/** AUDIT_ROLES=a@…,b@… narrows the screen audit to those accounts; empty: every account it knows. */
export const auditRoles: readonly string[] = (process.env.AUDIT_ROLES ?? '')
  .split(',')
  .map((email) => email.trim())
  .filter(Boolean);

/** Debian's Chromium unless CHROMIUM_PATH says otherwise (never a downloaded browser). */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The Redis the platform under test uses (its own key prefix keeps runs apart). */
export const testRedisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The environment child processes inherit (PATH, locale), plus their own settings. */
export function inheritedEnv(extra: Record<string, string>): Record<string, string | undefined> {
  return { ...process.env, ...extra };
}
