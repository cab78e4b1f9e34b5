import { DEFAULT_TEST_ADMIN_URL } from './database-url.js';

/**
 * The server throwaway test databases are created on. Test helpers run before any application configuration
 * exists, so this is their one read of the environment.
 */
export function testAdminUrl(env: Record<string, string | undefined> = process.env): string {
  return env.TEST_DATABASE_ADMIN_URL ?? DEFAULT_TEST_ADMIN_URL;
}
