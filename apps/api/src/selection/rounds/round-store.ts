import { type RoundInfo } from '@khuyencong/domain';
import { RoundStore, type RoundContact as PersistedRoundContact, type RoundRecord } from '@khuyencong/persistence';
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
export type RoundContact = PersistedRoundContact;

/** A round as the services use it. */
export type Round = RoundRecord;

/** The rounds' queries (one store, stateless). */
const roundStore = new RoundStore();

export async function findRound(manager: EntityManager, id: string, lock = false): Promise<Round | undefined> {
  return roundStore.find(manager, id, lock);
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
  switch (round.level) {
    case 'national':
      return {};
    case 'region':
      return { regionCode: round.scopeCode };
    case 'province':
      return { provinceCode: round.scopeCode, regionCode: await roundStore.regionOfUnit(manager, round.scopeCode, round.year) };
    case 'commune': {
      const provinceCode = await roundStore.provinceOfCommune(manager, round.scopeCode);
      const regionCode = provinceCode ? await roundStore.regionOfUnit(manager, provinceCode, round.year) : null;
      return { communeCode: round.scopeCode, provinceCode, regionCode };
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
