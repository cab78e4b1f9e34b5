import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { type InstanceState } from '@khuyencong/domain';
import { WorkflowRunner, toDomainActor } from '@khuyencong/workflow';
import { AuditService } from '../../audit/audit.service.js';
import { type Actor } from '../../common/actor.js';
import { cappedCountSql, orderBy } from '@khuyencong/persistence';
import { listTotal } from '../../common/list-query.js';
import { containsPattern, fold, prefixPattern } from '../../common/people.js';
import { CommandsService } from '../../workflow/commands.service.js';
import { type CommandResponse } from '../../workflow/dto.js';
import { InstancesService } from '../../workflow/instances.service.js';
import { instanceView, withPeople } from '../../workflow/views.js';
import { coverageSql, seesEverything } from '../../workflow/visibility.js';
import { REGION_OF_PROVINCE_SQL, loadEstablishment } from '../establishments/establishment-store.js';
import { entryRound } from '../rounds/round-details.js';
import { requireRound, roundInfo } from '../rounds/round-store.js';
import { conflict, notFound, unprocessable } from '../shared/errors.js';
import { holds } from '../shared/scope.js';
import { checkDossierDocuments, checklistOf, dossierDocuments } from './dossier.js';
import { type CreateEntryBody, type Dossier, type EntryList, type EntryListQuery, type EntryView, type UpdateEntryBody } from './dto.js';

interface EntryRow {
  instance_id: string;
  code: string;
  round_id: string;
  establishment_id: string;
  establishment_name: string;
  product_name: string;
  product_group: string;
  dossier: Record<string, unknown>;
  nominated_from: string | null;
  verified: boolean;
}

/** Stages in which the preparer may still change the dossier. */
const EDITABLE_STAGES = new Set(['draft', 'revision']);

/** The state of the current stage's deadline, as the inbox reads it (alias `i`). */
const DEADLINE_SQL = `(CASE WHEN i.status <> 'active' OR i.due_at IS NULL THEN 'none' WHEN i.due_at < now() THEN 'overdue'
  WHEN (i.state->'sla'->>'dueSoonAt')::timestamptz <= now() THEN 'due_soon' ELSE 'on_time' END)`;

/** The entry list's sort columns (the names GET /api/entries accepts) and their SQL. */
const ENTRY_ORDER = {
  created: { sql: 'e.created_at', order: 'desc' },
  product: { sql: 'e.product_name', order: 'asc' },
  establishment: { sql: 'o.name', order: 'asc' },
  round: { sql: 'r.name', order: 'asc' },
  stage: { sql: 'i.stage', order: 'asc' },
  due: { sql: 'i.due_at', order: 'asc', nulls: 'last' },
} as const satisfies Record<EntryListQuery['sort'] & string, { sql: string; order: 'asc' | 'desc'; nulls?: 'last' }>;

