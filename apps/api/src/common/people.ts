import { type EntityManager } from 'typeorm';
import { UserStore, type UserName } from '@khuyencong/persistence';

/** A person as other screens name them: never by id alone. */
export type PersonName = UserName;

const users = new UserStore();

/** Display names (and e-mails) of the given users, by id; unknown ids are left out. */
export function peopleByIds(manager: EntityManager, ids: Iterable<string>): Promise<Record<string, PersonName>> {
  return users.namesByIds(manager, ids);
}

// The search folding lives with the indexes built on it (@khuyencong/persistence, migration SearchIndexes).
export { containsPattern, fold, foldSql, prefixPattern } from '@khuyencong/persistence';
