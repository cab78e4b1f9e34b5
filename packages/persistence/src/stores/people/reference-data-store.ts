import { type EntityManager } from 'typeorm';
import { type KhuyenCongData } from '../../seed/reference-data.js';

/** The reference date: the caller's `on` ($1), else today in Vietnam. */
const ON = `COALESCE($1::date, (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)`;

/** A province (dates as YYYY-MM-DD). */
export interface ReferenceProvince {
  code: string;
  officialCode: string | null;
  name: string;
  validFrom: string;
  validTo: string | null;
}

/** A region with its member units on the reference date, by name. */
export interface ReferenceRegion {
  code: string;
  name: string;
  members: { code: string; name: string }[];
}

/** A province's membership of a region, seen from the region. */
export interface ReferenceRegionProvince {
  code: string;
  name: string;
  validFrom: string;
  validTo: string | null;
}

/** The regions with the provinces in force that belong to them on `date`. */
export interface ReferenceRegionMemberships {
  date: string;
  regions: { code: string; name: string; provinces: ReferenceRegionProvince[] }[];
}

/** A province's membership of a region, seen from the province. */
export interface ReferenceMembership {
  regionCode: string;
  validFrom: string;
  validTo: string | null;
}

export interface ReferenceContentGroup {
  programmeCode: string;
  code: string;
  name: string;
  position: number;
}

/** A support rule: the cap a funding source sets on an activity, in force from `validFrom` to `validTo` (as the seed loads it). */
export type ReferenceSupportRule = KhuyenCongData['supportRules'][number];

/** What an administrator may change of a support rule (every field written, changed or not). */
export type ReferenceSupportRuleChange = Pick<ReferenceSupportRule, 'activityName' | 'maxPercent' | 'maxAmount' | 'per' | 'validTo' | 'article'>;

export interface ReferenceCriteriaSet {
  code: string;
  name: string;
  basis: string;
  totalPoints: number;
  groups: { code: string; name: string; maxPoints: number; position: number }[];
}

interface SupportRuleRow {
  code: string;
  basis: string;
  article: string | null;
  funding_source_code: string;
  province_code: string | null;
  activity_code: string;
  activity_name: string;
  max_percent: string | null;
  max_amount: string | null;
  per: string | null;
  conditions: Record<string, unknown>;
  valid_from: string;
  valid_to: string | null;
}

const SUPPORT_RULE_COLUMNS = `code, basis, article, funding_source_code, province_code, activity_code, activity_name, max_percent, max_amount, per, conditions, valid_from::text AS valid_from, valid_to::text AS valid_to`;

/**
 * The versioned reference data as the administration screens read and edit it: provinces, regions and their
 * memberships, content groups, support rules, criteria sets. Dates are YYYY-MM-DD text.
 */
export class ReferenceDataStore {
  /** Provinces in force on `on` (today in Vietnam when null), by name. */
  provinces(manager: EntityManager, on: string | null): Promise<ReferenceProvince[]> {
    return manager.query<ReferenceProvince[]>(
      `SELECT code, official_code AS "officialCode", name, valid_from::text AS "validFrom", valid_to::text AS "validTo" FROM administrative_units
        WHERE level = 'province' AND valid_from <= ${ON} AND (valid_to IS NULL OR valid_to >= ${ON}) ORDER BY name COLLATE "C", code`,
      [on],
    );
  }

  /** Regions with their member units on `on` (today in Vietnam when null). */
  regions(manager: EntityManager, on: string | null): Promise<ReferenceRegion[]> {
    return manager.query<ReferenceRegion[]>(
      `SELECT r.code, r.name,
              COALESCE(json_agg(json_build_object('code', u.code, 'name', u.name) ORDER BY u.name) FILTER (WHERE u.code IS NOT NULL), '[]') AS members
         FROM regions r
         LEFT JOIN region_memberships m ON m.region_code = r.code AND m.valid_from <= ${ON} AND (m.valid_to IS NULL OR m.valid_to >= ${ON})
         LEFT JOIN administrative_units u ON u.code = m.unit_code
        GROUP BY r.code, r.name ORDER BY r.code`,
      [on],
    );
  }

