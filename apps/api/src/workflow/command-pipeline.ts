import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { type InstanceState, type JsonObject } from '@khuyencong/domain';
import { IdempotencyStore, KeyAlreadyUsedError } from '@khuyencong/persistence';
import { WorkflowRunner, toDomainActor } from '@khuyencong/workflow';
import { type Actor } from '../common/actor.js';
import { MetricsService, type CommandOutcome } from '../metrics/metrics.service.js';
import { answerStatusOf } from './domain-errors.js';
import { type CommandResponse } from './dto.js';
import { keyReused, requestHashOf, type ClientRequest } from './idempotent-request.js';
import { notFound } from './instances.service.js';
import { instanceView, namedTasks, openTaskView, taskView, withPeople } from './views.js';
import { canSee } from './visibility.js';

/**
 * Actions whose rules live partly outside the engine (documents behind a dossier checklist, certificate
 * numbers, budget and advance rules): they must come through their feature's endpoint, never the generic one.
 */
const DEDICATED_ENDPOINTS: Readonly<Record<string, { actions: readonly string[] | 'all'; endpoint: string }>> = {
  'product-selection': { actions: ['submit', 'resubmit', 'decide', 'nominate', 'revoke'], endpoint: '/api/entries/:id/{submit,resubmit}, /api/rounds/:id/{decision,nominations}, /api/certificates/:number/revoke' },
  'khuyencong-scheme': { actions: 'all', endpoint: '/api/schemes/:id/commands/:type' },
};

function dedicatedEndpointOf(definitionCode: string, action: string): string | undefined {
  const rule = DEDICATED_ENDPOINTS[definitionCode];
  if (!rule) return undefined;
  return rule.actions === 'all' || rule.actions.includes(action) ? rule.endpoint : undefined;
}

export interface CommandRequest {
  instanceId: string;
  type: string;
  expectedVersion: number;
  idempotencyKey: string;
  payload: JsonObject;
  /** What the client sent: the key's request hash covers this, never the derived command above. */
  sent: ClientRequest;
}

/** A command's result, and whether it was replayed from an earlier request with the same key. */
export interface CommandResult {
  body: CommandResponse;
  replayed: boolean;
}

@Injectable()
export class CommandsService {
  private readonly idempotency = new IdempotencyStore();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runner: WorkflowRunner,
    private readonly metrics: MetricsService,
  ) {}

  /**
   * One transaction of two statements: claim the idempotency key and load the instance (visibility checked on
   * that read), then — after the engine decided — write state + event + inbox + outbox + the stored response.
   * A key used before replays its stored response instead.
   */
  async execute(actor: Actor, request: CommandRequest, route: 'generic' | 'dedicated' = 'dedicated'): Promise<CommandResult> {
    const requestHash = requestHashOf(request.sent);
    const done = this.metrics.startCommand(request.type);
    try {
      const result = await this.dataSource.transaction(async (tx): Promise<CommandResult> => {
        let body: CommandResponse | undefined;
        try {
          await this.runner.execute(
            request.instanceId,
            { type: request.type, expectedVersion: request.expectedVersion, payload: request.payload },
            toDomainActor(actor.userId, actor.grants),
            tx,
            {
              authorize: (state) => this.authorize(actor, state, request.type, route),
              idempotency: {
                userId: actor.userId,
                key: request.idempotencyKey,
                requestHash,
                respond: (outcome) => (body = { instance: instanceView(outcome.state, actor, new Date()), nextTasks: outcome.nextTasks.map(taskView), openTasks: outcome.openTasks.map(openTaskView) }),
              },
            },
          );
        } catch (error) {
          if (error instanceof KeyAlreadyUsedError) return this.replay(tx, actor, request.idempotencyKey, requestHash);
          throw error;
        }
        return { body: body!, replayed: false };
      });
      // Names of the people the view mentions, read after the commit (a replayed answer gets them too).
      const manager = this.dataSource.manager;
      const named = { ...result, body: { ...result.body, instance: await withPeople(manager, result.body.instance), openTasks: await namedTasks(manager, result.body.openTasks ?? []) } };
      done('ok');
      return named;
    } catch (error) {
      done(outcomeOf(error));
      throw error;
    }
  }

  /** Visibility (out of scope looks exactly like missing) and the actions that have their own endpoint. */
  private authorize(actor: Actor, state: InstanceState, type: string, route: 'generic' | 'dedicated'): void {
    if (!canSee(actor, state)) throw notFound();
    const endpoint = route === 'generic' ? dedicatedEndpointOf(state.definitionCode, type) : undefined;
    if (endpoint) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        code: 'USE_DEDICATED_ENDPOINT',
        message: `Thao tác này phải gửi qua ${endpoint} / This action goes through ${endpoint}`,
        endpoint,
      });
    }
  }

  /** The stored response of an earlier request with this key, or 409 if that request was a different one. */
  private async replay(tx: EntityManager, actor: Actor, key: string, requestHash: string): Promise<CommandResult> {
    const stored = await this.idempotency.get(tx, actor.userId, key);
    if (!stored || stored.requestHash !== requestHash) throw keyReused();
    return { body: stored.responseBody as CommandResponse, replayed: true };
  }
}

function outcomeOf(error: unknown): CommandOutcome {
  const status = answerStatusOf(error);
  if (status === 409) return 'conflict';
  if (status !== undefined && status < 500) return 'rejected';
  return 'error';
}
