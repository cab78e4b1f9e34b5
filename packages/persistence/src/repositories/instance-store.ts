import { type EntityManager } from 'typeorm';
import { valuesList } from '../sql.js';
import { InstanceNotFoundError, StaleVersionError } from './errors.js';
import { EventStore } from './event-store.js';
import { type InstanceColumns, type NewEffect, type NewEvent, type NewTask, type NewTimer, type StoredEvent } from './types.js';

/** A new instance with its first events, tasks, effects and timers. */
export interface CreateInstanceInput {
  /** Chosen by the caller when it must be known before the insert (idempotent creation); generated otherwise. */
  id?: string;
  definitionCode: string;
  definitionVersion: number;
  state: unknown;
  columns: InstanceColumns;
  createdBy?: string | null;
  events?: NewEvent[];
  tasks?: NewTask[];
  effects?: NewEffect[];
  timers?: NewTimer[];
}

/** Everything one decision writes, atomically, in the caller's transaction. */
export interface CommitDecisionInput {
  instanceId: string;
  /** The version the decision was taken on; the write fails with StaleVersionError if it moved on. */
  expectedVersion: number;
  newState: unknown;
  /** List columns that changed; absent keys keep their value. */
  columns: Partial<InstanceColumns>;
  events: NewEvent[];
  /** The complete set of open tasks after the decision (the previous ones are closed). */
  tasks: NewTask[];
  effects: NewEffect[];
  timers?: NewTimer[];
  /** Keys of pending timers to cancel. */
  cancelTimerKeys?: string[];
}

/** What was written: the new version, the stored events (with seq and hash) and the outbox ids. */
export interface CommitResult {
  instanceId: string;
  version: number;
  events: StoredEvent[];
  outboxIds: string[];
}

const COLUMN_NAMES: Record<keyof InstanceColumns, string> = {
  stage: 'stage',
  status: 'status',
  subjectKind: 'subject_kind',
  establishmentId: 'establishment_id',
  communeCode: 'commune_code',
  provinceCode: 'province_code',
  regionCode: 'region_code',
  roundId: 'round_id',
  year: 'year',
  level: 'level',
  productGroup: 'product_group',
  dueAt: 'due_at',
  slaState: 'sla_state',
};

const COLUMN_TYPES: Record<keyof InstanceColumns, string> = {
  stage: 'text',
  status: 'text',
  subjectKind: 'text',
  establishmentId: 'uuid',
  communeCode: 'text',
  provinceCode: 'text',
  regionCode: 'text',
  roundId: 'uuid',
  year: 'integer',
  level: 'text',
  productGroup: 'text',
  dueAt: 'timestamptz',
  slaState: 'text',
};

const COLUMN_KEYS = Object.keys(COLUMN_NAMES) as (keyof InstanceColumns)[];

/**
 * Writes workflow instances together with their events, inbox rows, outbox rows and timers. Every method runs
 * in the EntityManager it is given, so a command's writes share the caller's transaction.
 */
export class InstanceStore {
  constructor(private readonly events: EventStore = new EventStore()) {}

  /** Inserts an instance at version 1 with its first events, tasks, effects and timers. */
  async createInstance(manager: EntityManager, input: CreateInstanceInput): Promise<CommitResult> {
    const keys = COLUMN_KEYS.filter((key) => input.columns[key] !== undefined);
    const names = ['definition_code', 'definition_version', 'state', 'created_by', ...keys.map((key) => COLUMN_NAMES[key])];
    const types = ['text', 'integer', 'jsonb', 'uuid', ...keys.map((key) => COLUMN_TYPES[key])];
    const values: unknown[] = [input.definitionCode, input.definitionVersion, JSON.stringify(input.state), input.createdBy ?? null];
    values.push(...keys.map((key) => input.columns[key]));
    if (input.id !== undefined) {
      names.unshift('id');
      types.unshift('uuid');
      values.unshift(input.id);
    }
    const rows = await manager.query<{ id: string; version: number }[]>(
      `INSERT INTO workflow_instances (${names.join(', ')}) VALUES ${valuesList(types, 1)} RETURNING id, version`,
      values,
    );
    const created = rows[0];
    if (created === undefined) throw new Error('INSERT ... RETURNING returned no row');
    return this.writeConsequences(manager, created.id, created.version, {
      events: input.events ?? [],
      tasks: input.tasks ?? [],
      effects: input.effects ?? [],
      timers: input.timers ?? [],
      cancelTimerKeys: [],
    });
  }

