import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { type DataSource, type EntityManager } from 'typeorm';
import { WorkflowRunner, toDomainActor } from '@khuyencong/workflow';
import { type Actor } from '../common/actor.js';
import { SchemeReferenceStore, SchemeStore } from '@khuyencong/persistence';
import { listTotal } from '../common/list-query.js';
import { subActivity } from './activities.js';
import { AuditService } from '../audit/audit.service.js';
import { conflict, forbidden } from '../selection/shared/errors.js';
import { holds } from '../selection/shared/scope.js';
import { type CreateSchemeBody, type SchemeListQuery, type SchemeListResponse, type SchemeView, type UpdateSchemeBody } from './dto.js';
import { programmeFor, registrationDeadlineFor, schemeDateOf } from './dated-rules.js';
import { detailView, summaryView, type SchemeRow } from './scheme-views.js';
import { checkBudgetLines } from './support-rules.js';
import { schemeCoverage } from './scheme-scope.js';
import { ReadRouter } from '../infra/read-routing.js';

/** The reference data a scheme is checked against (shared by the service and the checks below). */
const reference = new SchemeReferenceStore();

export const schemeNotFound = () => new NotFoundException({ statusCode: 404, code: 'NOT_FOUND', message: 'Không tìm thấy đề án / Scheme not found' });

