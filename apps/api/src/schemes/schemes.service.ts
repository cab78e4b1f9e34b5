import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { type DataSource, type EntityManager } from 'typeorm';
import { WorkflowRunner, toDomainActor } from '@khuyencong/workflow';
import { type Actor } from '../common/actor.js';
import { cappedCountSql, orderBy } from '@khuyencong/persistence';
import { listTotal } from '../common/list-query.js';
import { containsPattern, fold } from '../common/people.js';
import { subActivity } from './activities.js';
import { type InstanceState } from '@khuyencong/domain';
import { AuditService } from '../audit/audit.service.js';
import { conflict, forbidden } from '../selection/shared/errors.js';
import { holds } from '../selection/shared/scope.js';
import { type CreateSchemeBody, type SchemeListQuery, type SchemeListResponse, type SchemeView, type UpdateSchemeBody } from './dto.js';
import { programmeFor, registrationDeadlineFor, schemeDateOf } from './dated-rules.js';
import { SCHEME_SELECT, detailView, summaryView, type SchemeRow } from './scheme-views.js';
import { checkBudgetLines } from './support-rules.js';
import { schemeCoverageSql } from './scheme-scope.js';

export const schemeNotFound = () => new NotFoundException({ statusCode: 404, code: 'NOT_FOUND', message: 'Không tìm thấy đề án / Scheme not found' });

