import { randomUUID } from 'node:crypto';
import {
  DomainError,
  createInstance,
  decide,
  decideBatch,
  openTasks,
  type Actor,
  type BatchCommand,
  type Command,
  type DecideResult,
  type InstanceInit,
  type InstanceState,
  type Task,
  type ValidDefinition,
} from '@khuyencong/domain';
import { InstanceStore, StaleVersionError, type IdempotencyClaim, type IdempotentResponse, type StoredEvent } from '@khuyencong/persistence';
import { type DataSource, type EntityManager } from 'typeorm';
import { systemActor } from './actors.js';
import { CalendarProvider } from './calendar.js';
import { DefinitionRegistry } from './definitions.js';
import { PipelineError, TimerContendedError } from './errors.js';
import { columnsOf, effectsOf, tasksOf } from './mapping.js';

/** What a command returns: the new state and what the caller should do next (read-your-writes). */
export interface CommandOutcome {
  instanceId: string;
  state: InstanceState;
  events: StoredEvent[];
  /** Open tasks of the instance the acting user can work on. */
  nextTasks: Task[];
  /** Every open task of the instance. */
  openTasks: Task[];
}

export interface WorkflowRunnerOptions {
  dataSource: DataSource;
  definitions?: DefinitionRegistry;
  calendar?: CalendarProvider;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  /** How many times a timer's command is decided again when a concurrent command moved the instance on (3). */
  timerAttempts?: number;
}

export type TimerFireResult = 'fired' | 'stale' | 'not_due' | 'gone';

export interface ExecuteOptions {
  /**
   * Called with the instance as loaded, before the engine decides: the caller's own checks (visibility,
   * dedicated endpoints) on the same read, so a command loads its instance once. Throw to refuse.
   */
  authorize?: (state: InstanceState, definition: ValidDefinition) => void;
  /**
   * Claims the request's idempotency key in the statement that loads the instance (a key used before throws
   * KeyAlreadyUsedError: replay the stored response). With `respond`, the response is built from the outcome
   * and stored under the key in the statement that commits the decision; without it the caller stores it.
   */
  idempotency?: IdempotencyClaim & { respond?: (outcome: Omit<CommandOutcome, 'events'>) => unknown };
}

interface InstanceRow {
  state: InstanceState;
  version: number;
  definition_code: string;
  definition_version: number;
}

/**
 * The command pipeline: load the instance, let the engine decide, and in ONE transaction write the new state
 * (optimistic version check), the event, the inbox rows and the outbox rows. Shared by the API (commands over
 * HTTP) and the worker (timers firing as system commands).
 */
export class WorkflowRunner {
  readonly definitions: DefinitionRegistry;
  readonly calendar: CalendarProvider;
  private readonly dataSource: DataSource;
  private readonly now: () => Date;
  private readonly instances = new InstanceStore();
  private readonly timerAttempts: number;

  constructor(options: WorkflowRunnerOptions) {
    this.dataSource = options.dataSource;
    this.definitions = options.definitions ?? new DefinitionRegistry();
    this.calendar = options.calendar ?? new CalendarProvider(options.dataSource);
    this.now = options.now ?? (() => new Date());
    this.timerAttempts = Math.max(1, options.timerAttempts ?? 3);
  }

