import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { type InstanceState, type JsonObject } from '@khuyencong/domain';
import { SchemeFinanceStore, SchemeStore } from '@khuyencong/persistence';
import { WorkflowRunner, toDomainActor } from '@khuyencong/workflow';
import { type Actor } from '../common/actor.js';
import { runKeyed } from '../workflow/idempotent-request.js';
import { derivePlansOf } from '../plans/plan-derivation.js';
import { type SchemeCommandType, type SchemePayload, type SchemeView } from './dto.js';
import { checkAdvance, checkChange, checkDisbursement, checkRegistrationDeadline, checkSettlement, recheckBudgetLines, vietnamToday } from './scheme-rules.js';
import { offeredNames } from '../workflow/views.js';
import { type SchemeRow } from './scheme-views.js';
import { SchemesService, schemeNotFound } from './schemes.service.js';

export interface SchemeCommand {
  schemeId: string;
  type: SchemeCommandType;
  expectedVersion: number;
  idempotencyKey: string;
  payload: SchemePayload;
}

export interface SchemeCommandResult {
  body: { scheme: SchemeView; nextActions: string[] };
  replayed: boolean;
}

/** What the engine receives: its own fields only (the finance fields stay with the API). */
function enginePayload(type: SchemeCommandType, payload: SchemePayload): JsonObject {
  const pick = (...keys: (keyof SchemePayload)[]): JsonObject =>
    Object.fromEntries(keys.filter((key) => payload[key] !== undefined).map((key) => [key, payload[key] as JsonObject[string]]));
  switch (type) {
    case 'record_disbursement':
      return pick('amount');
    case 'vote':
      return pick('vote');
    case 'settle':
      return pick('settledAmount');
    default:
      return pick('reason', 'approvedAmount', 'contractNumber', 'progressPercent', 'changeKind', 'members', 'chair');
  }
}

/**
 * Scheme commands: the finance rules the engine does not know (deadline, support caps at submission and appraisal,
 * advances, settlement ≤ allocation) are checked first, then the engine decides, then the finance rows follow —
 * all in ONE transaction, so a refusal (422 naming the rule) writes nothing.
 */
