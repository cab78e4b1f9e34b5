import { migrationStatus, MIGRATIONS, revertLastMigration, runMigrations } from '../src/index.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(() => db.drop());

  const tables = async () =>
    (
      await db.dataSource.query<{ name: string }[]>(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations' ORDER BY 1`,
      )
    ).map((row) => row.name);

  it('apply from empty, revert one by one down to empty, and apply again cleanly', async () => {
    expect(await runMigrations(db.url)).toHaveLength(MIGRATIONS.length);
    const created = await tables();
    expect(created).toEqual(expect.arrayContaining(['users', 'workflow_events', 'outbox', 'timers', 'calendar_days']));
    expect(await runMigrations(db.url)).toEqual([]);

    for (let i = MIGRATIONS.length; i > 0; i -= 1) expect(await revertLastMigration(db.url)).not.toBeNull();
    expect(await revertLastMigration(db.url)).toBeNull();
    expect(await tables()).toEqual([]);
    const functions = await db.dataSource.query<unknown[]>(`SELECT 1 FROM pg_proc WHERE proname LIKE 'kc\\_%'`);
    expect(functions).toEqual([]);

    expect(await runMigrations(db.url)).toHaveLength(MIGRATIONS.length);
    expect(await tables()).toEqual(created);
    expect((await migrationStatus(db.url)).every((m) => m.applied)).toBe(true);
  });

  it('give every constraint and index an explicit pk_/fk_/uq_/ck_/ix_ name', async () => {
    const unnamed = await db.dataSource.query<{ name: string }[]>(
      `SELECT conname AS name FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE n.nspname = 'public' AND conname !~ '^(pk|fk|uq|ck)_'
       UNION ALL
       SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname !~ '^(pk|uq|ix)_'`,
    );
    expect(unnamed).toEqual([]);
  });
});
