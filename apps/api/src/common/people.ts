import { type EntityManager } from 'typeorm';

/** A person as other screens name them: never by id alone. */
export interface PersonName {
  displayName: string;
  email: string;
}

/** Display names (and e-mails) of the given users, by id; unknown ids are left out. */
export async function peopleByIds(manager: EntityManager, ids: Iterable<string>): Promise<Record<string, PersonName>> {
  const distinct = [...new Set(ids)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (distinct.length === 0) return {};
  const rows = await manager.query<{ id: string; display_name: string; email: string }[]>(
    `SELECT id, display_name, email FROM users WHERE id = ANY($1::uuid[]) ORDER BY id`,
    [distinct],
  );
  return Object.fromEntries(rows.map((row) => [row.id, { displayName: row.display_name, email: row.email }]));
}

// The search folding lives with the indexes built on it (@khuyencong/persistence, migration SearchIndexes).
export { containsPattern, fold, foldSql, prefixPattern } from '@khuyencong/persistence';
