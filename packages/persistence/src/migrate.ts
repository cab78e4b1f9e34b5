import { type DataSource } from 'typeorm';
import { createDataSource, MIGRATIONS_TABLE } from './data-source.js';
import { MIGRATIONS } from './migrations/index.js';

/** A migration known to this package and whether the database has it. */
export interface MigrationStatus {
  name: string;
  applied: boolean;
}

// Two processes starting together must not both migrate: a session advisory lock serialises them.
const MIGRATION_LOCK_KEY = 'khuyencong:migrations';

async function withDataSource<T>(url: string, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  // Two connections: one holds the advisory lock, the other runs the migrations.
  const dataSource = createDataSource({ url, poolSize: 2, applicationName: 'khuyencong-migrate' });
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

async function withMigrationLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [MIGRATION_LOCK_KEY]);
    try {
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

/** Applies every pending migration, each in its own transaction; returns the names applied (oldest first). */
export async function runMigrations(url: string): Promise<string[]> {
  return withDataSource(url, (dataSource) =>
    withMigrationLock(dataSource, async () => {
      await createMigrationsTable(dataSource);
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    }),
  );
}

/** Reverts the most recently applied migration; returns its name, or null when none was applied. */
export async function revertLastMigration(url: string): Promise<string | null> {
  return withDataSource(url, (dataSource) =>
    withMigrationLock(dataSource, async () => {
      const before = await appliedNames(dataSource);
      if (before.length === 0) return null;
      await dataSource.undoLastMigration({ transaction: 'each' });
      return before[before.length - 1] ?? null;
    }),
  );
}

/** Every migration of this package, in order, with whether it is applied. */
export async function migrationStatus(url: string): Promise<MigrationStatus[]> {
  return withDataSource(url, async (dataSource) => {
    const applied = new Set(await appliedNames(dataSource));
    return MIGRATIONS.map((migration) => {
      const name = new migration().name;
      return { name, applied: applied.has(name) };
    });
  });
}

// TypeORM would create this table itself, with a generated primary key name; create it first so that every
// constraint in the database has an explicit name. Same columns as TypeORM's own definition.
async function createMigrationsTable(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (
       id serial NOT NULL,
       timestamp bigint NOT NULL,
       name character varying NOT NULL,
       CONSTRAINT pk_schema_migrations PRIMARY KEY (id)
     )`,
  );
}

async function appliedNames(dataSource: DataSource): Promise<string[]> {
  const [exists] = await dataSource.query<{ table: string | null }[]>('SELECT to_regclass($1)::text AS "table"', [MIGRATIONS_TABLE]);
  if (!exists?.table) return [];
  const rows = await dataSource.query<{ name: string }[]>(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY timestamp, id`);
  return rows.map((row) => row.name);
}
