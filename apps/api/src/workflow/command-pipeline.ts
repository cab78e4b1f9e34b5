import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { type Command, type InstanceState, type JsonObject } from '@khuyencong/domain';
import { IdempotencyStore, KeyAlreadyUsedError } from '@khuyencong/persistence';
import { WorkflowRunner, toDomainActor, type CommandOutcome as EngineOutcome } from '@khuyencong/workflow';
import { AuditService, type AuditEntry } from '../audit/audit.service.js';
import { type Actor } from '../common/actor.js';
import { MetricsService, type CommandOutcome } from '../metrics/metrics.service.js';
import { answerStatusOf } from './domain-errors.js';
import { type CommandResponse } from './dto.js';
import { keyReused, requestHashOf, runKeyed, type ClientRequest, type Keyed } from './idempotent-request.js';
import { notFound } from './instances.service.js';
import { instanceView, namedTasks, openTaskView, taskView, withPeople } from './views.js';
import { canSee } from './visibility.js';

/**
 * Actions whose rules live partly outside the engine (documents behind a dossier checklist, certificate
 * numbers, budget and advance rules): they must come through their feature's endpoint, never the generic one.
 */
const DEDICATED_ENDPOINTS: Readonly<Record<string, { actions: readonly string[] | 'all'; endpoint: string }>> = {
  'product-selection': {
    actions: ['submit', 'resubmit', 'decide', 'nominate', 'revoke'],
    endpoint: '/api/entries/:id/{submit,resubmit}, /api/rounds/:id/{decision,nominations}, /api/certificates/:number/revoke',
  },
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

/**
 * A state change that is not one engine command on one instance (a round set up, a jury assigned, a decision over
 * a list, nominations, a scheme command with its money rules and finance rows): what metrics call it, who asks,
 * the request's Idempotency-Key (optional where the route makes it so), the audit entry it leaves when the engine's
 * event chain does not record it, and the work, run in the pipeline's transaction.
 */
export interface StateChange<T> {
  /** An engine command type (`pass`, `vote`) or a set-up action (`round.create`), the label of its metrics. */
  name: string;
  actor: Actor;
  keyed?: Keyed;
  /** The status the answer is stored and replayed with (200 unless the route creates). */
  status?: number;
  /** The audit entry of the change (none when it changed nothing, or when the engine's events record it). */
  audit?: (body: T) => Omit<AuditEntry, 'actorUserId'> | undefined;
  work: (tx: EntityManager) => Promise<T>;
}

/** Checks and writes around an engine command, in its transaction: the money rules before, the finance rows after. */
export interface EngineHooks {
  before?: () => Promise<void>;
  after?: (before: InstanceState, outcome: EngineOutcome) => Promise<void>;
}

/**
 * THE command path: every state change of the platform — engine commands on an instance (the generic route, a
 * dossier's submission, a revocation), scheme commands, a round's set-up, jury and council assignments,
 * nominations and decisions — runs here, with the same four things: one transaction, the Idempotency-Key claimed
 * before the work (a retry replays the stored answer, the same key with another request is 409), metrics by name
 * and outcome, and an audit trail (the engine's hash-chained events, or an audit entry for what the engine does not
 * record). Errors are not mapped here: the exception filter answers them.
 */
@Injectable()
export class CommandPipeline {
  private readonly idempotency = new IdempotencyStore();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runner: WorkflowRunner,
    private readonly metrics: MetricsService,
    private readonly audit: AuditService,
  ) {}

  /** A state change (see StateChange): claimed, done, audited and measured in one transaction. */
  async run<T>(change: StateChange<T>): Promise<{ body: T; replayed: boolean }> {
    const keyed = change.keyed ?? { userId: change.actor.userId, key: undefined, request: { route: change.name, params: {} } };
    return this.measured(change.name, () =>
      this.dataSource.transaction((tx) =>
        runKeyed(tx, keyed, change.status ?? 200, async () => {
          const body = await change.work(tx);
          const entry = change.audit?.(body);
          if (entry) await this.audit.record({ actorUserId: change.actor.userId, ...entry }, tx);
          return body;
        }),
      ),
    );
  }

  /** One engine command inside a run's transaction, with the feature's checks before it and its writes after it. */
  async engine(tx: EntityManager, actor: Actor, instanceId: string, command: Command, hooks: EngineHooks = {}): Promise<EngineOutcome> {
    await hooks.before?.();
    let before: InstanceState | undefined;
    const outcome = await this.runner.execute(instanceId, command, toDomainActor(actor.userId, actor.grants), tx, {
      authorize: (state) => void (before = state),
    });
    await hooks.after?.(before!, outcome);
    return outcome;
  }

  /**
   * One engine command on one instance, the key claimed in the statement that loads the instance (visibility
   * checked on that read), then — after the engine decided — state + event + inbox + outbox + the stored response
   * in one more: two statements. A key used before replays its stored response instead.
   */
  async execute(actor: Actor, request: CommandRequest, route: 'generic' | 'dedicated' = 'dedicated'): Promise<CommandResult> {
    const requestHash = requestHashOf(request.sent);
    return this.measured(request.type, async () => {
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
                respond: (outcome) =>
                  (body = {
                    instance: instanceView(outcome.state, actor, new Date()),
                    nextTasks: outcome.nextTasks.map(taskView),
                    openTasks: outcome.openTasks.map(openTaskView),
                  }),
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
      return {
        ...result,
        body: { ...result.body, instance: await withPeople(manager, result.body.instance), openTasks: await namedTasks(manager, result.body.openTasks ?? []) },
      };
    });
  }

  /** Counts and times the change by name and outcome (ok, rejected, conflict, error). */
  private async measured<T>(name: string, work: () => Promise<T>): Promise<T> {
    const done = this.metrics.startCommand(name);
    try {
      const result = await work();
      done('ok');
      return result;
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
