/** The admin connection used to create and drop throwaway databases. */
export const DEFAULT_TEST_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Throwaway database names: `kc_test_` and 16 hex digits, safe to interpolate as an identifier. */
export const TEST_DATABASE_NAME = /^kc_test_[0-9a-f]{16}$/;

/** The same server and credentials as `adminUrl`, pointing at another database. */
export function withDatabase(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
