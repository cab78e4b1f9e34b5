// Persistence owns SQL (issue 18): every query the API runs lives in a store of @khuyencong/persistence, one per
// aggregate, so the API's services hold rules, permissions and answers — never a statement.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SRC = new URL('..', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return file.endsWith('.ts') && !file.endsWith('.spec.ts') ? [file] : [];
  });
}

/** A query call or SQL text: what a store holds and a service must not. */
const SQL = /\.query\s*[<(]|createQueryBuilder|\b(SELECT\s+[\w*"(]|INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+[a-z_]+\s+SET|ON\s+CONFLICT|FOR\s+UPDATE)\b/;

describe('the API holds no SQL', () => {
  it('runs every query through a store of the persistence package', () => {
    const offending = sources(SRC).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, index) => ({ line, at: `${file.replace(SRC, '')}:${index + 1}` }))
        .filter(({ line }) => SQL.test(line))
        .map(({ at, line }) => `${at}  ${line.trim()}`),
    );
    expect(offending).toEqual([]);
  });

  it('would see a query if one came back', () => {
    expect(SQL.test("await manager.query<{ id: string }[]>('x')")).toBe(true);
    expect(SQL.test('`SELECT id FROM rounds WHERE id = $1 FOR UPDATE`')).toBe(true);
    expect(SQL.test('`UPDATE schemes SET stage = $2`')).toBe(true);
    expect(SQL.test('// Select the round, then update it')).toBe(false);
  });
});