  /** Each region with the provinces in force on `date` (today in Vietnam when null) that belong to it that day. */
  async regionMemberships(manager: EntityManager, date: string | null): Promise<ReferenceRegionMemberships> {
    const [day] = await manager.query<{ day: string }[]>(`SELECT (${ON})::text AS day`, [date]);
    const rows = await manager.query<ReferenceRegionMemberships['regions']>(
      `SELECT r.code, r.name,
              COALESCE(json_agg(json_build_object('code', u.code, 'name', u.name, 'validFrom', m.valid_from::text, 'validTo', m.valid_to::text) ORDER BY u.name, u.code)
                       FILTER (WHERE u.code IS NOT NULL), '[]') AS provinces
         FROM regions r
         LEFT JOIN region_memberships m ON m.region_code = r.code AND m.valid_from <= $1::date AND (m.valid_to IS NULL OR m.valid_to >= $1::date)
         LEFT JOIN administrative_units u ON u.code = m.unit_code AND u.level = 'province' AND u.valid_from <= $1::date AND (u.valid_to IS NULL OR u.valid_to >= $1::date)
        GROUP BY r.code, r.name ORDER BY r.code`,
      [day!.day],
    );
    return { date: day!.day, regions: rows };
  }

  /**
   * The province, locked FOR NO KEY UPDATE so concurrent moves of one province queue up; undefined when there
   * is no such province.
   */
  async lockProvince(manager: EntityManager, code: string): Promise<Omit<ReferenceProvince, 'officialCode'> | undefined> {
    const [unit] = await manager.query<{ code: string; name: string; valid_from: string; valid_to: string | null }[]>(
      `SELECT code, name, valid_from::text AS valid_from, valid_to::text AS valid_to FROM administrative_units WHERE code = $1 AND level = 'province' FOR NO KEY UPDATE`,
      [code],
    );
    return unit ? { code: unit.code, name: unit.name, validFrom: unit.valid_from, validTo: unit.valid_to } : undefined;
  }

  async findRegionName(manager: EntityManager, code: string): Promise<string | undefined> {
    const [region] = await manager.query<{ name: string }[]>(`SELECT name FROM regions WHERE code = $1`, [code]);
    return region?.name;
  }

  /** The province's memberships, oldest first, locked FOR UPDATE. */
  async lockMemberships(manager: EntityManager, provinceCode: string): Promise<ReferenceMembership[]> {
    const rows = await manager.query<{ region_code: string; valid_from: string; valid_to: string | null }[]>(
      `SELECT region_code, valid_from::text AS valid_from, valid_to::text AS valid_to FROM region_memberships WHERE unit_code = $1 ORDER BY valid_from FOR UPDATE`,
      [provinceCode],
    );
    return rows.map((row) => ({ regionCode: row.region_code, validFrom: row.valid_from, validTo: row.valid_to }));
  }

  /** Ends the province's membership that starts on `validFrom` the day before `endsBefore`. */
  async endMembership(manager: EntityManager, provinceCode: string, validFrom: string, endsBefore: string): Promise<void> {
    await manager.query(`UPDATE region_memberships SET valid_to = $3::date - 1 WHERE unit_code = $1 AND valid_from = $2::date`, [
      provinceCode,
      validFrom,
      endsBefore,
    ]);
  }

  async insertMembership(manager: EntityManager, regionCode: string, provinceCode: string, validFrom: string, validTo: string | null): Promise<void> {
    await manager.query(`INSERT INTO region_memberships (region_code, unit_code, valid_from, valid_to) VALUES ($1, $2, $3, $4)`, [
      regionCode,
      provinceCode,
      validFrom,
      validTo,
    ]);
  }

