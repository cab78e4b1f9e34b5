import { RoundStore } from '@khuyencong/persistence';
import { type EntityManager } from 'typeorm';
import { type Actor } from '../../common/actor.js';
import { peopleByIds } from '../../common/people.js';
import { type EntryView } from '../entries/dto.js';
import { type RoundView } from './dto.js';
import { NEXT_LEVEL, type Round } from './round-store.js';

const roundStore = new RoundStore();

/** The name of a national round's area. */
export const NATIONAL_SCOPE_NAME = 'Toàn quốc';

/** Roles that see the e-mails of a round's judges and council members (others see their names only). */
const STAFF_ROLES = new Set(['commune_officer', 'provincial_officer', 'central_officer', 'signer', 'admin']);

/** Vietnamese names of the rounds' areas (commune, province, region), by `level:code`. */
export async function scopeNames(manager: EntityManager, rounds: readonly Pick<Round, 'level' | 'scopeCode'>[]): Promise<Map<string, string>> {
  return roundStore.scopeNames(manager, rounds);
}

export function scopeNameOf(names: Map<string, string>, round: Pick<Round, 'level' | 'scopeCode'>): string {
  if (round.level === 'national') return NATIONAL_SCOPE_NAME;
  return names.get(`${round.level}:${round.scopeCode}`) ?? round.scopeCode;
}

/** The round as an entry's page shows it: name, level, area by name and whom to contact. */
export async function entryRound(manager: EntityManager, round: Round): Promise<EntryView['round']> {
  const names = await scopeNames(manager, [round]);
  return { id: round.id, name: round.name, level: round.level, year: round.year, scopeName: scopeNameOf(names, round), contact: round.contact };
}

/**
 * The rounds as the API shows them: the area's name, the people of the jury and council by name, the number of
 * entries, and — for nominations — the planned or open round one level up whose area contains this one's (the
 * same year preferred, open before planned) with the number of entries already nominated from this round.
 */
export async function describeRounds(manager: EntityManager, rounds: readonly Round[], actor: Actor): Promise<RoundView[]> {
  if (rounds.length === 0) return [];
  const ids = rounds.map((round) => round.id);
  const names = await scopeNames(manager, rounds);
  const peopleIds = rounds.flatMap((round) => [
    ...Object.values(round.jury).flat(),
    ...(round.council?.members ?? []),
    ...(round.council?.chair ? [round.council.chair] : []),
  ]);
  const people = await peopleByIds(manager, peopleIds);
  const staff = actor.grants.some((grant) => STAFF_ROLES.has(grant.role));
  const counts = await roundStore.entryCounts(manager, ids);
  const countOf = new Map(counts.map((row) => [row.roundId, row]));
  // Only rounds below national nominate upwards.
  const targets = await roundStore.nominationTargets(
    manager,
    rounds.filter((round) => NEXT_LEVEL[round.level] !== null).map((round) => round.id),
  );
  return rounds.map((round) => {
    const mine = [...Object.values(round.jury).flat(), ...(round.council?.members ?? []), ...(round.council?.chair ? [round.council.chair] : [])];
    return {
      ...round,
      registrationOpensAt: round.registrationOpensAt.toISOString(),
      registrationClosesAt: round.registrationClosesAt.toISOString(),
      scopeName: scopeNameOf(names, round),
      people: Object.fromEntries(
        mine.filter((id) => people[id] !== undefined).map((id) => [id, { displayName: people[id]!.displayName, email: staff ? people[id]!.email : null }]),
      ),
      entryCount: countOf.get(round.id)?.entries ?? 0,
      nominationTarget: targets.get(round.id) ?? null,
      nominatedCount: countOf.get(round.id)?.nominated ?? 0,
    };
  });
}
