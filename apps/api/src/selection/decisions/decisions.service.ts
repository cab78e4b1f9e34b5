import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { DecisionStore } from '@khuyencong/persistence';
import { WorkflowRunner, toDomainActor } from '@khuyencong/workflow';
import { CommandPipeline } from '../../workflow/command-pipeline.js';
import { type Actor } from '../../common/actor.js';
import { requireRound, type Round } from '../rounds/round-store.js';
import { forbidden, notFound } from '../shared/errors.js';
import { holds } from '../shared/scope.js';
import { issueRecognitionDecision } from './issue-decision.js';
import { type DecisionBody, type DecisionView } from './dto.js';

/** Whether the actor signs decisions for this round: the signer of the round's unit (national for higher rounds). */
export function signsFor(actor: Actor, round: Round): boolean {
  if (round.level === 'region' || round.level === 'national') return actor.grants.some((grant) => grant.role === 'signer' && grant.scopeType === 'national');
  return holds(actor, ['signer'], round.level === 'commune' ? { communeCode: round.scopeCode } : { provinceCode: round.scopeCode });
}

/** The recognition decision of a round: one per round, all of its list or nothing. */
@Injectable()
export class DecisionsService {
  private readonly decisions = new DecisionStore();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runner: WorkflowRunner,
    private readonly pipeline: CommandPipeline,
  ) {}

  /**
   * In one transaction: reserve certificate numbers from the (level, year) counter, let the engine decide the
   * whole list (each entry → recognised, with its certificate and expiry timer), record the decision and its
   * certificates, and mark the round decided. Any refusal rolls everything back, numbers included.
   */
  async decide(actor: Actor, roundId: string, body: DecisionBody, key?: string): Promise<{ body: DecisionView; replayed: boolean }> {
    const keyed = { userId: actor.userId, key, request: { route: 'POST /api/rounds/{id}/decision', params: { id: roundId }, body } };
    return this.pipeline.run({
      name: 'decide',
      actor,
      keyed,
      status: 201,
      audit: () => ({
        action: 'round.decide',
        targetType: 'round',
        targetId: roundId,
        details: { number: body.number, date: body.date, count: body.instanceIds.length },
      }),
      work: async (tx) => {
        const round = await requireRound(tx, roundId, true);
        if (!signsFor(actor, round)) throw forbidden('Bạn không ký quyết định của đợt này / You do not sign this round’s decisions');
        await issueRecognitionDecision(tx, this.runner, toDomainActor(actor.userId, actor.grants), round, body);
        return this.get(roundId, tx);
      },
    });
  }

  /** The decision and its list (decisions are public acts; any signed-in user may read them). */
  async get(roundId: string, manager: EntityManager = this.dataSource.manager): Promise<DecisionView> {
    const decision = await this.decisions.findByRound(manager, roundId);
    if (!decision) throw notFound('Đợt bình chọn chưa có quyết định / The round has no decision yet');
    const items = await this.decisions.listCertificates(manager, decision.id);
    return {
      id: decision.id,
      roundId,
      number: decision.number,
      date: decision.decidedOn,
      issuer: decision.issuer,
      signerUserId: decision.signerUserId,
      productCount: items.length,
      establishmentCount: new Set(items.map((item) => item.establishmentId)).size,
      provinceCount: new Set(items.map((item) => item.provinceCode)).size,
      items: items.map((item) => ({
        instanceId: item.instanceId,
        certificateNumber: item.number,
        productName: item.productName,
        establishmentId: item.establishmentId,
        establishmentName: item.establishmentName,
        provinceCode: item.provinceCode,
        status: item.status,
        validUntil: item.validUntil,
      })),
    };
  }
}