  /** The province's memberships, oldest first. */
  membershipHistory(manager: EntityManager, provinceCode: string): Promise<ReferenceMembership[]> {
    return manager.query<ReferenceMembership[]>(
      `SELECT region_code AS "regionCode", valid_from::text AS "validFrom", valid_to::text AS "validTo" FROM region_memberships WHERE unit_code = $1 ORDER BY valid_from`,
      [provinceCode],
    );
  }

  /** Content groups of the programme (all when null), by programme and position. */
  contentGroups(manager: EntityManager, programme: string | null): Promise<ReferenceContentGroup[]> {
    return manager.query<ReferenceContentGroup[]>(
      `SELECT programme_code AS "programmeCode", code, name, position FROM content_groups WHERE $1::text IS NULL OR programme_code = $1 ORDER BY programme_code, position`,
      [programme],
    );
  }

  /** Support rules of the funding source (all when null) in force on `on` (every version when null). */
  async supportRules(manager: EntityManager, on: string | null, fundingSource: string | null): Promise<ReferenceSupportRule[]> {
    const rows = await manager.query<SupportRuleRow[]>(
      `SELECT ${SUPPORT_RULE_COLUMNS} FROM support_rules
        WHERE ($2::text IS NULL OR funding_source_code = $2)
          AND ($1::date IS NULL OR (valid_from <= $1::date AND (valid_to IS NULL OR valid_to >= $1::date)))
        ORDER BY funding_source_code, activity_code, valid_from`,
      [on, fundingSource],
    );
    return rows.map(toSupportRule);
  }

  /** The support rule, locked FOR UPDATE. */
  async lockSupportRule(manager: EntityManager, code: string): Promise<ReferenceSupportRule | undefined> {
    const [row] = await manager.query<SupportRuleRow[]>(`SELECT ${SUPPORT_RULE_COLUMNS} FROM support_rules WHERE code = $1 FOR UPDATE`, [code]);
    return row ? toSupportRule(row) : undefined;
  }

  async updateSupportRule(manager: EntityManager, code: string, rule: ReferenceSupportRuleChange): Promise<void> {
    await manager.query(
      `UPDATE support_rules SET activity_name = $2, max_percent = $3, max_amount = $4, per = $5, valid_to = $6, article = $7 WHERE code = $1`,
      [code, rule.activityName, rule.maxPercent, rule.maxAmount, rule.per, rule.validTo, rule.article],
    );
  }

  /** Criteria sets with their groups by position, and the points they add up to. */
  async criteriaSets(manager: EntityManager): Promise<ReferenceCriteriaSet[]> {
    const rows = await manager.query<Omit<ReferenceCriteriaSet, 'totalPoints'>[]>(
      `SELECT s.code, s.name, s.basis,
              COALESCE(json_agg(json_build_object('code', g.code, 'name', g.name, 'maxPoints', g.max_points, 'position', g.position) ORDER BY g.position)
                       FILTER (WHERE g.code IS NOT NULL), '[]') AS groups
         FROM criteria_sets s LEFT JOIN criteria_groups g ON g.criteria_set_code = s.code
        GROUP BY s.code, s.name, s.basis ORDER BY s.code`,
    );
    return rows.map((row) => ({ ...row, totalPoints: row.groups.reduce((sum, group) => sum + group.maxPoints, 0) }));
  }
}

function toSupportRule(row: SupportRuleRow): ReferenceSupportRule {
  return {
    code: row.code,
    basis: row.basis,
    article: row.article,
    fundingSourceCode: row.funding_source_code,
    provinceCode: row.province_code,
    activityCode: row.activity_code,
    activityName: row.activity_name,
    maxPercent: row.max_percent === null ? null : Number(row.max_percent),
    maxAmount: row.max_amount === null ? null : Number(row.max_amount),
    per: row.per,
    conditions: row.conditions,
    validFrom: row.valid_from,
    validTo: row.valid_to,
  };
}
