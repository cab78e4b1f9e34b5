import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { rulesInForce } from '@khuyencong/domain';
import { AreaStore, MoneyRuleStore, SchemeReferenceStore, type SupportRuleRecord } from '@khuyencong/persistence';
import { type Actor } from '../common/actor.js';
import { type Role } from '../common/access.js';
import { eligiblePeople } from '../common/eligible-people.js';
import { coveredUnits } from '../selection/shared/scope.js';
import { SUB_ACTIVITIES } from './activities.js';
import { advanceRuleFor, citation, registrationDeadlineFor, schemeDateOf } from './dated-rules.js';
import { type ImplementingUnits, type SchemePeople, type SchemePeopleQuery, type SchemeRules, type SchemeRulesQuery } from './options-dto.js';
import { SchemesService } from './schemes.service.js';

const provinceNotFound = () =>
  new NotFoundException({ statusCode: 404, code: 'NOT_FOUND', message: 'Không tìm thấy tỉnh trong phạm vi của bạn / Province not in your scope' });

/** Whether one of the actor's grants of these roles covers the province (national grants cover every province). */
function coversProvince(actor: Actor, roles: readonly Role[], provinceCode: string): boolean {
  return actor.grants.some(
    (grant) => roles.includes(grant.role) && (grant.scopeType === 'national' || (grant.scopeType === 'province' && coveredUnits(grant).includes(provinceCode))),
  );
}

/**
 * What the scheme form and the scheme page need to choose and check by name: the implementing units of a province,
 * the rules in force on a scheme's date (the same ones the API applies on create, submit, appraisal and advance),
 * and the people who may sit on a scheme's acceptance council.
 */
@Injectable()
export class SchemeOptionsService {
  private readonly reference = new SchemeReferenceStore();
  private readonly moneyRules = new MoneyRuleStore();
  private readonly areas = new AreaStore();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly schemes: SchemesService,
  ) {}

  /** The organisations that may carry out a scheme of the province: its khuyến công centre and its department. */
  async implementingUnits(actor: Actor, provinceCode: string): Promise<ImplementingUnits> {
    if (!coversProvince(actor, ['provincial_officer'], provinceCode)) throw provinceNotFound();
    return { items: await this.reference.implementingUnits(this.dataSource.manager, provinceCode) };
  }

  /** The support caps (one per activity: the province's own rule wins), advance rules and deadline on the scheme's date. */
  async rules(actor: Actor, query: SchemeRulesQuery): Promise<SchemeRules> {
    if (!coversProvince(actor, ['provincial_officer', 'signer', 'central_officer', 'admin'], query.provinceCode)) throw provinceNotFound();
    const manager = this.dataSource.manager;
    if (!(await this.areas.provinceExists(manager, query.provinceCode))) throw provinceNotFound();
    const date = await schemeDateOf(manager, query.year, query.provinceCode);
    const scope = { fundingSource: query.fundingSource, provinceCode: query.provinceCode, date };
    // The first rule in force per activity is the one the budget-line check applies.
    const winning = new Map<string, SupportRuleRecord>();
    for (const rule of rulesInForce(await this.moneyRules.supportRules(manager, query.fundingSource, query.provinceCode), scope)) {
      if (!winning.has(rule.activityCode)) winning.set(rule.activityCode, rule);
    }
    const advanceRules = [];
    for (const activity of SUB_ACTIVITIES) {
      const rule = await advanceRuleFor(manager, scope, activity.code);
      advanceRules.push({
        activityCode: activity.code,
        code: rule.code,
        citation: rule.citation,
        maxPercent: rule.maxPercent,
        progressAbove: rule.progressAbove,
      });
    }
    const deadline = await registrationDeadlineFor(manager, { fundingSource: query.fundingSource, provinceCode: query.provinceCode, year: query.year });
    return {
      date,
      activities: SUB_ACTIVITIES.map((activity) => ({ code: activity.code, contentGroup: activity.contentGroup, name: activity.name })),
      supportRules: [...winning.values()].map((rule) => ({
        code: rule.code,
        activityCode: rule.activityCode,
        activityName: rule.activityName,
        citation: citation(rule.basis, rule.article),
        maxPercent: rule.maxPercent,
        maxAmount: rule.maxAmount,
        per: rule.per,
        technologyLineMultiplier: rule.technologyLineMultiplier ?? null,
        provincial: rule.provinceCode !== null,
      })),
      advanceRules,
      registrationDeadline: deadline ? { code: deadline.code, citation: deadline.citation, deadline: deadline.deadline } : null,
    };
  }

  /**
   * Active holders of a council role whose grant covers the scheme (national, its region or its province), for the
   * officer to name the acceptance council by name. The scheme must be visible to the caller (else 404).
   */
  async people(actor: Actor, schemeId: string, query: SchemePeopleQuery): Promise<SchemePeople> {
    const scheme = await this.schemes.loadVisible(this.dataSource.manager, actor, schemeId);
    return {
      items: await eligiblePeople(this.dataSource.manager, query.role, { provinceCode: scheme.province_code, regionCode: scheme.region_code }, query.q),
    };
  }
}