  /**
   * Commits one decision: bumps the version if it still is `expectedVersion` (otherwise throws
   * StaleVersionError and writes nothing), then appends the events, replaces the open tasks and inserts the
   * outbox rows and timers. Run it inside a transaction: a failure after it rolls everything back together.
   */
  async commitDecision(manager: EntityManager, input: CommitDecisionInput): Promise<CommitResult> {
    const keys = COLUMN_KEYS.filter((key) => input.columns[key] !== undefined);
    const sets = ['version = version + 1', 'state = $3::jsonb', 'updated_at = now()'];
    sets.push(...keys.map((key, index) => `${COLUMN_NAMES[key]} = $${index + 4}::${COLUMN_TYPES[key]}`));
    const updated = await manager.query<[{ version: number }[], number]>(
      `UPDATE workflow_instances SET ${sets.join(', ')} WHERE id = $1::uuid AND version = $2::integer RETURNING version`,
      [input.instanceId, input.expectedVersion, JSON.stringify(input.newState), ...keys.map((key) => input.columns[key])],
    );
    // For UPDATE ... RETURNING the postgres driver of TypeORM returns [rows, affectedCount].
    const row = updated[0][0];
    if (row === undefined) {
      const current = await manager.query<{ version: number }[]>('SELECT version FROM workflow_instances WHERE id = $1::uuid', [
        input.instanceId,
      ]);
      const actual = current[0];
      if (actual === undefined) throw new InstanceNotFoundError(input.instanceId);
      throw new StaleVersionError(input.instanceId, input.expectedVersion, actual.version);
    }
    await manager.query('DELETE FROM open_tasks WHERE instance_id = $1::uuid', [input.instanceId]);
    return this.writeConsequences(manager, input.instanceId, row.version, {
      events: input.events,
      tasks: input.tasks,
      effects: input.effects,
      timers: input.timers ?? [],
      cancelTimerKeys: input.cancelTimerKeys ?? [],
    });
  }

  private async writeConsequences(
    manager: EntityManager,
    instanceId: string,
    version: number,
    writes: { events: NewEvent[]; tasks: NewTask[]; effects: NewEffect[]; timers: NewTimer[]; cancelTimerKeys: string[] },
  ): Promise<CommitResult> {
    const events = await this.events.append(manager, instanceId, writes.events);
    await insertTasks(manager, instanceId, writes.tasks);
    const outboxIds = await insertEffects(manager, instanceId, writes.effects);
    if (writes.cancelTimerKeys.length > 0) {
      await manager.query(
        `UPDATE timers SET cancelled_at = now()
          WHERE instance_id = $1::uuid AND key = ANY($2::text[]) AND fired_at IS NULL AND cancelled_at IS NULL`,
        [instanceId, writes.cancelTimerKeys],
      );
    }
    await upsertTimers(manager, instanceId, writes.timers);
    return { instanceId, version, events, outboxIds };
  }
}

async function insertTasks(manager: EntityManager, instanceId: string, tasks: readonly NewTask[]): Promise<void> {
  if (tasks.length === 0) return;
  const types = ['uuid', 'text', 'text[]', 'uuid', 'text', 'text', 'text', 'timestamptz', 'text'];
  const values = tasks.flatMap((task) => [
    instanceId,
    task.stage,
    task.actions,
    task.assigneeUserId ?? null,
    task.role,
    task.scopeType,
    task.scopeId ?? null,
    task.dueAt ?? null,
    task.slaState ?? null,
  ]);
  await manager.query(
    `INSERT INTO open_tasks (instance_id, stage, actions, assignee_user_id, role, scope_type, scope_id, due_at, sla_state)
     VALUES ${valuesList(types, tasks.length)}`,
    values,
  );
}

async function insertEffects(manager: EntityManager, instanceId: string, effects: readonly NewEffect[]): Promise<string[]> {
  if (effects.length === 0) return [];
  const values = effects.flatMap((effect) => [instanceId, effect.effectType, JSON.stringify(effect.payload)]);
  const rows = await manager.query<{ id: string }[]>(
    `INSERT INTO outbox (instance_id, effect_type, payload) VALUES ${valuesList(['uuid', 'text', 'jsonb'], effects.length)} RETURNING id`,
    values,
  );
  // bigserial ids are strings; order them numerically so they follow the order of the effects.
  return rows.map((row) => row.id).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
}

/**
 * Arms timers and, in the same transaction, writes one `timer.wake` outbox row per armed timer: the relay turns
 * it into a delayed BullMQ job, a wake-up hint only (the worker's sweep fires due timers whose hint was lost).
 */
async function upsertTimers(manager: EntityManager, instanceId: string, timers: readonly NewTimer[]): Promise<void> {
  if (timers.length === 0) return;
  const values = timers.flatMap((timer) => [instanceId, timer.kind, timer.key, timer.dueAt, timer.command ?? null]);
  const armed = await manager.query<{ id: string; due_at: Date }[]>(
    `INSERT INTO timers (instance_id, kind, key, due_at, command) VALUES ${valuesList(['uuid', 'text', 'text', 'timestamptz', 'text'], timers.length)}
     ON CONFLICT ON CONSTRAINT uq_timers_instance_key
     DO UPDATE SET kind = EXCLUDED.kind, due_at = EXCLUDED.due_at, command = EXCLUDED.command, fired_at = NULL, cancelled_at = NULL
     RETURNING id, due_at`,
    values,
  );
  const wakeUps = armed.flatMap((row) => [instanceId, 'timer.wake', JSON.stringify({ timerId: row.id, dueAt: row.due_at.toISOString() })]);
  await manager.query(
    `INSERT INTO outbox (instance_id, effect_type, payload) VALUES ${valuesList(['uuid', 'text', 'jsonb'], armed.length)}`,
    wakeUps,
  );
}