@Injectable()
export class SchemesService {
  private readonly schemes = new SchemeStore();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: ReadRouter,
    private readonly runner: WorkflowRunner,
    private readonly audit: AuditService,
  ) {}

  /**
   * Registers a scheme in draft: its programme is the one whose period holds its year, its budget lines are checked
   * against the support rules in force on THE SCHEME'S DATE (the first day of its year its province is in force, dated-rules.ts; 422 naming the
   * rule), then the workflow instance and the scheme rows are written in one transaction.
   */
  async create(actor: Actor, body: CreateSchemeBody): Promise<SchemeView> {
    checkShape(body);
    return await this.dataSource.transaction(async (tx) => {
      const programme = await programmeFor(tx, body.year);
      await requireContentGroup(tx, programme, body.contentGroupCode);
      // The province must be in force in the scheme's year (the same database check the insert's trigger makes), before
      // the implementing unit is compared with it: a 2026 scheme in an abolished province is told its successor (422).
      await reference.checkProvinceInForce(tx, body.provinceCode, body.year);
      const unit = await implementingUnit(tx, body.implementingUnitId, body.provinceCode);
      // The membership on the scheme's date (its plan year), else the unit's last one before it.
      const regionCode = await reference.regionOn(tx, body.provinceCode, await schemeDateOf(tx, body.year, body.provinceCode));
      if (regionCode === undefined)
        throw new BadRequestException({
          statusCode: 400,
          code: 'MALFORMED_REQUEST',
          message: `Tỉnh ${body.provinceCode} không thuộc khu vực nào / Unknown province`,
        });
      const rules = await checkBudgetLines(
        tx,
        { fundingSource: body.fundingSource, provinceCode: body.provinceCode, date: await schemeDateOf(tx, body.year, body.provinceCode) },
        body.budgetLines,
      );
      const requested = requestedOf(body);
      const attributes: Record<string, string | number> = { fundingSource: body.fundingSource, requestedAmount: requested, year: body.year };
      const deadline = await registrationDeadlineFor(tx, { fundingSource: body.fundingSource, provinceCode: body.provinceCode, year: body.year });
      if (deadline) attributes.registrationDeadline = deadline.deadline;
      const outcome = await this.runner.start(
        'khuyencong-scheme',
        { subject: { establishmentId: unit.id, communeCode: unit.commune_code ?? body.provinceCode, provinceCode: body.provinceCode, regionCode }, attributes },
        toDomainActor(actor.userId, actor.grants),
        tx,
      );
      // A code people can read out: year, fund (QG national / DP local), the province's official code (never its slug), a random part.
      const official = await reference.officialCode(tx, body.provinceCode);
      const code = `${body.year}-${body.fundingSource === 'NATIONAL' ? 'QG' : 'DP'}-${official ?? 'T'}-${randomBytes(3).toString('hex').toUpperCase()}`;
      const schemeId = await this.schemes.insertScheme(tx, {
        instanceId: outcome.instanceId,
        code,
        title: body.title,
        implementingUnit: unit.name,
        programmeCode: programme,
        contentGroupCode: body.contentGroupCode,
        subActivity: body.subActivity,
        fundingSource: body.fundingSource,
        year: body.year,
        provinceCode: body.provinceCode,
        regionCode,
        location: body.location,
        requestedAmount: requested,
        stage: outcome.state.stage,
        createdBy: actor.userId,
        endsOn: body.endsOn ?? null,
      });
      await this.writeLinesAndBeneficiaries(tx, schemeId, body, rules);
      return this.detail(tx, actor, schemeId);
    });
  }

  /**
   * The implementing province's officer rewrites a draft or returned scheme at the revision they saw: title, unit,
   * content, location, completion date, beneficiaries and budget lines, checked as at creation (support rules on the
   * scheme's date, 422 naming the rule). Year, province and fund stay: they fix the code, the programme and the rules.
   * Like an entry's product data, the engine reads only the requested amount and the subject of these: the scheme rows,
   * the instance's attributes and subject change together, with an audit row of what changed, without an event.
   */
  async update(actor: Actor, id: string, expectedRevision: number, body: UpdateSchemeBody): Promise<SchemeView> {
    checkShape(body);
    return await this.dataSource.transaction(async (tx) => {
      const row = await this.loadVisible(tx, actor, id);
      if (!holds(actor, ['provincial_officer'], { provinceCode: row.province_code })) {
        throw forbidden('Chỉ chuyên viên của tỉnh thực hiện mới sửa được đề án / Only an officer of the scheme’s province may edit it');
      }
      // The scheme row, then the instance, in the order the commands lock them (no deadlock with a submit at the same
      // moment); two edits at once queue here and the second finds the revision moved.
      const revision = await this.schemes.lockRevision(tx, id);
      const state = row.instance_id ? await this.schemes.lockInstanceState(tx, row.instance_id) : undefined;
      if (!state) throw conflict('SCHEME_LOCKED', 'Đề án nhập từ dữ liệu cũ không sửa được / An imported scheme cannot be edited');
      if (revision !== expectedRevision) {
        throw conflict('STALE_REVISION', 'Đề án vừa được người khác sửa, hãy tải lại / Someone edited the scheme since you read it', {
          expectedRevision,
          revision,
        });
      }
      if (!EDITABLE_STAGES.has(state.stage)) {
        throw conflict('SCHEME_LOCKED', 'Chỉ sửa được đề án nháp hoặc được trả lại để hoàn thiện / Only a draft or a returned scheme can be edited');
      }
      await requireContentGroup(tx, row.programme_code, body.contentGroupCode);
      const unit = await implementingUnit(tx, body.implementingUnitId, row.province_code);
      const rules = await checkBudgetLines(
        tx,
        { fundingSource: row.funding_source_code, provinceCode: row.province_code, date: await schemeDateOf(tx, row.year, row.province_code) },
        body.budgetLines,
      );
      const requested = requestedOf(body);
      const before = await this.detail(tx, actor, id);
      await this.schemes.updateDraft(tx, id, {
        title: body.title,
        implementingUnit: unit.name,
        contentGroupCode: body.contentGroupCode,
        subActivity: body.subActivity,
        location: body.location,
        requestedAmount: requested,
        endsOn: body.endsOn ?? null,
      });
      await this.schemes.deleteLinesAndBeneficiaries(tx, id);
      await this.writeLinesAndBeneficiaries(tx, id, body, rules);
      const communeCode = unit.commune_code ?? row.province_code;
      await this.schemes.updateInstanceSubject(tx, row.instance_id!, { establishmentId: unit.id, communeCode, requestedAmount: requested });
      const after = await this.detail(tx, actor, id);
      await this.audit.record(
        {
          actorUserId: actor.userId,
          action: 'scheme.update',
          targetType: 'scheme',
          targetId: id,
          details: { before: editedPart(before), after: editedPart(after) },
        },
        tx,
      );
      return after;
    });
  }

  async get(actor: Actor, id: string): Promise<SchemeView> {
    return this.detail(this.dataSource.manager, actor, id);
  }

  /** A scheme the actor's grants cover (by province, region or nationally), or assigned council members; else 404. */
  async loadVisible(manager: EntityManager, actor: Actor, id: string): Promise<SchemeRow> {
    const row = await this.schemes.findVisible(manager, id, schemeCoverage(actor));
    if (!row) throw schemeNotFound();
    return row;
  }

  async detail(manager: EntityManager, actor: Actor, id: string): Promise<SchemeView> {
    return detailView(manager, await this.loadVisible(manager, actor, id));
  }

  async list(actor: Actor, query: SchemeListQuery): Promise<SchemeListResponse> {
    const page = await this.schemes.listVisible(await this.reads.reader(actor), schemeCoverage(actor), query);
    return { items: page.rows.map(summaryView), ...listTotal(page.total) };
  }

  /** The budget lines (each with the rule that capped it) and the beneficiaries, in the order sent. */
  private async writeLinesAndBeneficiaries(tx: EntityManager, schemeId: string, body: UpdateSchemeBody, rules: readonly (string | null)[]): Promise<void> {
    await this.schemes.insertBudgetLines(
      tx,
      schemeId,
      body.budgetLines.map((line, index) => ({
        position: index + 1,
        activityCode: line.activityCode,
        description: line.description,
        eligibleCost: line.eligibleCost,
        supportAmount: line.supportAmount,
        ruleCode: rules[index] ?? null,
        establishmentId: line.establishmentId ?? null,
        technologyLine: line.technologyLine ?? false,
      })),
    );
    await this.schemes.insertBeneficiaries(
      tx,
      schemeId,
      body.beneficiaries.map((beneficiary) => ({
        organisationId: beneficiary.organisationId ?? null,
        name: beneficiary.name,
        supportAmount: beneficiary.supportAmount,
        coFundingAmount: beneficiary.coFundingAmount,
      })),
    );
  }
}

