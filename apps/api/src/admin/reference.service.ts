import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { type Actor } from '../common/actor.js';
import { type ContentGroup, type ContentGroupsQuery, type CriteriaSet, type Province, type Region, type SupportRule, type SupportRulesQuery, type UpdateSupportRuleRequest } from './dto/reference.dto.js';
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
      `SELECT code, name, valid_from::text AS "validFrom", valid_to::text AS "validTo" FROM administrative_units
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
