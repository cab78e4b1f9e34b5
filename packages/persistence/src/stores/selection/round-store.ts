import { type EntityManager } from 'typeorm';

/** Round levels, narrowest first (the engine's names). */
export type RoundLevel = 'commune' | 'province' | 'region' | 'national';
export type RoundStatus = 'planned' | 'open' | 'closed' | 'judging' | 'decided' | 'archived';

/** Whom applicants contact about a round; each part optional, the whole null when none is set. */
export interface RoundContact {
  name: string | null;
  phone: string | null;
  email: string | null;
}

/** A round as the services use it. */
export interface RoundRecord {
  id: string;
  name: string;
  level: RoundLevel;
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

/** The columns of a new round. */
export interface RoundInsert {
  name: string;
  level: RoundLevel;
  year: number;
  scopeType: string;
  scopeCode: string;
  /** ISO date-times. */
  registrationOpensAt: string;
  registrationClosesAt: string;
  criteriaSetCode: string;
  passThreshold: number;
  nominationQuota: number | null;
  quorumRatio: number | null;
  spreadLimit: number | null;
  screeningWorkingDays: number;
  organiserUserId: string;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
}

/** The filters of the signed-in round list. */
export interface RoundListFilter {
  level?: RoundLevel | undefined;
  year?: number | undefined;
  status?: RoundStatus | undefined;
}

/** The filters of the public list of rounds taking registrations. */
export interface RoundOpenFilter {
  level?: RoundLevel | undefined;
  /** Rounds of this province, of its communes, of its region, and national ones. */
  provinceCode?: string | undefined;
}

/** How many entries a round has, and how many entries were nominated from it into other rounds. */
export interface RoundEntryCounts {
  roundId: string;
  entries: number;
  nominated: number;
}

/** The planned or open round one level up that a round nominates into. */
export interface RoundNominationTarget {
  id: string;
  name: string;
  level: RoundLevel;
}

/** One entry of a round's results, with its workflow state (the caller reads jury and council from it). */
export interface RoundResultRow<S = unknown> {
  instanceId: string;
  code: string;
  productName: string;
  establishmentName: string;
  provinceCode: string | null;
  state: S;
}

interface RoundRow {
  id: string;
  name: string;
  level: RoundLevel;
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
function contactOf(row: Pick<RoundRow, 'contact_name' | 'contact_phone' | 'contact_email'>): RoundContact | null {
  if (row.contact_name === null && row.contact_phone === null && row.contact_email === null) return null;
  return { name: row.contact_name, phone: row.contact_phone, email: row.contact_email };
}

const toRound = (row: RoundRow): RoundRecord => ({
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

/** The contest region a unit belonged to in a year (parameters: unit, year): its latest membership valid then. */
const REGION_OF_UNIT_IN_YEAR = `(SELECT m.region_code FROM region_memberships m WHERE m.unit_code = $1
                      AND m.valid_from <= make_date($2::int, 12, 31) AND (m.valid_to IS NULL OR m.valid_to >= make_date($2::int, 1, 1))
                    ORDER BY m.valid_from DESC LIMIT 1)`;

/** Selection rounds (bình chọn): their rows, lifecycle, jury and council, and the areas they are held over. */
export class RoundStore {
  /** The round, locked FOR UPDATE when `lock` (the caller's transaction then owns its changes). */
  async find(manager: EntityManager, id: string, lock = false): Promise<RoundRecord | undefined> {
    const [row] = await manager.query<RoundRow[]>(`SELECT * FROM rounds WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return row ? toRound(row) : undefined;
  }

  /** Rounds matching the filters, newest year first (at most 500). */
  async list(manager: EntityManager, filter: RoundListFilter): Promise<RoundRecord[]> {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (filter.level) clauses.push(`level = $${params.push(filter.level)}`);
    if (filter.year) clauses.push(`year = $${params.push(filter.year)}`);
    if (filter.status) clauses.push(`status = $${params.push(filter.status)}`);
    return this.select(manager, clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params);
  }

  /** Open rounds whose registration has not closed, filtered by level and by the province they concern. */
  async listOpenForRegistration(manager: EntityManager, filter: RoundOpenFilter): Promise<RoundRecord[]> {
    const params: unknown[] = [];
    let where = `WHERE status = 'open' AND registration_closes_at > now()`;
    if (filter.level) where += ` AND level = $${params.push(filter.level)}`;
    if (filter.provinceCode) {
      const p = `$${params.push(filter.provinceCode)}`;
      where += ` AND (level = 'national'
                  OR (level = 'province' AND scope_code = ${p})
                  OR (level = 'commune' AND scope_code IN (SELECT u.code FROM administrative_units u WHERE u.level = 'commune' AND u.parent_code = ${p}))
                  OR (level = 'region' AND scope_code IN (SELECT m.region_code FROM region_memberships m WHERE m.unit_code = ${p} AND (m.valid_to IS NULL OR m.valid_to >= CURRENT_DATE))))`;
    }
    return this.select(manager, where, params);
  }

  /** The id of the round of this level, unit and year, if there is one. */
  async findIdByLevelScopeYear(manager: EntityManager, level: RoundLevel, scopeCode: string, year: number): Promise<string | undefined> {
    const [exists] = await manager.query<{ id: string }[]>(`SELECT id FROM rounds WHERE level = $1 AND scope_code = $2 AND year = $3`, [
      level,
      scopeCode,
      year,
    ]);
    return exists?.id;
  }

  /** Writes a new round (planned); returns its id. */
  async insert(manager: EntityManager, round: RoundInsert): Promise<string> {
    const [row] = await manager.query<{ id: string }[]>(
      `INSERT INTO rounds (name, level, year, scope_type, scope_code, registration_opens_at, registration_closes_at, criteria_set_code,
                           pass_threshold, nomination_quota, quorum_ratio, spread_limit, screening_working_days, organiser_user_id,
                           contact_name, contact_phone, contact_email)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
      [
        round.name,
        round.level,
        round.year,
        round.scopeType,
        round.scopeCode,
        round.registrationOpensAt,
        round.registrationClosesAt,
        round.criteriaSetCode,
        round.passThreshold,
        round.nominationQuota,
        round.quorumRatio,
        round.spreadLimit,
        round.screeningWorkingDays,
        round.organiserUserId,
        round.contactName,
        round.contactPhone,
        round.contactEmail,
      ],
    );
    return row!.id;
  }

  async setStatus(manager: EntityManager, id: string, status: RoundStatus): Promise<void> {
    await manager.query(`UPDATE rounds SET status = $2, updated_at = now() WHERE id = $1`, [id, status]);
  }

  /** Replaces the round's judges (by product group, `*` for all). */
  async setJury(manager: EntityManager, id: string, jury: Record<string, string[]>): Promise<void> {
    await manager.query(`UPDATE rounds SET jury = $2, updated_at = now() WHERE id = $1`, [id, JSON.stringify(jury)]);
  }

  async setCouncil(manager: EntityManager, id: string, council: { members: string[]; chair: string | null }): Promise<void> {
    await manager.query(`UPDATE rounds SET council = $2, updated_at = now() WHERE id = $1`, [id, JSON.stringify(council)]);
  }

  /** Set by the recognition decision itself, never by hand. */
  async markDecided(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE rounds SET status = 'decided', updated_at = now() WHERE id = $1`, [id]);
  }

  /** The contest region a unit belonged to in the round's year, or null. */
  async regionOfUnit(manager: EntityManager, unitCode: string, year: number): Promise<string | null> {
    const [row] = await manager.query<{ region_code: string | null }[]>(`SELECT ${REGION_OF_UNIT_IN_YEAR} AS region_code`, [unitCode, year]);
    return row?.region_code ?? null;
  }

  /** The province a commune belongs to, or null. */
  async provinceOfCommune(manager: EntityManager, communeCode: string): Promise<string | null> {
    const [row] = await manager.query<{ province_code: string | null }[]>(`SELECT parent_code AS province_code FROM administrative_units WHERE code = $1`, [
      communeCode,
    ]);
    return row?.province_code ?? null;
  }

  /** Vietnamese names of the rounds' areas (commune, province, region), by `level:code`. */
  async scopeNames(manager: EntityManager, rounds: readonly { level: RoundLevel; scopeCode: string }[]): Promise<Map<string, string>> {
    const units = [...new Set(rounds.filter((round) => round.level === 'commune' || round.level === 'province').map((round) => round.scopeCode))];
    const regions = [...new Set(rounds.filter((round) => round.level === 'region').map((round) => round.scopeCode))];
    const names = new Map<string, string>();
    if (units.length > 0) {
      const rows = await manager.query<{ code: string; name: string; level: string }[]>(
        `SELECT code, name, level FROM administrative_units WHERE code = ANY($1::text[])`,
        [units],
      );
      for (const row of rows) names.set(`${row.level}:${row.code}`, row.name);
    }
    if (regions.length > 0) {
      const rows = await manager.query<{ code: string; name: string }[]>(`SELECT code, name FROM regions WHERE code = ANY($1::text[])`, [regions]);
      for (const row of rows) names.set(`region:${row.code}`, row.name);
    }
    return names;
  }

  /** Per round: its entries, and the entries nominated from it into other rounds. */
  async entryCounts(manager: EntityManager, ids: readonly string[]): Promise<RoundEntryCounts[]> {
    const rows = await manager.query<{ round_id: string; entries: number; nominated: number }[]>(
      `SELECT r.id AS round_id,
              (SELECT count(*)::int FROM entries e WHERE e.round_id = r.id) AS entries,
              (SELECT count(*)::int FROM entries n JOIN entries s ON s.instance_id = n.nominated_from WHERE s.round_id = r.id) AS nominated
         FROM unnest($1::uuid[]) AS r(id)`,
      [ids],
    );
    return rows.map((row) => ({ roundId: row.round_id, entries: row.entries, nominated: row.nominated }));
  }

  /**
   * For each round, the planned or open round one level up whose area contains this one's (the same year
   * preferred, open before planned), by source round id.
   */
  async nominationTargets(manager: EntityManager, ids: readonly string[]): Promise<Map<string, RoundNominationTarget>> {
    const targets = new Map<string, RoundNominationTarget>();
    const rows = await manager.query<{ source_id: string; id: string; name: string; level: RoundLevel }[]>(
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
      [ids],
    );
    for (const row of rows) targets.set(row.source_id, { id: row.id, name: row.name, level: row.level });
    return targets;
  }

  /** The round's entries with their establishment and workflow state, by establishment then product name. */
  async results<S = unknown>(manager: EntityManager, roundId: string): Promise<RoundResultRow<S>[]> {
    const rows = await manager.query<
      { instance_id: string; code: string; product_name: string; establishment_name: string; province_code: string | null; state: S }[]
    >(
      `SELECT e.instance_id, e.code, e.product_name, o.name AS establishment_name, o.province_code, i.state
         FROM entries e JOIN workflow_instances i ON i.id = e.instance_id JOIN organisations o ON o.id = e.establishment_id
        WHERE e.round_id = $1 ORDER BY o.name, e.product_name`,
      [roundId],
    );
    return rows.map((row) => ({
      instanceId: row.instance_id,
      code: row.code,
      productName: row.product_name,
      establishmentName: row.establishment_name,
      provinceCode: row.province_code,
      state: row.state,
    }));
  }

  /** Which of these users hold one of the roles (over any scope): the jury and council candidates that qualify. */
  async usersHoldingRole(manager: EntityManager, userIds: readonly string[], roles: readonly string[]): Promise<string[]> {
    const rows = await manager.query<{ user_id: string }[]>(
      `SELECT DISTINCT user_id FROM role_grants WHERE user_id = ANY($1::uuid[]) AND role = ANY($2::text[])`,
      [userIds, roles],
    );
    return rows.map((row) => row.user_id);
  }

  private async select(manager: EntityManager, where: string, params: unknown[]): Promise<RoundRecord[]> {
    const rows = await manager.query<RoundRow[]>(`SELECT * FROM rounds ${where} ORDER BY year DESC, level, name LIMIT 500`, params);
    return rows.map(toRound);
  }
}
