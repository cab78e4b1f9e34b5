import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

/** The plan of a query with sequential scans and sorts priced out, so the test asks only "can an index serve it?". */
async function planOf(db: TestDatabase, sql: string): Promise<string> {
  return db.dataSource.transaction(async (tx) => {
    await tx.query('SET LOCAL enable_seqscan = off');
    await tx.query('SET LOCAL enable_sort = off');
    const rows = await tx.query<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${sql}`);
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  });
}

describe('read-path indexes', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ seed: false });
  });
  afterAll(() => db.drop());

  it('serve the inbox order (deadline, tasks without one last, then id) without sorting', async () => {
    const plan = await planOf(db, `SELECT t.id FROM open_tasks t ORDER BY coalesce(t.due_at, '9999-12-31T00:00:00.000Z'::timestamptz), t.id LIMIT 51`);
    expect(plan).toContain('ix_open_tasks_due_order');
    expect(plan).not.toMatch(/\bSort\b/);
  });

  it('serve the entry list newest first without sorting', async () => {
    const plan = await planOf(db, `SELECT e.instance_id FROM entries e ORDER BY e.created_at DESC, e.instance_id LIMIT 100`);
    expect(plan).toContain('ix_entries_created');
    expect(plan).not.toMatch(/\bSort\b/);
  });
});
