import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { type Actor } from '../common/actor.js';
import { type ContentGroup, type ContentGroupsQuery, type CriteriaSet, type Province, type Region, type RegionMemberships, type SetRegionMembershipRequest, type SetRegionMembershipResponse, type SupportRule, type SupportRulesQuery, type UpdateSupportRuleRequest } from './dto/reference.dto.js';
import { notFound, ruleViolation } from './errors.js';

/** The reference date: the caller's `on`, else today in Vietnam. */
const ON = `COALESCE($1::date, (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)`;

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

/** Read access to the versioned reference data, and the one edit administrators make here: a support rule. */
@Injectable()
export class ReferenceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  provinces(on: string | undefined): Promise<Province[]> {
    return this.dataSource.query<Province[]>(
      `SELECT code, official_code AS "officialCode", name, valid_from::text AS "validFrom", valid_to::text AS "validTo" FROM administrative_units
        WHERE level = 'province' AND valid_from <= ${ON} AND (valid_to IS NULL OR valid_to >= ${ON}) ORDER BY name COLLATE "C", code`,
      [on ?? null],
    );
  }

  async regions(on: string | undefined): Promise<Region[]> {
    const rows = await this.dataSource.query<{ code: string; name: string; members: { code: string; name: string }[] }[]>(
      `SELECT r.code, r.name,
              COALESCE(json_agg(json_build_object('code', u.code, 'name', u.name) ORDER BY u.name) FILTER (WHERE u.code IS NOT NULL), '[]') AS members
         FROM regions r
         LEFT JOIN region_memberships m ON m.region_code = r.code AND m.valid_from <= ${ON} AND (m.valid_to IS NULL OR m.valid_to >= ${ON})
         LEFT JOIN administrative_units u ON u.code = m.unit_code
        GROUP BY r.code, r.name ORDER BY r.code`,
      [on ?? null],
    );
    return rows;
  }

  /** Each region with the provinces in force on `date` that belong to it that day, and the dates of that membership. */
  async regionMemberships(date: string | undefined): Promise<RegionMemberships> {
    const [day] = await this.dataSource.query<{ day: string }[]>(`SELECT (${ON})::text AS day`, [date ?? null]);
    const rows = await this.dataSource.query<{ code: string; name: string; provinces: RegionMemberships['regions'][number]['provinces'] }[]>(
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
   * The province belongs to `regionCode` from `validFrom`: the membership covering that day (or the open one) ends the
   * day before, the new one starts that day (and ends with the province). One transaction, the province's row and its
   * memberships locked, so concurrent moves of one province queue up and each sees the history the previous one left.
   */
  async setRegionMembership(actor: Actor, provinceCode: string, input: SetRegionMembershipRequest, requestId?: string): Promise<SetRegionMembershipResponse> {
    return this.dataSource.transaction(async (manager) => {
      const [unit] = await manager.query<{ code: string; name: string; valid_from: string; valid_to: string | null }[]>(
        `SELECT code, name, valid_from::text AS valid_from, valid_to::text AS valid_to FROM administrative_units WHERE code = $1 AND level = 'province' FOR NO KEY UPDATE`,
        [provinceCode],
      );
      if (!unit) throw ruleViolation('UNKNOWN_UNIT', `Không có tỉnh ${provinceCode} / Unknown province ${provinceCode}`);
      const { regionCode, validFrom } = input;
      if (unit.valid_from > validFrom || (unit.valid_to !== null && unit.valid_to < validFrom)) {
        throw ruleViolation(
          'UNIT_NOT_IN_FORCE',
          `Tỉnh ${unit.name} (${unit.code}) không có hiệu lực vào ${validFrom} (hiệu lực ${unit.valid_from}…${unit.valid_to ?? ''}) / ` +
            `Province ${unit.name} (${unit.code}) is not in force on ${validFrom} (in force ${unit.valid_from}…${unit.valid_to ?? ''})`,
        );
      }
      const [region] = await manager.query<{ name: string }[]>(`SELECT name FROM regions WHERE code = $1`, [regionCode]);
      if (!region) throw ruleViolation('UNKNOWN_REGION', `Không có khu vực ${regionCode} / Unknown region ${regionCode}`);
      const memberships = await manager.query<{ region_code: string; valid_from: string; valid_to: string | null }[]>(
        `SELECT region_code, valid_from::text AS valid_from, valid_to::text AS valid_to FROM region_memberships WHERE unit_code = $1 ORDER BY valid_from FOR UPDATE`,
        [provinceCode],
      );
      const covering = memberships.find((m) => m.valid_from <= validFrom && (m.valid_to === null || m.valid_to >= validFrom));
      if (covering?.region_code === regionCode) {
        throw ruleViolation(
          'ALREADY_IN_REGION',
          `Tỉnh ${unit.name} đã thuộc khu vực ${region.name} vào ${validFrom} (từ ${covering.valid_from}) / ${unit.name} already belongs to ${regionCode} on ${validFrom} (since ${covering.valid_from})`,
        );
      }
      const latest = memberships.at(-1);
      if (latest && validFrom <= latest.valid_from) {
        throw ruleViolation(
          'MEMBERSHIP_BEFORE_CURRENT',
          `Ngày bắt đầu phải sau ngày bắt đầu của khu vực hiện tại (${latest.region_code} từ ${latest.valid_from}) / ` +
            `validFrom must be after the start of the current membership (${latest.region_code} since ${latest.valid_from})`,
        );
      }
      const before = latest ? { regionCode: latest.region_code, validFrom: latest.valid_from, validTo: latest.valid_to } : null;
      if (covering) {
        await manager.query(`UPDATE region_memberships SET valid_to = $3::date - 1 WHERE unit_code = $1 AND valid_from = $2::date`, [provinceCode, covering.valid_from, validFrom]);
      }
      await manager.query(`INSERT INTO region_memberships (region_code, unit_code, valid_from, valid_to) VALUES ($1, $2, $3, $4)`, [regionCode, provinceCode, validFrom, unit.valid_to]);
      await this.audit.record(
        {
          actorUserId: actor.userId,
          action: 'admin.region-membership.set',
          targetType: 'administrative_unit',
          targetId: provinceCode,
          details: { before, after: { regionCode, validFrom, validTo: unit.valid_to } },
          requestId,
        },
        manager,
      );
      const history = await manager.query<{ regionCode: string; validFrom: string; validTo: string | null }[]>(
        `SELECT region_code AS "regionCode", valid_from::text AS "validFrom", valid_to::text AS "validTo" FROM region_memberships WHERE unit_code = $1 ORDER BY valid_from`,
        [provinceCode],
      );
      return { provinceCode, regionCode, validFrom, validTo: unit.valid_to, history };
    });
  }

  contentGroups(query: ContentGroupsQuery): Promise<ContentGroup[]> {
    return this.dataSource.query<ContentGroup[]>(
      `SELECT programme_code AS "programmeCode", code, name, position FROM content_groups WHERE $1::text IS NULL OR programme_code = $1 ORDER BY programme_code, position`,
      [query.programme ?? null],
    );
  }

  async supportRules(query: SupportRulesQuery): Promise<SupportRule[]> {
    const rows = await this.dataSource.query<SupportRuleRow[]>(
      `SELECT ${SUPPORT_RULE_COLUMNS} FROM support_rules
        WHERE ($2::text IS NULL OR funding_source_code = $2)
          AND ($1::date IS NULL OR (valid_from <= $1::date AND (valid_to IS NULL OR valid_to >= $1::date)))
        ORDER BY funding_source_code, activity_code, valid_from`,
      [query.on ?? null, query.fundingSource ?? null],
    );
    return rows.map(toSupportRule);
  }

  async criteriaSets(): Promise<CriteriaSet[]> {
    const rows = await this.dataSource.query<{ code: string; name: string; basis: string; groups: CriteriaSet['groups'] }[]>(
      `SELECT s.code, s.name, s.basis,
              COALESCE(json_agg(json_build_object('code', g.code, 'name', g.name, 'maxPoints', g.max_points, 'position', g.position) ORDER BY g.position)
                       FILTER (WHERE g.code IS NOT NULL), '[]') AS groups
         FROM criteria_sets s LEFT JOIN criteria_groups g ON g.criteria_set_code = s.code
        GROUP BY s.code, s.name, s.basis ORDER BY s.code`,
    );
    return rows.map((row) => ({ ...row, totalPoints: row.groups.reduce((sum, group) => sum + group.maxPoints, 0) }));
  }

  async updateSupportRule(actor: Actor, code: string, input: UpdateSupportRuleRequest, requestId?: string): Promise<SupportRule> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query<SupportRuleRow[]>(`SELECT ${SUPPORT_RULE_COLUMNS} FROM support_rules WHERE code = $1 FOR UPDATE`, [code]);
      if (!row) throw notFound('quy định hỗ trợ', 'Support rule');
      const before = toSupportRule(row);
      const after: SupportRule = { ...before, ...input };
      if (after.validTo !== null && after.validTo < after.validFrom) {
        throw ruleViolation('INVALID_VALIDITY', `Ngày hết hiệu lực trước ngày bắt đầu (${after.validFrom}) / validTo is before validFrom`);
      }
      await manager.query(
        `UPDATE support_rules SET activity_name = $2, max_percent = $3, max_amount = $4, per = $5, valid_to = $6, article = $7 WHERE code = $1`,
        [code, after.activityName, after.maxPercent, after.maxAmount, after.per, after.validTo, after.article],
      );
      const changed = Object.keys(input) as (keyof UpdateSupportRuleRequest)[];
      await this.audit.record(
        {
          actorUserId: actor.userId,
          action: 'admin.support_rule.update',
          targetType: 'support_rule',
          targetId: code,
          details: { before: Object.fromEntries(changed.map((key) => [key, before[key]])), after: Object.fromEntries(changed.map((key) => [key, after[key]])) },
          requestId,
        },
        manager,
      );
      return after;
    });
  }
}

function toSupportRule(row: SupportRuleRow): SupportRule {
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