@Injectable()
export class EntriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runner: WorkflowRunner,
    private readonly commands: CommandsService,
    private readonly instances: InstancesService,
    private readonly audit: AuditService,
  ) {}

  /** An applicant enters a product of their establishment into a commune or provincial round (as a draft). */
  async create(actor: Actor, roundId: string, body: CreateEntryBody): Promise<EntryView> {
    const instanceId = await this.dataSource.transaction(async (tx) => {
      const round = await requireRound(tx, roundId);
      if (round.level !== 'commune' && round.level !== 'province') {
        throw conflict('NOMINATION_ONLY', 'Đợt cấp khu vực/quốc gia chỉ nhận sản phẩm do tỉnh đề cử / Regional and national rounds take nominations only');
      }
      if (round.status !== 'planned' && round.status !== 'open') throw conflict('ROUND_NOT_OPEN', 'Đợt bình chọn không nhận hồ sơ / The round takes no entries');
      const [org] = await tx.query<{ id: string; commune_code: string | null; province_code: string | null; region_code: string | null }[]>(
        `SELECT o.id, o.commune_code, o.province_code, ${REGION_OF_PROVINCE_SQL} AS region_code FROM organisations o WHERE o.id = $1 AND o.type = 'establishment'`,
        [body.establishmentId],
      );
      if (!org || !holds(actor, ['applicant'], { establishmentId: org.id })) throw notFound('Không tìm thấy cơ sở / Establishment not found');
      const unit = round.level === 'commune' ? org.commune_code : org.province_code;
      if (unit !== round.scopeCode) throw unprocessable('OUTSIDE_ROUND_SCOPE', 'Cơ sở không thuộc địa bàn của đợt bình chọn / The establishment is outside the round’s unit');
      if (body.dossier) await checkDossierDocuments(tx, body.dossier, org.id);
      const outcome = await this.runner.start(
        'product-selection',
        {
          subject: { establishmentId: org.id, communeCode: org.commune_code ?? '', provinceCode: org.province_code ?? '', regionCode: org.region_code ?? '' },
          attributes: { productGroup: body.productGroup, productName: body.productName },
          round: roundInfo(round),
        },
        toDomainActor(actor.userId, actor.grants),
        tx,
      );
      await tx.query(
        `INSERT INTO entries (instance_id, round_id, establishment_id, product_name, product_group, dossier, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [outcome.instanceId, round.id, org.id, body.productName, body.productGroup, JSON.stringify(body.dossier ?? { photos: [], others: [] }), actor.userId],
      );
      return outcome.instanceId;
    });
    return await this.get(actor, instanceId);
  }

  async get(actor: Actor, instanceId: string): Promise<EntryView> {
    const state = await this.instances.visibleState(actor, instanceId);
    const row = await this.load(this.dataSource.manager, instanceId);
    if (!row) throw notFound('Không tìm thấy hồ sơ / Entry not found');
    const manager = this.dataSource.manager;
    return {
      instanceId,
      code: row.code,
      roundId: row.round_id,
      establishmentId: row.establishment_id,
      establishmentName: row.establishment_name,
      productName: row.product_name,
      productGroup: row.product_group,
      dossier: row.dossier,
      documents: await dossierDocuments(manager, row.dossier),
      establishment: (await loadEstablishment(manager, row.establishment_id))!,
      nominatedFrom: row.nominated_from,
      round: await entryRound(manager, await requireRound(manager, row.round_id)),
      instance: await withPeople(manager, instanceView(state, actor, new Date())),
    };
  }

  /**
   * Entries the caller may see: by scope, or assigned as judge or council member, searched, filtered, sorted and
   * paged (with the total). The assignments are written with @> so each part of the OR has an index (scope
   * columns, ix_instances_jury_judges, ix_instances_council_members). The search collects matching entries
   * through the trigram indexes (product, establishment name, tax code) rather than folding every visible row.
   */
  async list(actor: Actor, query: EntryListQuery): Promise<EntryList> {
    const params: unknown[] = [];
    const where: string[] = [];
    // A national grant sees every entry: no scope condition, so the page need not read every instance to decide.
    if (!seesEverything(actor)) {
      const coverage = coverageSql(actor, 1);
      params.push(...coverage.params, actor.userId);
      const me = `$${params.length}`;
      where.push(`(${coverage.sql} OR i.state->'jury'->'judges' @> jsonb_build_array(${me}::text) OR i.state->'council'->'members' @> jsonb_build_array(${me}::text))`);
    }
    const add = (sql: (p: string) => string, value: unknown) => where.push(sql(`$${params.push(value)}`));
    if (query.roundId) add((p) => `e.round_id = ${p}`, query.roundId);
    if (query.stage) add((p) => `i.stage = ${p}`, query.stage);
    // Year and level pick rounds (a few dozen rows) first, so ix_entries_round_group answers from the index alone.
    const roundConditions: string[] = [];
    if (query.year !== undefined) roundConditions.push(`year = $${params.push(query.year)}`);
    if (query.level) roundConditions.push(`level = $${params.push(query.level)}`);
    if (roundConditions.length > 0) where.push(`e.round_id = ANY(ARRAY(SELECT id FROM rounds WHERE ${roundConditions.join(' AND ')}))`);
    if (query.provinceCode) add((p) => `i.province_code = ${p}`, query.provinceCode);
    if (query.communeCode) add((p) => `i.commune_code = ${p}`, query.communeCode);
    if (query.productGroup) add((p) => `e.product_group = ${p}`, query.productGroup);
    if (query.deadline) add((p) => `${DEADLINE_SQL} = ${p}`, query.deadline);
    if (query.q) {
      const folded = `$${params.push(containsPattern(fold(query.q)))}`;
      const plain = `$${params.push(containsPattern(query.q))}`;
      const codePrefix = `$${params.push(prefixPattern(query.q.trim().toUpperCase()))}`;
      // Each part is an index condition on entries (trigram on the folded product name; the establishments found by
      // their own trigram indexes, then ix_entries_establishment; uq_entries_code for a code's beginning), so
      // PostgreSQL ORs the bitmaps.
      where.push(
        `(e.product_search LIKE ${folded} OR e.code LIKE ${codePrefix} OR e.establishment_id = ANY(ARRAY(SELECT mo.id FROM organisations mo WHERE mo.name_search LIKE ${folded} OR mo.tax_code ILIKE ${plain})))`,
      );
    }
    if (where.length === 0) where.push('TRUE');
    const filter = where.join(' AND ');
    const order = orderBy(ENTRY_ORDER, query.sort ?? 'created', query.order, 'e.instance_id');
    // The page is chosen joining only what its filter and order read; its twenty rows are then joined for display.
    const reads = (alias: string) => new RegExp(`\\b${alias}\\.`).test(`${filter} ${order}`);
    const pick = `entries e${reads('i') ? ' JOIN workflow_instances i ON i.id = e.instance_id' : ''}${reads('o') ? ' JOIN organisations o ON o.id = e.establishment_id' : ''}${reads('r') ? ' JOIN rounds r ON r.id = e.round_id' : ''}`;
    type Row = {
      instance_id: string; code: string; round_id: string; round_name: string; round_year: number; round_level: string; establishment_id: string; establishment_name: string;
      product_name: string; product_group: string; province_code: string | null; commune_code: string | null; stage: string; status: string; version: number;
      due_at: Date | null; deadline: EntryList['items'][number]['deadline'];
    };
    const countParams = [...params];
    // Parallel workers are off on the API's connections (serialQueries): the page stops after its rows.
    const [rows, [count]] = await Promise.all([
      this.dataSource.query<Row[]>(
        `SELECT e.instance_id, e.code, e.round_id, r.name AS round_name, r.year AS round_year, r.level AS round_level, e.establishment_id, o.name AS establishment_name,
                e.product_name, e.product_group, i.province_code, i.commune_code, i.stage, i.status, i.version, i.due_at, ${DEADLINE_SQL} AS deadline
           FROM (SELECT e.instance_id FROM ${pick} WHERE ${filter} ${order} LIMIT $${params.push(query.limit)} OFFSET $${params.push(query.offset)}) page
           JOIN entries e ON e.instance_id = page.instance_id JOIN workflow_instances i ON i.id = e.instance_id
           JOIN organisations o ON o.id = e.establishment_id JOIN rounds r ON r.id = e.round_id
          ${order}`,
        params,
      ),
      this.dataSource.query<{ total: number }[]>(cappedCountSql(pick, filter), countParams),
    ]);
    return {
      items: rows.map((row) => ({
        instanceId: row.instance_id,
        code: row.code,
        roundId: row.round_id,
        roundName: row.round_name,
        roundYear: row.round_year,
        roundLevel: row.round_level,
        establishmentId: row.establishment_id,
        establishmentName: row.establishment_name,
        productName: row.product_name,
        productGroup: row.product_group,
        provinceCode: row.province_code,
        communeCode: row.commune_code,
        stage: row.stage,
        status: row.status,
        version: row.version,
        dueAt: row.due_at?.toISOString() ?? null,
        deadline: row.deadline,
      })),
      ...listTotal(count?.total),
    };
  }

  /**
   * The entry's applicant corrects the product's name or group while it is a draft or returned for revision, at the
   * version they saw. The engine's rules never read these two attributes: the entry row, the instance's attributes
   * and its product-group column change together (and an audit row says who changed what), without an event.
   */
  async update(actor: Actor, instanceId: string, expectedVersion: number, body: UpdateEntryBody): Promise<EntryView> {
    await this.dataSource.transaction(async (tx) => {
      const [locked] = await tx.query<{ state: InstanceState }[]>(`SELECT state FROM workflow_instances WHERE id = $1 FOR UPDATE`, [instanceId]);
      const row = await this.load(tx, instanceId, true);
      if (!locked || !row || !holds(actor, ['applicant'], { establishmentId: row.establishment_id })) throw notFound('Không tìm thấy hồ sơ / Entry not found');
      const state = locked.state;
      if (state.version !== expectedVersion) {
        throw conflict('STALE_VERSION', 'Hồ sơ đã thay đổi, hãy tải lại / The entry has changed since you read it', { expectedVersion, version: state.version });
      }
      if (!EDITABLE_STAGES.has(state.stage)) throw conflict('ENTRY_LOCKED', 'Chỉ sửa được khi hồ sơ nháp hoặc được trả lại / The entry can change only in draft or revision');
      const productName = body.productName ?? row.product_name;
      const productGroup = body.productGroup ?? row.product_group;
      await tx.query(`UPDATE entries SET product_name = $2, product_group = $3, updated_at = now() WHERE instance_id = $1`, [instanceId, productName, productGroup]);
      await tx.query(
        `UPDATE workflow_instances SET product_group = $3,
                state = jsonb_set(jsonb_set(state, '{attributes,productName}', to_jsonb($2::text)), '{attributes,productGroup}', to_jsonb($3::text))
          WHERE id = $1`,
        [instanceId, productName, productGroup],
      );
      await this.audit.record(
        {
          actorUserId: actor.userId, action: 'entry.update', targetType: 'entry', targetId: instanceId,
          details: { before: { productName: row.product_name, productGroup: row.product_group }, after: { productName, productGroup } },
        },
        tx,
      );
    });
    return this.get(actor, instanceId);
  }

  /** The preparer replaces the dossier while the entry is a draft or returned for revision. */
  async updateDossier(actor: Actor, instanceId: string, dossier: Dossier): Promise<EntryView> {
    await this.dataSource.transaction(async (tx) => {
      const state = await this.instances.visibleState(actor, instanceId, tx);
      const row = await this.load(tx, instanceId, true);
      if (!row) throw notFound('Không tìm thấy hồ sơ / Entry not found');
      if (!this.isPreparer(actor, state.round?.level ?? 'province', state.subject)) throw notFound('Không tìm thấy hồ sơ / Entry not found');
      if (!EDITABLE_STAGES.has(state.stage)) throw conflict('DOSSIER_LOCKED', 'Hồ sơ chỉ sửa được khi nháp hoặc được trả lại / The dossier can change only in draft or revision');
      await checkDossierDocuments(tx, dossier, row.establishment_id);
      await tx.query(`UPDATE entries SET dossier = $2, updated_at = now() WHERE instance_id = $1`, [instanceId, JSON.stringify(dossier)]);
    });
    return this.get(actor, instanceId);
  }

  /**
   * Submits (or resubmits) with the checklist computed from the stored dossier, once the province has verified
   * the establishment. The engine then checks the round window, completeness and, for higher levels, the
   * certificate of the level below.
   */
  async submit(actor: Actor, instanceId: string, type: 'submit' | 'resubmit', expectedVersion: number, idempotencyKey: string): Promise<{ body: CommandResponse; replayed: boolean }> {
    await this.instances.visibleState(actor, instanceId);
    const row = await this.load(this.dataSource.manager, instanceId);
    if (!row) throw notFound('Không tìm thấy hồ sơ / Entry not found');
    if (!row.verified) {
      throw conflict('ESTABLISHMENT_NOT_VERIFIED', 'Cơ sở chưa được Sở Công Thương xác minh / The establishment is not verified by the province yet');
    }
    const result = await this.commands.execute(actor, {
      instanceId,
      type,
      expectedVersion,
      idempotencyKey,
      payload: { dossier: checklistOf(row.dossier) },
      // The checklist is derived from the stored dossier: the key covers the request, not what was computed from it.
      sent: { route: `POST /api/entries/{id}/${type}`, params: { id: instanceId }, ifMatch: expectedVersion },
    });
    return result;
  }

  private isPreparer(actor: Actor, level: string, subject: { establishmentId: string; communeCode: string; provinceCode: string }): boolean {
    if (level === 'commune') return holds(actor, ['applicant'], { establishmentId: subject.establishmentId });
    // A provincial entry is the applicant's, or the commune's that nominated its product (as the province does upwards).
    if (level === 'province') return holds(actor, ['applicant'], { establishmentId: subject.establishmentId }) || holds(actor, ['commune_officer'], { communeCode: subject.communeCode });
    return holds(actor, ['provincial_officer'], { provinceCode: subject.provinceCode });
  }

  private async load(manager: EntityManager, instanceId: string, lock = false): Promise<EntryRow | undefined> {
    const [row] = await manager.query<EntryRow[]>(
      `SELECT e.instance_id, e.code, e.round_id, e.establishment_id, o.name AS establishment_name, e.product_name, e.product_group, e.dossier, e.nominated_from, o.verified
         FROM entries e JOIN organisations o ON o.id = e.establishment_id WHERE e.instance_id = $1${lock ? ' FOR UPDATE OF e' : ''}`,
      [instanceId],
    );
    return row;
  }
}
