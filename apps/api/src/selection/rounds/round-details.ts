import { type EntityManager } from 'typeorm';
import { type Actor } from '../../common/actor.js';
import { peopleByIds } from '../../common/people.js';
import { type EntryView } from '../entries/dto.js';
import { type RoundView } from './dto.js';
import { NEXT_LEVEL, type Level, type Round } from './round-store.js';

/** The name of a national round's area. */
export const NATIONAL_SCOPE_NAME = 'Toàn quốc';

/** Roles that see the e-mails of a round's judges and council members (others see their names only). */
const STAFF_ROLES = new Set(['commune_officer', 'provincial_officer', 'central_officer', 'signer', 'admin']);

/** Vietnamese names of the rounds' areas (commune, province, region), by `level:code`. */
export async function scopeNames(manager: EntityManager, rounds: readonly Pick<Round, 'level' | 'scopeCode'>[]): Promise<Map<string, string>> {
  const units = [...new Set(rounds.filter((round) => round.level === 'commune' || round.level === 'province').map((round) => round.scopeCode))];
  const regions = [...new Set(rounds.filter((round) => round.level === 'region').map((round) => round.scopeCode))];
  const names = new Map<string, string>();
  if (units.length > 0) {
    const rows = await manager.query<{ code: string; name: string; level: string }[]>(`SELECT code, name, level FROM administrative_units WHERE code = ANY($1::text[])`, [units]);
    for (const row of rows) names.set(`${row.level}:${row.code}`, row.name);
  }
  if (regions.length > 0) {
    const rows = await manager.query<{ code: string; name: string }[]>(`SELECT code, name FROM regions WHERE code = ANY($1::text[])`, [regions]);
    for (const row of rows) names.set(`region:${row.code}`, row.name);
  }
  return names;
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

interface Target {
  id: string;
  name: string;
  level: Level;
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
  const peopleIds = rounds.flatMap((round) => [...Object.values(round.jury).flat(), ...(round.council?.members ?? []), ...(round.council?.chair ? [round.council.chair] : [])]);
  const people = await peopleByIds(manager, peopleIds);
  const staff = actor.grants.some((grant) => STAFF_ROLES.has(grant.role));
  const counts = await manager.query<{ round_id: string; entries: number; nominated: number }[]>(
    `SELECT r.id AS round_id,
            (SELECT count(*)::int FROM entries e WHERE e.round_id = r.id) AS entries,
            (SELECT count(*)::int FROM entries n JOIN entries s ON s.instance_id = n.nominated_from WHERE s.round_id = r.id) AS nominated
       FROM unnest($1::uuid[]) AS r(id)`,
    [ids],
  );
  const countOf = new Map(counts.map((row) => [row.round_id, row]));
  const targets = await nominationTargets(manager, rounds);
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

/** The round one level up whose area contains each round's area, if one is planned or open. */
async function nominationTargets(manager: EntityManager, rounds: readonly Round[]): Promise<Map<string, Target>> {
  const targets = new Map<string, Target>();
  const rows = await manager.query<{ source_id: string; id: string; name: string; level: Level }[]>(
    `SELECT DISTINCT ON (s.id) s.id AS source_id, t.id, t.name, t.level
       FROM rounds s
       JOIN rounds t ON t.status IN ('planned', 'open') AND t.level = CASE s.level WHEN 'commune' THEN 'province' WHEN 'province' THEN 'region' WHEN 'region' THEN 'national' END
        AND CASE s.level
              WHEN 'commune' THEN t.scope_code = (SELECT u.parent_code FROM administrative_units u WHERE u.code = s.scope_code)
              WHEN 'province' THEN t.scope_code = (SELECT m.region_code FROM region_memberships m WHERE m.unit_code = s.scope_code
                                                     AND m.valid_from <= make_date(s.year, 12, 31) AND (m.valid_to IS NULL OR m.valid_to >= make_date(s.year, 1, 1))
                                                   ORDER BY m.valid_from DESC LIMIT 1)
              ELSE TRUE
            END
      WHERE s.id = ANY($1::uuid[])
      ORDER BY s.id, (t.year = s.year) DESC, (t.status = 'open') DESC, t.year DESC, t.registration_closes_at`,
    [rounds.filter((round) => NEXT_LEVEL[round.level] !== null).map((round) => round.id)],
  );
  for (const row of rows) targets.set(row.source_id, { id: row.id, name: row.name, level: row.level });
  return targets;
}
