import { createHash } from 'node:crypto';
import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { type JsonObject } from '@khuyencong/domain';
import { IdempotencyStore } from '@khuyencong/persistence';
import { WorkflowRunner, toDomainActor } from '@khuyencong/workflow';
import { type Actor } from '../common/actor.js';
import { MetricsService, type CommandOutcome } from '../metrics/metrics.service.js';
import { toHttpError } from './domain-errors.js';
import { type CommandResponse } from './dto.js';
import { notFound } from './instances.service.js';
import { instanceView, taskView } from './views.js';
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
   * One transaction of four statements: claim the idempotency key (or replay the stored response), load the
   * instance and check visibility on that read, run the command through the engine and write state + event +
   * inbox + outbox in one statement, and record the response under the key.
   */
  async execute(actor: Actor, request: CommandRequest, route: 'generic' | 'dedicated' = 'dedicated'): Promise<CommandResult> {
    const requestHash = createHash('sha256')
      .update(JSON.stringify([request.instanceId, request.type, request.expectedVersion, request.payload]))
      .digest('hex');
    const done = this.metrics.startCommand(request.type);
    try {
      const result = await this.dataSource.transaction(async (tx): Promise<CommandResult> => {
        const claim = await this.idempotency.claim(tx, actor.userId, request.idempotencyKey, requestHash);
        if (!claim.claimed) {
          if (claim.stored.requestHash !== requestHash) {
            throw new ConflictException({
              statusCode: 409,
              code: 'IDEMPOTENCY_KEY_REUSED',
              message: 'Khóa Idempotency-Key đã dùng cho một yêu cầu khác / This Idempotency-Key was used for a different request',
            });
          }
          return { body: claim.stored.responseBody as CommandResponse, replayed: true };
        }
        const outcome = await this.runner.execute(
          request.instanceId,
          { type: request.type, expectedVersion: request.expectedVersion, payload: request.payload },
          toDomainActor(actor.userId, actor.grants),
          tx,
          {
            authorize: (state) => {
              if (!canSee(actor, state)) throw notFound();
              const endpoint = route === 'generic' ? dedicatedEndpointOf(state.definitionCode, request.type) : undefined;
              if (endpoint) {
                throw new UnprocessableEntityException({
                  statusCode: 422,
                  code: 'USE_DEDICATED_ENDPOINT',
                  message: `Thao tác này phải gửi qua ${endpoint} / This action goes through ${endpoint}`,
                  endpoint,
                });
              }
            },
          },
        );
        const body: CommandResponse = {
          instance: instanceView(outcome.state, actor.userId, new Date()),
          nextTasks: outcome.nextTasks.map(taskView),
        };
        await this.idempotency.complete(tx, actor.userId, request.idempotencyKey, 200, body);
        return { body, replayed: false };
      });
      done('ok');
      return result;
    } catch (error) {
      const mapped = toHttpError(error);
      done(outcomeOf(mapped));
      throw mapped;
    }
  }
}

function outcomeOf(error: unknown): CommandOutcome {
  const status = (error as { getStatus?: () => number }).getStatus?.();
  if (status === 409) return 'conflict';
  if (status !== undefined && status < 500) return 'rejected';
  return 'error';
}
