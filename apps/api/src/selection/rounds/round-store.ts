import { type RoundInfo } from '@khuyencong/domain';
import { type EntityManager } from 'typeorm';
import { type Actor } from '../../common/actor.js';
import { type Role } from '../../common/access.js';
import { notFound } from '../shared/errors.js';
import { holds, type UnitChain } from '../shared/scope.js';

/** Round levels, narrowest first (the engine's names). */
export const LEVELS = ['commune', 'province', 'region', 'national'] as const;
export type Level = (typeof LEVELS)[number];
export const ROUND_STATUSES = ['planned', 'open', 'closed', 'judging', 'decided', 'archived'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/** Whom applicants contact about a round; each part optional, the whole null when none is set. */
export interface RoundContact {
  name: string | null;
  phone: string | null;
  email: string | null;
}

/** A round as the services use it. */
export interface Round {
  id: string;
  name: string;
  level: Level;
  year: number;
  scopeType: string;
  scopeCode: string;
  status: RoundStatus;
  registrationOpensAt: Date;
  registrationClosesAt: Date;
  criteriaSetCode: string;
  passThreshold: number;
  nominationQuota: number | null;
  quorumRatio: number | null;
  spreadLimit: number | null;
  screeningWorkingDays: number;
  jury: Record<string, string[]>;
  council: { members: string[]; chair: string | null } | null;
  contact: RoundContact | null;
}

interface RoundRow {
  id: string;
  name: string;
  level: Level;
  year: number;
  scope_type: string;
  scope_code: string;
  status: RoundStatus;
  registration_opens_at: Date;
  registration_closes_at: Date;
  criteria_set_code: string;
  pass_threshold: string;
  nomination_quota: number | null;
  quorum_ratio: string | null;
  spread_limit: string | null;
  screening_working_days: number;
  jury: Record<string, string[]>;
  council: { members: string[]; chair: string | null } | null;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
}

/** The round's contact, or null when none of its parts is set. */
export function contactOf(row: Pick<RoundRow, 'contact_name' | 'contact_phone' | 'contact_email'>): RoundContact | null {
  if (row.contact_name === null && row.contact_phone === null && row.contact_email === null) return null;
  return { name: row.contact_name, phone: row.contact_phone, email: row.contact_email };
}

const toRound = (row: RoundRow): Round => ({
  id: row.id,
  name: row.name,
  level: row.level,
  year: row.year,
  scopeType: row.scope_type,
  scopeCode: row.scope_code,
  status: row.status,
  registrationOpensAt: row.registration_opens_at,
  registrationClosesAt: row.registration_closes_at,
  criteriaSetCode: row.criteria_set_code,
  passThreshold: Number(row.pass_threshold),
  nominationQuota: row.nomination_quota,
  quorumRatio: row.quorum_ratio === null ? null : Number(row.quorum_ratio),
  spreadLimit: row.spread_limit === null ? null : Number(row.spread_limit),
  screeningWorkingDays: row.screening_working_days,
  jury: row.jury,
  council: row.council,
  contact: contactOf(row),
});

export async function findRound(manager: EntityManager, id: string, lock = false): Promise<Round | undefined> {
  const [row] = await manager.query<RoundRow[]>(`SELECT * FROM rounds WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return row ? toRound(row) : undefined;
}

export async function listRounds(manager: EntityManager, where: string, params: unknown[]): Promise<Round[]> {
  const rows = await manager.query<RoundRow[]>(`SELECT * FROM rounds ${where} ORDER BY year DESC, level, name LIMIT 500`, params);
  return rows.map(toRound);
}

/** Loads a round or answers 404. */
export async function requireRound(manager: EntityManager, id: string, lock = false): Promise<Round> {
  const round = await findRound(manager, id, lock);
  if (!round) throw notFound('Không tìm thấy đợt bình chọn / Round not found');
  return round;
}

/** Who organises a round of a level: commune staff, the province, or the central department (DESIGN.md §2). */
export const ORGANISER_ROLE: Readonly<Record<Level, Role>> = {
  commune: 'commune_officer',
  province: 'provincial_officer',
  region: 'central_officer',
  national: 'central_officer',
};

/** Whether the actor organises this round: the level's officer over the round's unit (central officers nationally). */
export function organises(actor: Actor, round: Pick<Round, 'level' | 'scopeCode'>): boolean {
  const role = ORGANISER_ROLE[round.level];
  if (role === 'central_officer') return actor.grants.some((grant) => grant.role === role && grant.scopeType === 'national');
  return holds(actor, [role], round.level === 'commune' ? { communeCode: round.scopeCode } : { provinceCode: round.scopeCode });
}

/**
 * Where a round sits, for matching grants: its own unit and the units above it (a commune round's province and
 * region, a province round's region; a national round has none, so only national grants cover it).
 */
export async function roundChain(manager: EntityManager, round: Pick<Round, 'level' | 'scopeCode' | 'year'>): Promise<UnitChain> {
  const regionOf = `(SELECT m.region_code FROM region_memberships m WHERE m.unit_code = $1
                      AND m.valid_from <= make_date($2::int, 12, 31) AND (m.valid_to IS NULL OR m.valid_to >= make_date($2::int, 1, 1))
                    ORDER BY m.valid_from DESC LIMIT 1)`;
  switch (round.level) {
    case 'national':
      return {};
    case 'region':
      return { regionCode: round.scopeCode };
    case 'province': {
      const [row] = await manager.query<{ region_code: string | null }[]>(`SELECT ${regionOf} AS region_code`, [round.scopeCode, round.year]);
      return { provinceCode: round.scopeCode, regionCode: row?.region_code ?? null };
    }
    case 'commune': {
      const [row] = await manager.query<{ province_code: string | null }[]>(`SELECT parent_code AS province_code FROM administrative_units WHERE code = $1`, [round.scopeCode]);
      const provinceCode = row?.province_code ?? null;
      const [region] = provinceCode ? await manager.query<{ region_code: string | null }[]>(`SELECT ${regionOf} AS region_code`, [provinceCode, round.year]) : [];
      return { communeCode: round.scopeCode, provinceCode, regionCode: region?.region_code ?? null };
    }
  }
}

/** The central department scores and certifies regional dossiers within 30 working days of a complete dossier. */
export const REGIONAL_SCORING_WORKING_DAYS = 30;

/** The round facts an entry carries into the engine (they override the definition's jury defaults and SLAs). */
export function roundInfo(round: Round): RoundInfo {
  return {
    roundId: round.id,
    level: round.level,
    year: round.year,
    registrationOpensAt: round.registrationOpensAt.toISOString(),
    registrationClosesAt: round.registrationClosesAt.toISOString(),
    passThreshold: round.passThreshold,
    ...(round.quorumRatio === null ? {} : { quorum: { type: 'ratio' as const, ratio: round.quorumRatio } }),
    ...(round.spreadLimit === null ? {} : { spreadLimit: round.spreadLimit }),
    ...(round.nominationQuota === null ? {} : { nominationQuota: round.nominationQuota }),
    stageWorkingDays: {
      screening: round.screeningWorkingDays,
      ...(round.level === 'region' ? { scoring: REGIONAL_SCORING_WORKING_DAYS } : {}),
    },
  };
}

/** The level a round nominates into. */
export const NEXT_LEVEL: Readonly<Record<Level, Level | null>> = { commune: 'province', province: 'region', region: 'national', national: null };
