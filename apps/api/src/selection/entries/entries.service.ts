import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { WorkflowRunner, toDomainActor } from '@khuyencong/workflow';
import { type Actor } from '../../common/actor.js';
import { CommandsService } from '../../workflow/commands.service.js';
import { toHttpError } from '../../workflow/domain-errors.js';
import { type CommandResponse } from '../../workflow/dto.js';
import { InstancesService } from '../../workflow/instances.service.js';
import { instanceView } from '../../workflow/views.js';
import { coverageSql } from '../../workflow/visibility.js';
import { REGION_OF_PROVINCE_SQL } from '../establishments/establishments.service.js';
import { requireRound, roundInfo } from '../rounds/round-store.js';
import { conflict, notFound, unprocessable } from '../shared/errors.js';
import { holds } from '../shared/scope.js';
import { checkDossierDocuments, checklistOf } from './dossier.js';
import { type CreateEntryBody, type Dossier, type EntryList, type EntryListQuery, type EntryView } from './dto.js';

interface EntryRow {
  instance_id: string;
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

@Injectable()
export class EntriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runner: WorkflowRunner,
    private readonly commands: CommandsService,
    private readonly instances: InstancesService,
  ) {}

  /** An applicant enters a product of their establishment into a commune or provincial round (as a draft). */
  async create(actor: Actor, roundId: string, body: CreateEntryBody): Promise<EntryView> {
    try {
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
    } catch (error) {
      throw toHttpError(error);
    }
  }

  async get(actor: Actor, instanceId: string): Promise<EntryView> {
    const state = await this.instances.visibleState(actor, instanceId);
    const row = await this.load(this.dataSource.manager, instanceId);
    if (!row) throw notFound('Không tìm thấy hồ sơ / Entry not found');
    return {
      instanceId,
      roundId: row.round_id,
      establishmentId: row.establishment_id,
      establishmentName: row.establishment_name,
      productName: row.product_name,
      productGroup: row.product_group,
      dossier: row.dossier,
      nominatedFrom: row.nominated_from,
      instance: instanceView(state, actor.userId, new Date()),
    };
  }

  /**
   * Entries the caller may see: by scope, or assigned as judge or council member. The assignments are written with
   * @> so each part of the OR has an index (scope columns, ix_instances_jury_judges, ix_instances_council_members):
   * with a stage filter PostgreSQL then finds the few matching instances first instead of walking every entry
   * newest first.
   */
  async list(actor: Actor, query: EntryListQuery): Promise<EntryList> {
    const coverage = coverageSql(actor, 1);
    const params: unknown[] = [...coverage.params, actor.userId];
    const me = `$${params.length}`;
    let sql = `SELECT e.instance_id, e.round_id, o.name AS establishment_name, e.product_name, e.product_group, i.province_code, i.stage, i.status, i.version, i.due_at
                 FROM entries e JOIN workflow_instances i ON i.id = e.instance_id JOIN organisations o ON o.id = e.establishment_id
                WHERE (${coverage.sql} OR i.state->'jury'->'judges' @> jsonb_build_array(${me}::text) OR i.state->'council'->'members' @> jsonb_build_array(${me}::text))`;
    if (query.roundId) sql += ` AND e.round_id = $${params.push(query.roundId)}`;
    if (query.stage) sql += ` AND i.stage = $${params.push(query.stage)}`;
    sql += ` ORDER BY e.created_at DESC, e.instance_id LIMIT $${params.push(query.limit)}`;
    type Row = { instance_id: string; round_id: string; establishment_name: string; product_name: string; product_group: string; province_code: string | null; stage: string; status: string; version: number; due_at: Date | null };
    // Parallel workers are off on the API's connections (serialQueries): the page stops after a few hundred rows.
    const rows = await this.dataSource.query<Row[]>(sql, params);
    return {
      items: rows.map((row) => ({
        instanceId: row.instance_id,
        roundId: row.round_id,
        establishmentName: row.establishment_name,
        productName: row.product_name,
        productGroup: row.product_group,
        provinceCode: row.province_code,
        stage: row.stage,
        status: row.status,
        version: row.version,
        dueAt: row.due_at?.toISOString() ?? null,
      })),
    };
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
  async submit(actor: Actor, instanceId: string, type: 'submit' | 'resubmit', expectedVersion: number, idempotencyKey: string): Promise<CommandResponse> {
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
    return result.body;
  }

  private isPreparer(actor: Actor, level: string, subject: { establishmentId: string; communeCode: string; provinceCode: string }): boolean {
    if (level === 'commune') return holds(actor, ['applicant'], { establishmentId: subject.establishmentId });
    // A provincial entry is the applicant's, or the commune's that nominated its product (as the province does upwards).
    if (level === 'province') return holds(actor, ['applicant'], { establishmentId: subject.establishmentId }) || holds(actor, ['commune_officer'], { communeCode: subject.communeCode });
    return holds(actor, ['provincial_officer'], { provinceCode: subject.provinceCode });
  }

  private async load(manager: EntityManager, instanceId: string, lock = false): Promise<EntryRow | undefined> {
    const [row] = await manager.query<EntryRow[]>(
      `SELECT e.instance_id, e.round_id, e.establishment_id, o.name AS establishment_name, e.product_name, e.product_group, e.dossier, e.nominated_from, o.verified
         FROM entries e JOIN organisations o ON o.id = e.establishment_id WHERE e.instance_id = $1${lock ? ' FOR UPDATE OF e' : ''}`,
      [instanceId],
    );
    return row;
  }
}