@Injectable()
export class SchemesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
      await tx.query(`SELECT kc_check_unit($1, 'province', make_date($2::int, 1, 1), make_date($2::int, 12, 31))`, [body.provinceCode, body.year]);
      const unit = await implementingUnit(tx, body.implementingUnitId, body.provinceCode);
      const [region] = await tx.query<{ region_code: string }[]>(
        // The membership on the scheme's date (its plan year), else the unit's last one before it.
        `SELECT region_code FROM region_memberships WHERE unit_code = $1 AND valid_from <= $2::date
          ORDER BY (valid_to IS NULL OR valid_to >= $2::date) DESC, valid_from DESC LIMIT 1`,
        [body.provinceCode, await schemeDateOf(tx, body.year, body.provinceCode)],
      );
      if (!region) throw new BadRequestException({ statusCode: 400, code: 'MALFORMED_REQUEST', message: `Tỉnh ${body.provinceCode} không thuộc khu vực nào / Unknown province` });
      const rules = await checkBudgetLines(tx, { fundingSource: body.fundingSource, provinceCode: body.provinceCode, date: await schemeDateOf(tx, body.year, body.provinceCode) }, body.budgetLines);
      const requested = requestedOf(body);
      const attributes: Record<string, string | number> = { fundingSource: body.fundingSource, requestedAmount: requested, year: body.year };
      const deadline = await registrationDeadlineFor(tx, { fundingSource: body.fundingSource, provinceCode: body.provinceCode, year: body.year });
      if (deadline) attributes.registrationDeadline = deadline.deadline;
      const outcome = await this.runner.start(
        'khuyencong-scheme',
        { subject: { establishmentId: unit.id, communeCode: unit.commune_code ?? body.provinceCode, provinceCode: body.provinceCode, regionCode: region.region_code }, attributes },
        toDomainActor(actor.userId, actor.grants),
        tx,
      );
      // A code people can read out: year, fund (QG national / DP local), the province's official code (never its slug), a random part.
      const [official] = await tx.query<{ official_code: string | null }[]>(`SELECT official_code FROM administrative_units WHERE code = $1`, [body.provinceCode]);
      const code = `${body.year}-${body.fundingSource === 'NATIONAL' ? 'QG' : 'DP'}-${official?.official_code ?? 'T'}-${randomBytes(3).toString('hex').toUpperCase()}`;
      const [scheme] = await tx.query<{ id: string }[]>(
        `INSERT INTO schemes (instance_id, code, title, implementing_unit, programme_code, content_group_code, sub_activity, funding_source_code, year,
                             province_code, region_code, location, requested_amount, stage, created_by, ends_on)
         VALUES ($1, $2, $3, $4, $15, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $16) RETURNING id`,
        [outcome.instanceId, code, body.title, unit.name, body.contentGroupCode, body.subActivity, body.fundingSource, body.year, body.provinceCode, region.region_code, body.location, requested, outcome.state.stage, actor.userId, programme, body.endsOn ?? null],
      );
      await writeLinesAndBeneficiaries(tx, scheme!.id, body, rules);
      return this.detail(tx, actor, scheme!.id);
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
      const [current] = await tx.query<{ revision: number }[]>(`SELECT revision FROM schemes WHERE id = $1 FOR UPDATE`, [id]);
      const [locked] = row.instance_id ? await tx.query<{ state: InstanceState }[]>(`SELECT state FROM workflow_instances WHERE id = $1 FOR UPDATE`, [row.instance_id]) : [];
      if (!locked) throw conflict('SCHEME_LOCKED', 'Đề án nhập từ dữ liệu cũ không sửa được / An imported scheme cannot be edited');
      if (current?.revision !== expectedRevision) {
        throw conflict('STALE_REVISION', 'Đề án vừa được người khác sửa, hãy tải lại / Someone edited the scheme since you read it', { expectedRevision, revision: current?.revision });
      }
      if (!EDITABLE_STAGES.has(locked.state.stage)) {
        throw conflict('SCHEME_LOCKED', 'Chỉ sửa được đề án nháp hoặc được trả lại để hoàn thiện / Only a draft or a returned scheme can be edited');
      }
      await requireContentGroup(tx, row.programme_code, body.contentGroupCode);
      const unit = await implementingUnit(tx, body.implementingUnitId, row.province_code);
      const rules = await checkBudgetLines(tx, { fundingSource: row.funding_source_code, provinceCode: row.province_code, date: await schemeDateOf(tx, row.year, row.province_code) }, body.budgetLines);
      const requested = requestedOf(body);
      const before = await this.detail(tx, actor, id);
      await tx.query(
        `UPDATE schemes SET title = $2, implementing_unit = $3, content_group_code = $4, sub_activity = $5, location = $6, requested_amount = $7, ends_on = $8,
                revision = revision + 1
          WHERE id = $1`,
        [id, body.title, unit.name, body.contentGroupCode, body.subActivity, body.location, requested, body.endsOn ?? null],
      );
      await tx.query(`DELETE FROM scheme_budget_lines WHERE scheme_id = $1`, [id]);
      await tx.query(`DELETE FROM scheme_beneficiaries WHERE scheme_id = $1`, [id]);
      await writeLinesAndBeneficiaries(tx, id, body, rules);
      const communeCode = unit.commune_code ?? row.province_code;
      await tx.query(
        `UPDATE workflow_instances SET establishment_id = $2, commune_code = $3,
                state = jsonb_set(jsonb_set(jsonb_set(state, '{attributes,requestedAmount}', to_jsonb($4::bigint)),
                                            '{subject,establishmentId}', to_jsonb($5::text)), '{subject,communeCode}', to_jsonb($6::text))
          WHERE id = $1`,
        [row.instance_id, unit.id, communeCode, requested, unit.id, communeCode],
      );
      const after = await this.detail(tx, actor, id);
      await this.audit.record(
        {
          actorUserId: actor.userId, action: 'scheme.update', targetType: 'scheme', targetId: id,
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
    const coverage = schemeCoverageSql(actor, 2);
    const [row] = await manager.query<SchemeRow[]>(`${SCHEME_SELECT} WHERE s.id = $1 AND ${coverage.sql}`, [id, ...coverage.params]);
    if (!row) throw schemeNotFound();
    return row;
  }

  async detail(manager: EntityManager, actor: Actor, id: string): Promise<SchemeView> {
    return detailView(manager, await this.loadVisible(manager, actor, id));
  }

  async list(actor: Actor, query: SchemeListQuery): Promise<SchemeListResponse> {
    // The sort columns GET /api/schemes accepts and their SQL; year then code is the list's habitual order.
    const SCHEME_ORDER = {
      year: { sql: 's.year', order: 'desc' },
      code: { sql: 's.code', order: 'asc' },
      title: { sql: 's.title', order: 'asc' },
      province: { sql: 's.province_code', order: 'asc' },
      // schemes.stage is written with the instance's stage in the same transaction (scheme-commands.service.ts; the
      // generic command route refuses schemes), so the list filters and sorts on it without reading the instances.
      stage: { sql: 's.stage', order: 'asc' },
      requested: { sql: 's.requested_amount', order: 'desc' },
      allocated: { sql: 's.allocated_amount', order: 'desc', nulls: 'last' },
    } as const;
    const coverage = schemeCoverageSql(actor, 1);
    const params: unknown[] = [...coverage.params];
    const where = [coverage.sql];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.year !== undefined) add('s.year = ?', query.year);
    if (query.provinceCode) add('s.province_code = ?', query.provinceCode);
    if (query.fundingSource) add('s.funding_source_code = ?', query.fundingSource);
    if (query.contentGroupCode) add('s.content_group_code = ?', query.contentGroupCode);
    if (query.stage) add('s.stage = ?', query.stage);
    if (query.q) {
      // Two trigram indexes (ix_schemes_title_search, ix_schemes_code_search) answer the two halves of the OR.
      params.push(containsPattern(fold(query.q)), containsPattern(query.q.toLowerCase()));
      where.push(`(s.title_search LIKE $${params.length - 1} OR lower(s.code) LIKE $${params.length})`);
    }
    // Counted without the instance when no condition needs it: then the count is an index-only scan of
    // ix_schemes_province_year_code (PostgreSQL removes an unused LEFT JOIN, but still plans as if s.instance_id were read).
    const order = orderBy(SCHEME_ORDER, query.sort ?? 'year', query.order, 's.code');
    const from = where.some((sql) => /\bi\./.test(sql)) ? 'schemes s LEFT JOIN workflow_instances i ON i.id = s.instance_id' : 'schemes s';
    const [[count], rows] = await Promise.all([
      this.dataSource.query<{ total: number }[]>(cappedCountSql(from, where.join(' AND ')), params),
      // The page's ids first (only the tables the filter and order read), then the twenty rows with their sums.
      this.dataSource.query<SchemeRow[]>(
        `${SCHEME_SELECT} JOIN (SELECT s.id FROM ${from} WHERE ${where.join(' AND ')} ${order} LIMIT ${query.limit} OFFSET ${query.offset}) page ON page.id = s.id ${order}`,
        params,
      ),
    ]);
    return { items: rows.map(summaryView), ...listTotal(count?.total) };
  }
}

