// Every unique constraint and unique index of the migrated schema has a business meaning in the error filter, so a
// lost race answers 409 with a clear code instead of a 500. A new constraint fails this test until it is described.
import { createTestDatabase, type TestDatabase } from '@khuyencong/persistence/testing';
import { integrityAnswer, UNIQUE_CONSTRAINTS } from '../src/common/constraint-errors.js';

describe('unique constraints of the migrated database', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ seed: false });
  });
  afterAll(() => database.drop());

  it('are all mapped to a business code and a bilingual message', async () => {
    const rows = await database.dataSource.query<{ name: string }[]>(
      `SELECT c.relname AS name
         FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE i.indisunique AND n.nspname = 'public'
       UNION
       SELECT conname FROM pg_constraint WHERE contype IN ('u', 'p', 'x') AND connamespace = 'public'::regnamespace
       ORDER BY 1`,
    );
    expect(rows.length).toBeGreaterThan(50);
    expect(rows.map((row) => row.name).filter((name) => !(name in UNIQUE_CONSTRAINTS))).toEqual([]);
    for (const meaning of Object.values(UNIQUE_CONSTRAINTS)) {
      expect(meaning.code).toMatch(/^[A-Z][A-Z_]+$/);
      expect(meaning.message).toMatch(/^.+ \/ .+$/);
    }
  });

  it('answers a violation of an unknown one with a generic 409, never a 500', () => {
    expect(integrityAnswer('23505', 'uq_not_yet_described', undefined)).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(integrityAnswer('23505', 'uq_rounds_level_scope_year', undefined)).toMatchObject({ status: 409, code: 'ROUND_EXISTS' });
    expect(integrityAnswer('23503', 'fk_x', 'Key (a)=(b) is not present in table "t".')).toMatchObject({ status: 422, code: 'UNKNOWN_REFERENCE' });
    expect(integrityAnswer('23503', 'fk_x', 'Key (a)=(b) is still referenced from table "t".')).toMatchObject({ status: 409, code: 'STILL_REFERENCED' });
    expect(integrityAnswer('23514', 'ck_x', undefined)).toMatchObject({ status: 422 });
    expect(integrityAnswer('22P02', undefined, undefined)).toMatchObject({ status: 400 });
    expect(integrityAnswer('42P01', undefined, undefined)).toBeUndefined();
  });
});