  /** Opens an instance of the latest published version of a definition. */
  async start(
    definitionCode: string,
    init: Omit<InstanceInit, 'instanceId'> & { instanceId?: string },
    actor: Actor,
    manager?: EntityManager,
  ): Promise<CommandOutcome> {
    const definition = this.definitions.latest(definitionCode);
    if (!definition) throw new PipelineError('DEFINITION_NOT_FOUND', { code: definitionCode });
    const now = this.now();
    const context = { now: now.toISOString(), actor, calendar: await this.calendar.get(now.getTime(), manager) };
    const instanceId = init.instanceId ?? randomUUID();
    const result = createInstance(definition, { ...init, instanceId }, context);
    const work = async (tx: EntityManager) => {
      const effects = effectsOf(instanceId, result.effects);
      const committed = await this.instances.createInstance(tx, {
        id: instanceId,
        definitionCode: definition.code,
        definitionVersion: definition.version,
        state: result.state,
        columns: columnsOf(definition, result.state, context.now),
        createdBy: actor.userId === systemActor.userId ? undefined : actor.userId,
        events: result.events.map((event) => ({ type: event.type, actorUserId: actorColumn(event.actor.userId), data: event, occurredAt: new Date(event.at) })),
        tasks: tasksOf(definition, openTasks(definition, result.state)),
        effects: effects.outbox,
        timers: effects.timers,
      });
      return this.outcome(definition, result, committed.events, actor);
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  /** Runs one command against one instance. Stale versions and engine refusals throw `DomainError`. */
  async execute(instanceId: string, command: Command, actor: Actor, manager?: EntityManager, options: ExecuteOptions = {}): Promise<CommandOutcome> {
    const work = async (tx: EntityManager) => {
      const claim = options.idempotency;
      const { definition, row } = await this.load(tx, instanceId, claim && { userId: claim.userId, key: claim.key, requestHash: claim.requestHash });
      options.authorize?.(row.state, definition);
      const now = this.now();
      const context = { now: now.toISOString(), actor, calendar: await this.calendar.get(now.getTime(), tx) };
      const result = decide(definition, row.state, command, context);
      const preview = this.outcome(definition, result, [], actor);
      const response = claim?.respond ? { userId: claim.userId, key: claim.key, status: 200, body: claim.respond(preview) } : undefined;
      const events = await this.commit(tx, definition, instanceId, command.expectedVersion, result, context.now, response);
      return { ...preview, events };
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  /** Runs one command over many instances (a round's decision), validated as a whole, committed together. */
  async executeBatch(command: BatchCommand, actor: Actor, manager?: EntityManager): Promise<CommandOutcome[]> {
    // With a manager the batch joins the caller's transaction (a decision also writes its certificates).
    const work = async (tx: EntityManager) => {
      const ids = Object.keys(command.expectedVersions).sort();
      const loaded = await this.loadMany(tx, ids);
      const definition = loaded[0]?.definition;
      if (!definition) throw new DomainError('BATCH_INVALID', { reason: 'empty batch' });
      if (loaded.some((item) => item.definition !== definition)) throw new DomainError('BATCH_INVALID', { reason: 'mixed definitions' });
      const now = this.now();
      const context = { now: now.toISOString(), actor, calendar: await this.calendar.get(now.getTime(), tx) };
      const batch = decideBatch(
        definition,
        loaded.map((item) => item.row.state),
        command,
        context,
      );
      const outcomes: CommandOutcome[] = [];
      for (const result of batch.results) {
        const expected = command.expectedVersions[result.instanceId]!;
        const events = await this.commit(tx, definition, result.instanceId, expected, result, context.now);
        outcomes.push(this.outcome(definition, result, events, actor));
      }
      return outcomes;
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  /**
   * Fires a due timer as a system command, in one transaction with marking it fired. A timer the engine no
   * longer expects (the stage moved on) is marked fired and reported `stale`; an early wake-up is `not_due`.
   * STALE_VERSION is not "no longer expected": a command committed on the instance meanwhile, so the instance is
   * read again and the command decided again, up to `timerAttempts` times; past that TimerContendedError rolls
   * everything back and the timer stays pending (the job fails and is retried, the sweep reports it).
   */
  async fireTimer(timerId: string): Promise<TimerFireResult> {
    return this.dataSource.transaction(async (tx) => {
      const [timer] = await tx.query<
        { id: string; instance_id: string; key: string; command: string | null; due_at: Date; fired_at: Date | null; cancelled_at: Date | null }[]
      >(`SELECT id, instance_id, key, command, due_at, fired_at, cancelled_at FROM timers WHERE id = $1 FOR UPDATE SKIP LOCKED`, [timerId]);
      if (!timer || timer.fired_at || timer.cancelled_at) return 'gone';
      const now = this.now();
      if (timer.due_at.getTime() > now.getTime()) return 'not_due';
      await tx.query(`UPDATE timers SET fired_at = $2 WHERE id = $1`, [timerId, now]);
      if (!timer.command) return 'stale';
      for (let attempt = 1; attempt <= this.timerAttempts; attempt++) {
        const [row] = await tx.query<{ version: number }[]>(`SELECT version FROM workflow_instances WHERE id = $1`, [timer.instance_id]);
        if (!row) return 'gone';
        try {
          // A savepoint keeps "marked fired" when the engine refuses the command, and lets a stale attempt retry.
          await tx.query('SAVEPOINT fire_timer');
          await this.execute(timer.instance_id, { type: timer.command, expectedVersion: row.version, payload: { timerKey: timer.key } }, systemActor, tx);
          await tx.query('RELEASE SAVEPOINT fire_timer');
          return 'fired';
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          await tx.query('ROLLBACK TO SAVEPOINT fire_timer');
          if (error.code !== 'STALE_VERSION') return 'stale';
        }
      }
      throw new TimerContendedError(timerId, this.timerAttempts);
    });
  }

  /** Loads many instances in one query (a transaction's connection runs one query at a time), in the given order. */
  private async loadMany(tx: EntityManager, instanceIds: readonly string[]): Promise<{ definition: ValidDefinition; row: InstanceRow }[]> {
    const rows = await tx.query<(InstanceRow & { id: string })[]>(
      `SELECT id, state, version, definition_code, definition_version FROM workflow_instances WHERE id = ANY($1::uuid[])`,
      [instanceIds],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return instanceIds.map((instanceId) => {
      const row = byId.get(instanceId);
      if (!row) throw new PipelineError('INSTANCE_NOT_FOUND', { instanceId });
      const definition = this.definitions.exact(row.definition_code, row.definition_version);
      if (!definition) throw new PipelineError('DEFINITION_NOT_FOUND', { code: row.definition_code, version: row.definition_version });
      return { definition, row };
    });
  }

  private async load(tx: EntityManager, instanceId: string, claim?: IdempotencyClaim): Promise<{ definition: ValidDefinition; row: InstanceRow }> {
    const loaded = await this.instances.load(tx, instanceId, claim);
    if (!loaded) throw new PipelineError('INSTANCE_NOT_FOUND', { instanceId });
    const definition = this.definitions.exact(loaded.definitionCode, loaded.definitionVersion);
    if (!definition) throw new PipelineError('DEFINITION_NOT_FOUND', { code: loaded.definitionCode, version: loaded.definitionVersion });
    return {
      definition,
      row: {
        state: loaded.state as InstanceState,
        version: loaded.version,
        definition_code: loaded.definitionCode,
        definition_version: loaded.definitionVersion,
      },
    };
  }

  private async commit(
    tx: EntityManager,
    definition: ValidDefinition,
    instanceId: string,
    expectedVersion: number,
    result: DecideResult,
    now: string,
    response?: IdempotentResponse,
  ): Promise<StoredEvent[]> {
    const effects = effectsOf(instanceId, result.effects);
    try {
      const committed = await this.instances.commitDecision(tx, {
        instanceId,
        expectedVersion,
        newState: result.state,
        columns: columnsOf(definition, result.state, now),
        events: result.events.map((event) => ({ type: event.type, actorUserId: actorColumn(event.actor.userId), data: event, occurredAt: new Date(event.at) })),
        tasks: tasksOf(definition, openTasks(definition, result.state)),
        effects: effects.outbox,
        timers: effects.timers,
        cancelTimerKeys: effects.cancel,
        ...(response ? { response } : {}),
      });
      return committed.events;
    } catch (error) {
      if (error instanceof StaleVersionError) throw new DomainError('STALE_VERSION', { expectedVersion, instanceId });
      throw error;
    }
  }

  private outcome(definition: ValidDefinition, result: DecideResult, events: StoredEvent[], actor: Actor): CommandOutcome {
    const tasks = openTasks(definition, result.state);
    const mine = tasks.filter((task) =>
      'userId' in task.assignee
        ? task.assignee.userId === actor.userId
        : actor.roles.some((grant) => {
            const assignee = task.assignee as { role: string; scope: { type: string; id: string } };
            return (
              grant.role === assignee.role &&
              (grant.scope.type === 'national' || (grant.scope.type === assignee.scope.type && grant.scope.id === assignee.scope.id))
            );
          }),
    );
    return { instanceId: result.state.instanceId, state: result.state, events, nextTasks: mine, openTasks: tasks };
  }
}

/** Events by the system have no user row. */
function actorColumn(userId: string): string | null {
  return userId === systemActor.userId ? null : userId;
}