/** Stages in which the implementing province may still rewrite the scheme. */
const EDITABLE_STAGES = new Set(['draft', 'revision']);

/** What a create or an edit says about content and money, checked before any query. */
function checkShape(body: UpdateSchemeBody): void {
  const activity = subActivity(body.subActivity);
  if (activity?.contentGroup !== body.contentGroupCode) {
    throw new BadRequestException({ statusCode: 400, code: 'MALFORMED_REQUEST', message: `Hoạt động ${body.subActivity} không thuộc nhóm nội dung ${body.contentGroupCode} / The sub-activity is not in that content group` });
  }
  const beneficiaryIds = new Set(body.beneficiaries.flatMap((beneficiary) => (beneficiary.organisationId ? [beneficiary.organisationId] : [])));
  if (body.budgetLines.some((line) => line.establishmentId !== undefined && !beneficiaryIds.has(line.establishmentId))) {
    throw new BadRequestException({ statusCode: 400, code: 'MALFORMED_REQUEST', message: 'Dòng kinh phí ghi cơ sở không có trong danh sách thụ hưởng / A budget line names an establishment that is not a beneficiary' });
  }
}

async function requireContentGroup(tx: EntityManager, programme: string, contentGroupCode: string): Promise<void> {
  const [group] = await tx.query<{ code: string }[]>(`SELECT code FROM content_groups WHERE programme_code = $1 AND code = $2`, [programme, contentGroupCode]);
  if (!group) {
    throw new BadRequestException({ statusCode: 400, code: 'MALFORMED_REQUEST', message: `Chương trình ${programme} không có nhóm nội dung ${contentGroupCode} / The programme has no such content group` });
  }
}

/** The implementing unit, which must sit in the scheme's province. */
async function implementingUnit(tx: EntityManager, unitId: string, provinceCode: string): Promise<{ id: string; name: string; commune_code: string | null }> {
  const [unit] = await tx.query<{ id: string; name: string; commune_code: string | null; province_code: string | null }[]>(
    `SELECT id, name, commune_code, province_code FROM organisations WHERE id = $1`,
    [unitId],
  );
  if (!unit || unit.province_code !== provinceCode) {
    throw new BadRequestException({ statusCode: 400, code: 'MALFORMED_REQUEST', message: 'Đơn vị thực hiện không thuộc tỉnh của đề án / The implementing unit is not in the scheme’s province' });
  }
  return unit;
}

function requestedOf(body: UpdateSchemeBody): number {
  return body.budgetLines.reduce((sum, line) => sum + line.supportAmount, 0);
}

/** The budget lines (each with the rule that capped it) and the beneficiaries, in the order sent. */
async function writeLinesAndBeneficiaries(tx: EntityManager, schemeId: string, body: UpdateSchemeBody, rules: readonly (string | null)[]): Promise<void> {
  for (const [index, line] of body.budgetLines.entries()) {
    await tx.query(
      `INSERT INTO scheme_budget_lines (scheme_id, position, activity_code, description, eligible_cost, support_amount, rule_code, establishment_id, technology_line)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [schemeId, index + 1, line.activityCode, line.description, line.eligibleCost, line.supportAmount, rules[index] ?? null, line.establishmentId ?? null, line.technologyLine ?? false],
    );
  }
  for (const beneficiary of body.beneficiaries) {
    await tx.query(`INSERT INTO scheme_beneficiaries (scheme_id, organisation_id, name, support_amount, co_funding_amount) VALUES ($1, $2, $3, $4, $5)`, [
      schemeId,
      beneficiary.organisationId ?? null,
      beneficiary.name,
      beneficiary.supportAmount,
      beneficiary.coFundingAmount,
    ]);
  }
}

/** The part of a scheme an edit can change, for the audit row. */
function editedPart(view: SchemeView) {
  const { title, implementingUnit: unit, contentGroupCode, subActivity: activity, location, endsOn, requestedAmount, beneficiaries, budgetLines } = view;
  return { title, implementingUnit: unit, contentGroupCode, subActivity: activity, location, endsOn, requestedAmount, beneficiaries, budgetLines };
}