/** Stages in which the implementing province may still rewrite the scheme. */
const EDITABLE_STAGES = new Set(['draft', 'revision']);

/** What a create or an edit says about content and money, checked before any query. */
function checkShape(body: UpdateSchemeBody): void {
  const activity = subActivity(body.subActivity);
  if (activity?.contentGroup !== body.contentGroupCode) {
    throw new BadRequestException({
      statusCode: 400,
      code: 'MALFORMED_REQUEST',
      message: `Hoạt động ${body.subActivity} không thuộc nhóm nội dung ${body.contentGroupCode} / The sub-activity is not in that content group`,
    });
  }
  const beneficiaryIds = new Set(body.beneficiaries.flatMap((beneficiary) => (beneficiary.organisationId ? [beneficiary.organisationId] : [])));
  if (body.budgetLines.some((line) => line.establishmentId !== undefined && !beneficiaryIds.has(line.establishmentId))) {
    throw new BadRequestException({
      statusCode: 400,
      code: 'MALFORMED_REQUEST',
      message: 'Dòng kinh phí ghi cơ sở không có trong danh sách thụ hưởng / A budget line names an establishment that is not a beneficiary',
    });
  }
}

async function requireContentGroup(tx: EntityManager, programme: string, contentGroupCode: string): Promise<void> {
  if (!(await reference.hasContentGroup(tx, programme, contentGroupCode))) {
    throw new BadRequestException({
      statusCode: 400,
      code: 'MALFORMED_REQUEST',
      message: `Chương trình ${programme} không có nhóm nội dung ${contentGroupCode} / The programme has no such content group`,
    });
  }
}

/** The implementing unit, which must sit in the scheme's province. */
async function implementingUnit(tx: EntityManager, unitId: string, provinceCode: string): Promise<{ id: string; name: string; commune_code: string | null }> {
  const unit = await reference.findOrganisation(tx, unitId);
  if (!unit || unit.province_code !== provinceCode) {
    throw new BadRequestException({
      statusCode: 400,
      code: 'MALFORMED_REQUEST',
      message: 'Đơn vị thực hiện không thuộc tỉnh của đề án / The implementing unit is not in the scheme’s province',
    });
  }
  return unit;
}

function requestedOf(body: UpdateSchemeBody): number {
  return body.budgetLines.reduce((sum, line) => sum + line.supportAmount, 0);
}

/** The part of a scheme an edit can change, for the audit row. */
function editedPart(view: SchemeView) {
  const { title, implementingUnit: unit, contentGroupCode, subActivity: activity, location, endsOn, requestedAmount, beneficiaries, budgetLines } = view;
  return { title, implementingUnit: unit, contentGroupCode, subActivity: activity, location, endsOn, requestedAmount, beneficiaries, budgetLines };
}
