import { Injectable } from '@nestjs/common';
import { type JsonObject } from '@khuyencong/domain';
import { SchemeStore } from '@khuyencong/persistence';
import { type Actor } from '../common/actor.js';
import { CommandPipeline } from '../workflow/command-pipeline.js';
import { derivePlansOf } from '../plans/plan-derivation.js';
import { type SchemeCommandType, type SchemePayload, type SchemeView } from './dto.js';
import { offeredNames } from '../workflow/views.js';
import { allocationOf, SchemeFinanceHooks } from './scheme-finance-hooks.js';
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
 * Scheme commands through the command pipeline: the finance hooks check the money rules the engine does not know
 * before it decides and write the finance rows after it — all in ONE transaction, so a refusal (422 naming the
 * rule) writes nothing.
 */
@Injectable()
export class SchemeCommandsService {
  private readonly rows = new SchemeStore();
  private readonly hooks = new SchemeFinanceHooks();

  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly schemes: SchemesService,
  ) {}

  async execute(actor: Actor, command: SchemeCommand): Promise<SchemeCommandResult> {
    const keyed = {
      userId: actor.userId,
      key: command.idempotencyKey,
      request: {
        route: 'POST /api/schemes/{id}/commands/{type}',
        params: { id: command.schemeId, type: command.type },
        ifMatch: command.expectedVersion,
        body: { payload: command.payload },
      },
    };
    return this.pipeline.run({
      name: command.type,
      actor,
      keyed,
      work: async (tx) => {
        const scheme = await this.schemes.loadVisible(tx, actor, command.schemeId);
        if (!scheme.instance_id) throw schemeNotFound();
        await this.rows.lockForUpdate(tx, scheme.id);
        const engineCommand = { type: command.type, expectedVersion: command.expectedVersion, payload: enginePayload(command.type, command.payload) };
        const outcome = await this.pipeline.engine(tx, actor, scheme.instance_id, engineCommand, this.hooks.for(tx, actor, scheme, command));
        return { scheme: await this.schemes.detail(tx, actor, scheme.id), nextActions: offeredNames(outcome.state, actor, new Date()) };
      },
    });
  }

  /** Local funds enter the plan when the province's signer approves its local plan: one transaction for the list. */
  async approveLocalPlan(actor: Actor, items: { schemeId: string; version: number }[]): Promise<SchemeView[]> {
    const approved = await this.pipeline.run({
      name: 'approve_plan',
      actor,
      work: async (tx) => {
        const views: SchemeView[] = [];
        const touched = new Map<string, { provinceCode: string; fundingSource: string; year: number }>();
        for (const item of items) {
          const scheme = await this.schemes.loadVisible(tx, actor, item.schemeId);
          if (!scheme.instance_id) throw schemeNotFound();
          // The engine takes a batch action as a batch of one, with the instance's own error codes.
          await this.pipeline.engine(
            tx,
            actor,
            scheme.instance_id,
            { type: 'approve_plan', expectedVersion: item.version, payload: {} },
            {
              after: (_before, outcome) => this.rows.setStageAndAllocation(tx, scheme.id, outcome.state.stage, allocationOf(outcome.state, scheme)),
            },
          );
          touched.set(`${scheme.province_code}|${scheme.year}`, {
            provinceCode: scheme.province_code,
            fundingSource: scheme.funding_source_code,
            year: scheme.year,
          });
        }
        for (const plan of touched.values()) await derivePlansOf(tx, plan, actor.userId);
        for (const item of items) views.push(await this.schemes.detail(tx, actor, item.schemeId));
        return views;
      },
    });
    return approved.body;
  }
}
