import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { type InstanceState } from '@khuyencong/domain';
import { WorkflowRunner, toDomainActor } from '@khuyencong/workflow';
import { AuditService } from '../../audit/audit.service.js';
import { type Actor } from '../../common/actor.js';
import { EntryStore, EstablishmentStore, type EntryRecord } from '@khuyencong/persistence';
import { listTotal } from '../../common/list-query.js';
import { CommandPipeline } from '../../workflow/command-pipeline.js';
import { type CommandResponse } from '../../workflow/dto.js';
import { InstancesService } from '../../workflow/instances.service.js';
import { instanceView, withPeople } from '../../workflow/views.js';
import { coverageSql, seesEverything } from '../../workflow/visibility.js';
import { entryRound } from '../rounds/round-details.js';
import { requireRound, roundInfo } from '../rounds/round-store.js';
import { conflict, notFound, unprocessable } from '../shared/errors.js';
import { holds } from '../shared/scope.js';
import { checkDossierDocuments, checklistOf, dossierDocuments } from './dossier.js';
import { type CreateEntryBody, type Dossier, type EntryList, type EntryListQuery, type EntryView, type UpdateEntryBody } from './dto.js';
import { ReadRouter } from '../../infra/read-routing.js';

/** Stages in which the preparer may still change the dossier. */
const EDITABLE_STAGES = new Set(['draft', 'revision']);

@Injectable()
export class EntriesService {
  private readonly entries = new EntryStore();
  private readonly establishments = new EstablishmentStore();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: ReadRouter,
    private readonly runner: WorkflowRunner,
    private readonly commands: CommandPipeline,
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
      if (round.status !== 'planned' && round.status !== 'open')
        throw conflict('ROUND_NOT_OPEN', 'Đợt bình chọn không nhận hồ sơ / The round takes no entries');
      const org = await this.establishments.findPlace(tx, body.establishmentId);
      if (!org || !holds(actor, ['applicant'], { establishmentId: org.id })) throw notFound('Không tìm thấy cơ sở / Establishment not found');
      const unit = round.level === 'commune' ? org.communeCode : org.provinceCode;
      if (unit !== round.scopeCode)
        throw unprocessable('OUTSIDE_ROUND_SCOPE', 'Cơ sở không thuộc địa bàn của đợt bình chọn / The establishment is outside the round’s unit');
      if (body.dossier) await checkDossierDocuments(tx, body.dossier, org.id);
      const outcome = await this.runner.start(
        'product-selection',
        {
          subject: { establishmentId: org.id, communeCode: org.communeCode ?? '', provinceCode: org.provinceCode ?? '', regionCode: org.regionCode ?? '' },
          attributes: { productGroup: body.productGroup, productName: body.productName },
          round: roundInfo(round),
        },
        toDomainActor(actor.userId, actor.grants),
        tx,
      );
      await this.entries.insert(tx, {
        instanceId: outcome.instanceId,
        roundId: round.id,
        establishmentId: org.id,
        productName: body.productName,
        productGroup: body.productGroup,
        dossier: body.dossier ?? { photos: [], others: [] },
        createdBy: actor.userId,
      });
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
      roundId: row.roundId,
      establishmentId: row.establishmentId,
      establishmentName: row.establishmentName,
      productName: row.productName,
      productGroup: row.productGroup,
      dossier: row.dossier,
      documents: await dossierDocuments(manager, row.dossier),
      establishment: (await this.establishments.find(manager, row.establishmentId))!,
      nominatedFrom: row.nominatedFrom,
      round: await entryRound(manager, await requireRound(manager, row.roundId)),
      instance: await withPeople(manager, instanceView(state, actor, new Date())),
    };
  }

  /**
   * Entries the caller may see: by scope (the instance visibility rule), or assigned as judge or council member,
   * searched, filtered, sorted and paged (with the total); EntryStore.list says how the query stays on indexes.
   */
  async list(actor: Actor, query: EntryListQuery): Promise<EntryList> {
    // A national grant sees every entry: no scope condition, so the page need not read every instance to decide.
    const visibility = seesEverything(actor) ? null : { coverage: (firstParam: number) => coverageSql(actor, firstParam), userId: actor.userId };
    const page = await this.entries.list(
      await this.reads.reader(actor),
      {
        roundId: query.roundId,
        stage: query.stage,
        year: query.year,
        level: query.level,
        provinceCode: query.provinceCode,
        communeCode: query.communeCode,
        productGroup: query.productGroup,
        deadline: query.deadline,
        q: query.q,
      },
      visibility,
      { sort: query.sort, order: query.order, limit: query.limit, offset: query.offset },
    );
    return { items: page.items, ...listTotal(page.total) };
  }

  /**
   * The entry's applicant corrects the product's name or group while it is a draft or returned for revision, at the
   * version they saw. The engine's rules never read these two attributes: the entry row, the instance's attributes
   * and its product-group column change together (and an audit row says who changed what), without an event.
   */
  async update(actor: Actor, instanceId: string, expectedVersion: number, body: UpdateEntryBody): Promise<EntryView> {
    await this.dataSource.transaction(async (tx) => {
      const state = await this.entries.lockInstanceState<InstanceState>(tx, instanceId);
      const row = await this.load(tx, instanceId, true);
      if (!state || !row || !holds(actor, ['applicant'], { establishmentId: row.establishmentId })) throw notFound('Không tìm thấy hồ sơ / Entry not found');
      if (state.version !== expectedVersion) {
        throw conflict('STALE_VERSION', 'Hồ sơ đã thay đổi, hãy tải lại / The entry has changed since you read it', {
          expectedVersion,
          version: state.version,
        });
      }
      if (!EDITABLE_STAGES.has(state.stage))
        throw conflict('ENTRY_LOCKED', 'Chỉ sửa được khi hồ sơ nháp hoặc được trả lại / The entry can change only in draft or revision');
      const productName = body.productName ?? row.productName;
      const productGroup = body.productGroup ?? row.productGroup;
      await this.entries.updateProduct(tx, instanceId, productName, productGroup);
      await this.audit.record(
        {
          actorUserId: actor.userId,
          action: 'entry.update',
          targetType: 'entry',
          targetId: instanceId,
          details: { before: { productName: row.productName, productGroup: row.productGroup }, after: { productName, productGroup } },
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
      if (!EDITABLE_STAGES.has(state.stage))
        throw conflict('DOSSIER_LOCKED', 'Hồ sơ chỉ sửa được khi nháp hoặc được trả lại / The dossier can change only in draft or revision');
      await checkDossierDocuments(tx, dossier, row.establishmentId);
      await this.entries.updateDossier(tx, instanceId, dossier);
    });
    return this.get(actor, instanceId);
  }

  /**
   * Submits (or resubmits) with the checklist computed from the stored dossier, once the province has verified
   * the establishment. The engine then checks the round window, completeness and, for higher levels, the
   * certificate of the level below.
   */
  async submit(
    actor: Actor,
    instanceId: string,
    type: 'submit' | 'resubmit',
    expectedVersion: number,
    idempotencyKey: string,
  ): Promise<{ body: CommandResponse; replayed: boolean }> {
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
    if (level === 'province')
      return (
        holds(actor, ['applicant'], { establishmentId: subject.establishmentId }) || holds(actor, ['commune_officer'], { communeCode: subject.communeCode })
      );
    return holds(actor, ['provincial_officer'], { provinceCode: subject.provinceCode });
  }

  private async load(manager: EntityManager, instanceId: string, lock = false): Promise<EntryRecord | undefined> {
    return this.entries.find(manager, instanceId, lock);
  }
}