@Injectable()
export class SchemeCommandsService {
  private readonly rows = new SchemeStore();
  private readonly finance = new SchemeFinanceStore();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runner: WorkflowRunner,
    private readonly schemes: SchemesService,
  ) {}

  async execute(actor: Actor, command: SchemeCommand): Promise<SchemeCommandResult> {
    const keyed = {
      userId: actor.userId,
      key: command.idempotencyKey,
      request: { route: 'POST /api/schemes/{id}/commands/{type}', params: { id: command.schemeId, type: command.type }, ifMatch: command.expectedVersion, body: { payload: command.payload } },
    };
    return this.dataSource.transaction((tx) => runKeyed(tx, keyed, 200, async () => {
      const scheme = await this.schemes.loadVisible(tx, actor, command.schemeId);
      if (!scheme.instance_id) throw schemeNotFound();
      await this.rows.lockForUpdate(tx, scheme.id);
      await this.checkBefore(tx, scheme, command);
      let before: InstanceState | undefined;
      const outcome = await this.runner.execute(
        scheme.instance_id,
        { type: command.type, expectedVersion: command.expectedVersion, payload: enginePayload(command.type, command.payload) },
        toDomainActor(actor.userId, actor.grants),
        tx,
        { authorize: (state) => void (before = state) },
      );
      await this.writeAfter(tx, actor, scheme, before!, outcome.state, command);
      return { scheme: await this.schemes.detail(tx, actor, scheme.id), nextActions: offeredNames(outcome.state, actor, new Date()) };
    }));
  }

  /** Local funds enter the plan when the province's signer approves its local plan: one transaction for the list. */
  async approveLocalPlan(actor: Actor, items: { schemeId: string; version: number }[]): Promise<SchemeView[]> {
    return await this.dataSource.transaction(async (tx) => {
      const views: SchemeView[] = [];
      const touched = new Map<string, { provinceCode: string; fundingSource: string; year: number }>();
      for (const item of items) {
        const scheme = await this.schemes.loadVisible(tx, actor, item.schemeId);
        if (!scheme.instance_id) throw schemeNotFound();
        // The engine takes a batch action as a batch of one, with the instance's own error codes.
        const outcome = await this.runner.execute(scheme.instance_id, { type: 'approve_plan', expectedVersion: item.version, payload: {} }, toDomainActor(actor.userId, actor.grants), tx);
        await this.rows.setStageAndAllocation(tx, scheme.id, outcome.state.stage, allocationOf(outcome.state, scheme));
        touched.set(`${scheme.province_code}|${scheme.year}`, { provinceCode: scheme.province_code, fundingSource: scheme.funding_source_code, year: scheme.year });
      }
      for (const plan of touched.values()) await derivePlansOf(tx, plan, actor.userId);
      for (const item of items) views.push(await this.schemes.detail(tx, actor, item.schemeId));
      return views;
    });
  }

  private async checkBefore(tx: EntityManager, scheme: SchemeRow, command: SchemeCommand): Promise<void> {
    switch (command.type) {
      case 'submit':
        await checkRegistrationDeadline(tx, scheme);
        return recheckBudgetLines(tx, scheme);
      case 'resubmit':
      case 'pass':
        return recheckBudgetLines(tx, scheme);
      case 'record_disbursement':
        await checkAdvance(tx, scheme, command.payload);
        return checkDisbursement(tx, scheme, command.payload);
      case 'request_change':
        return checkChange(scheme, command.payload);
      case 'settle':
        return checkSettlement(scheme, command.payload);
      default:
        return;
    }
  }

  private async writeAfter(tx: EntityManager, actor: Actor, scheme: SchemeRow, before: InstanceState, after: InstanceState, command: SchemeCommand): Promise<void> {
    const payload = command.payload;
    await this.rows.setStage(tx, scheme.id, after.stage);
    const plan = { provinceCode: scheme.province_code, fundingSource: scheme.funding_source_code, year: scheme.year };
    switch (command.type) {
      case 'pass':
        await this.rows.setAllocation(tx, scheme.id, allocationOf(after, scheme));
        if (after.stage === 'in_plan') await derivePlansOf(tx, plan, actor.userId);
        return;
      case 'contract':
        await this.rows.setContractNumber(tx, scheme.id, payload.contractNumber ?? null);
        return;
      case 'cancel':
        return derivePlansOf(tx, plan, actor.userId);
      case 'record_progress':
        await this.rows.setProgress(tx, scheme.id, payload.progressPercent ?? 0);
        return;
      case 'record_disbursement': {
        const paidOn = payload.paidOn ?? vietnamToday();
        await this.finance.insertDisbursement(tx, {
          schemeId: scheme.id,
          kind: payload.kind ?? 'payment',
          amount: payload.amount ?? 0,
          paidOn,
          period: paidOn.slice(0, 7),
          createdBy: actor.userId,
        });
        return;
      }
      case 'request_change':
        await this.finance.insertChange(tx, {
          schemeId: scheme.id,
          kind: payload.changeKind,
          reason: payload.reason ?? '',
          newAllocatedAmount: payload.newAllocatedAmount ?? null,
          newEndsOn: payload.newEndsOn ?? null,
          requestedBy: actor.userId,
        });
        return;
      case 'approve_change':
      case 'reject_change': {
        const status = command.type === 'approve_change' ? 'approved' : 'rejected';
        const change = await this.finance.latestPendingChange(tx, scheme.id);
        if (change) await this.finance.decideChange(tx, change.id, status, actor.userId);
        if (status === 'approved' && change?.amount != null) {
          await this.rows.setAllocation(tx, scheme.id, change.amount);
        }
        if (status === 'approved' && change?.ends_on != null) {
          await this.rows.setEndsOn(tx, scheme.id, change.ends_on);
        }
        if (status === 'approved') await derivePlansOf(tx, plan, actor.userId);
        return;
      }
      case 'vote':
        if (before.stage === 'acceptance' && after.stage !== 'acceptance') {
          const outcome = after.stage === 'settlement' ? (payload.conditions ? 'accepted_with_conditions' : 'accepted') : 'failed';
          await this.finance.insertAcceptance(tx, scheme.id, outcome, payload.conditions ?? null);
        }
        return;
      case 'settle': {
        const settled = payload.settledAmount ?? 0;
        const remaining = settled - Number(scheme.disbursed_amount);
        if (remaining > 0) {
          const on = payload.settledOn ?? vietnamToday();
          await this.finance.insertSettlementDisbursement(tx, { schemeId: scheme.id, amount: remaining, paidOn: on, period: on.slice(0, 7), createdBy: actor.userId });
        }
        await this.finance.insertSettlement(tx, {
          schemeId: scheme.id,
          settledAmount: settled,
          settledOn: payload.settledOn ?? vietnamToday(),
          recordedAgainst: scheme.funding_source_code === 'NATIONAL' ? 'ministry' : 'province',
          createdBy: actor.userId,
        });
        return;
      }
      default:
        return;
    }
  }
}

/** The engine's allocated amount after an appraisal (the scheme's own when the engine has none). */
function allocationOf(state: InstanceState, scheme: SchemeRow): number | null {
  const value = state.attributes.allocatedAmount;
  return typeof value === 'number' ? value : scheme.allocated_amount === null ? null : Number(scheme.allocated_amount);
}
