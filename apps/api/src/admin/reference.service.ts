import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { ReferenceDataStore } from '@khuyencong/persistence';
import { AuditService } from '../audit/audit.service.js';
import { type Actor } from '../common/actor.js';
import {
  type ContentGroup,
  type ContentGroupsQuery,
  type CriteriaSet,
  type Province,
  type Region,
  type RegionMemberships,
  type SetRegionMembershipRequest,
  type SetRegionMembershipResponse,
  type SupportRule,
  type SupportRulesQuery,
  type UpdateSupportRuleRequest,
} from './dto/reference.dto.js';
import { notFound, ruleViolation } from './errors.js';

/** Read access to the versioned reference data, and the one edit administrators make here: a support rule. */
@Injectable()
export class ReferenceService {
  private readonly reference = new ReferenceDataStore();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  provinces(on: string | undefined): Promise<Province[]> {
    return this.reference.provinces(this.dataSource.manager, on ?? null);
  }

  regions(on: string | undefined): Promise<Region[]> {
    return this.reference.regions(this.dataSource.manager, on ?? null);
  }

  /** Each region with the provinces in force on `date` that belong to it that day, and the dates of that membership. */
  regionMemberships(date: string | undefined): Promise<RegionMemberships> {
    return this.reference.regionMemberships(this.dataSource.manager, date ?? null);
  }

  /**
   * The province belongs to `regionCode` from `validFrom`: the membership covering that day (or the open one) ends the
   * day before, the new one starts that day (and ends with the province). One transaction, the province's row and its
   * memberships locked, so concurrent moves of one province queue up and each sees the history the previous one left.
   */
  async setRegionMembership(actor: Actor, provinceCode: string, input: SetRegionMembershipRequest, requestId?: string): Promise<SetRegionMembershipResponse> {
    return this.dataSource.transaction(async (manager) => {
      const unit = await this.reference.lockProvince(manager, provinceCode);
      if (!unit) throw ruleViolation('UNKNOWN_UNIT', `Không có tỉnh ${provinceCode} / Unknown province ${provinceCode}`);
      const { regionCode, validFrom } = input;
      if (unit.validFrom > validFrom || (unit.validTo !== null && unit.validTo < validFrom)) {
        throw ruleViolation(
          'UNIT_NOT_IN_FORCE',
          `Tỉnh ${unit.name} (${unit.code}) không có hiệu lực vào ${validFrom} (hiệu lực ${unit.validFrom}…${unit.validTo ?? ''}) / ` +
            `Province ${unit.name} (${unit.code}) is not in force on ${validFrom} (in force ${unit.validFrom}…${unit.validTo ?? ''})`,
        );
      }
      const regionName = await this.reference.findRegionName(manager, regionCode);
      if (regionName === undefined) throw ruleViolation('UNKNOWN_REGION', `Không có khu vực ${regionCode} / Unknown region ${regionCode}`);
      const memberships = await this.reference.lockMemberships(manager, provinceCode);
      const covering = memberships.find((m) => m.validFrom <= validFrom && (m.validTo === null || m.validTo >= validFrom));
      if (covering?.regionCode === regionCode) {
        throw ruleViolation(
          'ALREADY_IN_REGION',
          `Tỉnh ${unit.name} đã thuộc khu vực ${regionName} vào ${validFrom} (từ ${covering.validFrom}) / ${unit.name} already belongs to ${regionCode} on ${validFrom} (since ${covering.validFrom})`,
        );
      }
      const latest = memberships.at(-1);
      if (latest && validFrom <= latest.validFrom) {
        throw ruleViolation(
          'MEMBERSHIP_BEFORE_CURRENT',
          `Ngày bắt đầu phải sau ngày bắt đầu của khu vực hiện tại (${latest.regionCode} từ ${latest.validFrom}) / ` +
            `validFrom must be after the start of the current membership (${latest.regionCode} since ${latest.validFrom})`,
        );
      }
      const before = latest ? { regionCode: latest.regionCode, validFrom: latest.validFrom, validTo: latest.validTo } : null;
      if (covering) await this.reference.endMembership(manager, provinceCode, covering.validFrom, validFrom);
      await this.reference.insertMembership(manager, regionCode, provinceCode, validFrom, unit.validTo);
      await this.audit.record(
        {
          actorUserId: actor.userId,
          action: 'admin.region-membership.set',
          targetType: 'administrative_unit',
          targetId: provinceCode,
          details: { before, after: { regionCode, validFrom, validTo: unit.validTo } },
          requestId,
        },
        manager,
      );
      const history = await this.reference.membershipHistory(manager, provinceCode);
      return { provinceCode, regionCode, validFrom, validTo: unit.validTo, history };
    });
  }

  contentGroups(query: ContentGroupsQuery): Promise<ContentGroup[]> {
    return this.reference.contentGroups(this.dataSource.manager, query.programme ?? null);
  }

  supportRules(query: SupportRulesQuery): Promise<SupportRule[]> {
    return this.reference.supportRules(this.dataSource.manager, query.on ?? null, query.fundingSource ?? null);
  }

  criteriaSets(): Promise<CriteriaSet[]> {
    return this.reference.criteriaSets(this.dataSource.manager);
  }

  async updateSupportRule(actor: Actor, code: string, input: UpdateSupportRuleRequest, requestId?: string): Promise<SupportRule> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.reference.lockSupportRule(manager, code);
      if (!before) throw notFound('quy định hỗ trợ', 'Support rule');
      const after: SupportRule = { ...before, ...input };
      if (after.validTo !== null && after.validTo < after.validFrom) {
        throw ruleViolation('INVALID_VALIDITY', `Ngày hết hiệu lực trước ngày bắt đầu (${after.validFrom}) / validTo is before validFrom`);
      }
      await this.reference.updateSupportRule(manager, code, after);
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
