import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DataSource } from 'typeorm';
import { createDataSource } from '../data-source.js';
import { runMigrations } from '../migrate.js';
import { seedReferenceData } from '../seed/seed-reference-data.js';
import { TEST_DATABASE_NAME, withDatabase } from './database-url.js';
import { testAdminUrl } from './test-env.js';

export { DEFAULT_TEST_ADMIN_URL, withDatabase } from './database-url.js';

/** A migrated throwaway database. Call `drop()` in afterAll. */
export interface TestDatabase {
  url: string;
  name: string;
  /** Initialised, pool of 5. */
  dataSource: DataSource;
  /** Closes the data source and drops the database (terminating leftover connections). */
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Seed reference data (default true). */
  seed?: boolean;
  /** Run migrations (default true); false leaves an empty database, e.g. to test the migrations themselves. */
  migrate?: boolean;
  /** The server to create it on, as an admin URL (default TEST_DATABASE_ADMIN_URL, else the local postgres). */
  adminUrl?: string;
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Drops a throwaway database by name (only `kc_test_*` names are accepted). */
export async function dropTestDatabase(name: string, adminUrl = testAdminUrl()): Promise<void> {
  if (!TEST_DATABASE_NAME.test(name)) throw new Error(`refusing to drop ${name}: not a kc_test_ database`);
  await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/**
 * Creates `kc_test_<random hex>` on `options.adminUrl`'s server (default TEST_DATABASE_ADMIN_URL, else the local
 * postgres), applies every migration and seeds the reference data.
 */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const name = `kc_test_${randomBytes(8).toString('hex')}`;
  const adminUrl = options.adminUrl ?? testAdminUrl();
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = withDatabase(adminUrl, name);
  const dataSource = createDataSource({ url, poolSize: 5, applicationName: 'khuyencong-test' });
  try {
    if (options.migrate ?? true) await runMigrations(url);
    await dataSource.initialize();
    if ((options.migrate ?? true) && (options.seed ?? true)) await seedReferenceData(dataSource);
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await dropTestDatabase(name, adminUrl);
    throw error;
  }
  return {
    url,
    name,
    dataSource,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await dropTestDatabase(name, adminUrl);
    },
  };
}
export { commitNotifyDecision, type NotifyDecisionOptions } from './notify-decision.js';
