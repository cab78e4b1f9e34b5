import { valuesList } from './sql.js';
import { buildUpsertSql } from './seed/upsert.js';
import { withDatabase } from './testing/database-url.js';

describe('valuesList', () => {
  it('numbers parameters row by row with a cast per column', () => {
    expect(valuesList(['uuid', 'text'], 2)).toBe('($1::uuid, $2::text), ($3::uuid, $4::text)');
  });

  it('starts after the given offset', () => {
    expect(valuesList(['integer'], 1, 3)).toBe('($4::integer)');
  });
});

describe('buildUpsertSql', () => {
  const spec = {
    table: 'regions',
    key: ['code'],
    columns: [
      { name: 'code', type: 'text' },
      { name: 'name', type: 'text' },
    ],
  };

  it('leaves existing rows alone in keep mode', () => {
    expect(buildUpsertSql(spec, 1, 'keep')).toBe('INSERT INTO regions AS t (code, name) VALUES ($1::text, $2::text) ON CONFLICT (code) DO NOTHING RETURNING 1');
  });

  it('updates only rows whose values differ in overwrite mode, so a repeated run changes nothing', () => {
    expect(buildUpsertSql(spec, 1, 'overwrite')).toBe(
      'INSERT INTO regions AS t (code, name) VALUES ($1::text, $2::text) ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name ' +
        'WHERE (t.name) IS DISTINCT FROM (EXCLUDED.name) RETURNING 1',
    );
  });
});

describe('withDatabase', () => {
  it('keeps server and credentials and swaps the database', () => {
    expect(withDatabase('postgres://user:secret@db.example:6543/postgres?sslmode=require', 'kc_test_00')).toBe(
      'postgres://user:secret@db.example:6543/kc_test_00?sslmode=require',
    );
  });
});
