import { type EntityManager } from 'typeorm';
import { preparedQuery, valuesList } from '../sql.js';
import { InstanceNotFoundError, KeyAlreadyUsedError, StaleVersionError } from './errors.js';
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

/** An idempotency key to claim for a command, first thing in its transaction (see IdempotencyStore.claim). */
export interface IdempotencyClaim {
  userId: string;
  key: string;
  requestHash: string;
}

/** The response to store under a claimed key, written with the decision. */
export interface IdempotentResponse {
  userId: string;
  key: string;
  status: number;
  body: unknown;
}

/** An instance as a command loads it. */
export interface LoadedInstance {
  state: unknown;
  version: number;
  definitionCode: string;
  definitionVersion: number;
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
  /** The command's response, stored under its claimed idempotency key in the same statement. */
  response?: IdempotentResponse;
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
 * Timers due within this horizon get a `timer.wake` outbox row (a delayed BullMQ job fires them to the second);
 * later ones are left to the worker's timer sweep, which runs every minute and schedules the wake-up of every
 * timer that comes within the horizon. Most timers are deadlines days away: a job each would be churn.
 */
export const TIMER_WAKE_HORIZON_MS = 5 * 60_000;

/**
 * Writes workflow instances together with their events, inbox rows, outbox rows and timers. Every method runs
 * in the EntityManager it is given, so a command's writes share the caller's transaction. Each write is ONE
 * statement (data-modifying CTEs): the instance row first, then everything that follows from it, so a command
 * costs one round trip to the database however many rows it writes.
 */
export class InstanceStore {
  /**
   * Loads an instance for a command. With `claim`, the same statement first claims the idempotency key (the
   * insert waits for a concurrent request with the same key to finish); a key used before throws
   * KeyAlreadyUsedError, and the caller replays the stored response. Undefined when there is no such instance.
   */
  async load(manager: EntityManager, instanceId: string, claim?: IdempotencyClaim): Promise<LoadedInstance | undefined> {
    type Row = { claimed: number; state: unknown; version: number | null; definition_code: string; definition_version: number };
    const columns = 'i.state, i.version, i.definition_code, i.definition_version';
    const returns = 'claimed integer, state jsonb, version integer, definition_code text, definition_version integer';
    const rows = claim
      ? await preparedQuery<Row>(
          manager,
          `WITH claim AS (
             INSERT INTO idempotency_keys (user_id, key, request_hash, response_status, response_body)
             VALUES ($2::uuid, $3::text, $4::text, 202, NULL)
             ON CONFLICT ON CONSTRAINT pk_idempotency_keys DO NOTHING RETURNING 1)
           SELECT (SELECT count(*) FROM claim)::integer AS claimed, ${columns}
             FROM (SELECT 1) AS one LEFT JOIN workflow_instances i ON i.id = $1::uuid`,
          [instanceId, claim.userId, claim.key, claim.requestHash],
          returns,
        )
      : await preparedQuery<Row>(manager, `SELECT 1 AS claimed, ${columns} FROM workflow_instances i WHERE i.id = $1::uuid`, [instanceId], returns);
    const row = rows[0];
    if (claim && row?.claimed !== 1) throw new KeyAlreadyUsedError(claim.userId, claim.key);
    if (!row || row.version === null) return undefined;
    return { state: row.state, version: row.version, definitionCode: row.definition_code, definitionVersion: row.definition_version };
  }

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
    const head = `INSERT INTO workflow_instances (${names.join(', ')}) VALUES ${valuesList(types, 1)} RETURNING id, version`;
    const writes = { events: input.events ?? [], tasks: input.tasks ?? [], effects: input.effects ?? [], timers: input.timers ?? [], cancelTimerKeys: [] };
    const result = await writeWithConsequences(manager, head, values, writes, false);
    if (result === undefined) throw new Error('INSERT ... RETURNING returned no row');
    return result;
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
    const head = `UPDATE workflow_instances SET ${sets.join(', ')} WHERE id = $1::uuid AND version = $2::integer RETURNING id, version`;
    const values = [input.instanceId, input.expectedVersion, JSON.stringify(input.newState), ...keys.map((key) => input.columns[key])];
    const writes = {
      events: input.events,
      tasks: input.tasks,
      effects: input.effects,
      timers: input.timers ?? [],
      cancelTimerKeys: input.cancelTimerKeys ?? [],
      response: input.response,
    };
    const result = await writeWithConsequences(manager, head, values, writes, true);
    if (result !== undefined) return result;
    // Nothing was written: tell a stale version from a missing instance.
    const current = await manager.query<{ version: number }[]>('SELECT version FROM workflow_instances WHERE id = $1::uuid', [input.instanceId]);
    const actual = current[0];
    if (actual === undefined) throw new InstanceNotFoundError(input.instanceId);
    throw new StaleVersionError(input.instanceId, input.expectedVersion, actual.version);
  }
}

interface Consequences {
  events: readonly NewEvent[];
  tasks: readonly NewTask[];
  effects: readonly NewEffect[];
  timers: readonly NewTimer[];
  cancelTimerKeys: readonly string[];
  response?: IdempotentResponse | undefined;
}

interface WriteRow {
  id: string;
  version: number;
  outbox_ids: string[] | null;
  event_id: string | null;
  seq: number | null;
  occurred_at: Date | null;
  prev_hash: string | null;
  hash: string | null;
}

const TASK_COLUMNS =
  't(n integer, stage text, actions text[], assignee_user_id uuid, role text, scope_type text, scope_id text, due_at timestamptz, sla_state text)';

/** The tasks of a new instance: inserted. */
function insertedTasks(tasks: string): string {
  return `tasks AS (
       INSERT INTO open_tasks (instance_id, stage, actions, assignee_user_id, role, scope_type, scope_id, due_at, sla_state)
       SELECT head.id, t.stage, t.actions, t.assignee_user_id, t.role, t.scope_type, t.scope_id, t.due_at, t.sla_state
         FROM head, jsonb_to_recordset(${tasks}) AS ${TASK_COLUMNS})`;
}

/**
 * The tasks of a moved instance replace its open ones, but a task that stays (same stage, role, scope and
 * assignee — a timer changing its deadline state, a vote leaving the chair's task open) keeps its id and creation
 * time: an inbox row, a link or a dialog opened on it stays valid. The n-th new task of a key takes the n-th old
 * one; the rest of the old are deleted and the rest of the new inserted — disjoint rows, one statement.
 */
function replacedTasks(tasks: string): string {
  const key = (alias: string) =>
    `${alias}.stage, ${alias}.role, ${alias}.scope_type, coalesce(${alias}.scope_id, ''), coalesce(${alias}.assignee_user_id::text, '')`;
  return `wanted AS (
       SELECT t.*, row_number() OVER (PARTITION BY ${key('t')} ORDER BY t.n) AS k
         FROM jsonb_to_recordset(${tasks}) AS ${TASK_COLUMNS}),
     present AS (
       SELECT o.*, row_number() OVER (PARTITION BY ${key('o')} ORDER BY o.created_at, o.id) AS k
         FROM open_tasks o JOIN head ON o.instance_id = head.id),
     pairs AS (
       SELECT w.*, p.id AS kept_id FROM wanted w
         LEFT JOIN present p ON (${key('p')}, p.k) = (${key('w')}, w.k)),
     kept AS (
       UPDATE open_tasks o SET actions = pairs.actions, due_at = pairs.due_at, sla_state = pairs.sla_state
         FROM pairs WHERE o.id = pairs.kept_id),
     closed AS (
       DELETE FROM open_tasks o USING present
        WHERE o.id = present.id AND NOT EXISTS (SELECT 1 FROM pairs WHERE pairs.kept_id = present.id)),
     tasks AS (
       INSERT INTO open_tasks (instance_id, stage, actions, assignee_user_id, role, scope_type, scope_id, due_at, sla_state)
       SELECT head.id, pairs.stage, pairs.actions, pairs.assignee_user_id, pairs.role, pairs.scope_type, pairs.scope_id, pairs.due_at, pairs.sla_state
         FROM head, pairs WHERE pairs.kept_id IS NULL)`;
}

/**
 * One statement: `head` (an INSERT or UPDATE of workflow_instances returning id and version, parameters
 * $1…$n) and, only if it returned its row, the consequences — open tasks replaced, events appended (the chain
 * trigger sees the earlier rows of the same statement, appended in order of `n`), outbox rows, timers cancelled
 * and armed, wake-ups for armed timers due within the horizon. Returns undefined if `head` wrote nothing.
 */
async function writeWithConsequences(
  manager: EntityManager,
  head: string,
  headValues: unknown[],
  writes: Consequences,
  replaceTasks: boolean,
): Promise<CommitResult | undefined> {
  const values = [...headValues];
  const param = (value: unknown, type: string) => {
    values.push(value);
    return `$${values.length}::${type}`;
  };
  const events = param(
    JSON.stringify(
      writes.events.map((event, n) => ({
        n,
        type: event.type,
        actor_user_id: event.actorUserId ?? null,
        data: event.data ?? {},
        occurred_at: event.occurredAt ?? null,
      })),
    ),
    'jsonb',
  );
  const tasks = param(
    JSON.stringify(
      writes.tasks.map((task, n) => ({
        n,
        stage: task.stage,
        actions: task.actions,
        assignee_user_id: task.assigneeUserId ?? null,
        role: task.role,
        scope_type: task.scopeType,
        scope_id: task.scopeId ?? null,
        due_at: task.dueAt ?? null,
        sla_state: task.slaState ?? null,
      })),
    ),
    'jsonb',
  );
  const effects = param(JSON.stringify(writes.effects.map((effect, n) => ({ n, effect_type: effect.effectType, payload: effect.payload ?? null }))), 'jsonb');
  const armedKeys = new Set(writes.timers.map((timer) => timer.key));
  // A key both cancelled and re-armed ends up armed: the upsert alone says so (one statement must not touch a row twice).
  const cancel = param(
    writes.cancelTimerKeys.filter((key) => !armedKeys.has(key)),
    'text[]',
  );
  const timers = param(
    JSON.stringify(writes.timers.map((timer) => ({ kind: timer.kind, key: timer.key, due_at: timer.dueAt, command: timer.command ?? null }))),
    'jsonb',
  );
  const horizon = param(TIMER_WAKE_HORIZON_MS, 'integer');
  const recorded = writes.response
    ? `,
     recorded AS (
       UPDATE idempotency_keys SET response_status = ${param(writes.response.status, 'integer')}, response_body = ${param(JSON.stringify(writes.response.body ?? null), 'jsonb')}
         FROM head WHERE idempotency_keys.user_id = ${param(writes.response.userId, 'uuid')} AND idempotency_keys.key = ${param(writes.response.key, 'text')})`
    : '';
  const rows = await preparedQuery<WriteRow>(
    manager,
    `WITH head AS (${head}),
     ${replaceTasks ? replacedTasks(tasks) : insertedTasks(tasks)},
     events AS (
       INSERT INTO workflow_events (instance_id, type, actor_user_id, data, occurred_at)
       SELECT head.id, e.type, e.actor_user_id, e.data, coalesce(e.occurred_at, now())
         FROM head, jsonb_to_recordset(${events}) AS e(n integer, type text, actor_user_id uuid, data jsonb, occurred_at timestamptz)
        ORDER BY e.n
       RETURNING id, seq, occurred_at, prev_hash, hash),
     effects AS (
       INSERT INTO outbox (instance_id, effect_type, payload)
       SELECT head.id, f.effect_type, f.payload
         FROM head, jsonb_to_recordset(${effects}) AS f(n integer, effect_type text, payload jsonb)
        ORDER BY f.n
       RETURNING id),
     cancelled AS (
       UPDATE timers SET cancelled_at = now() FROM head
        WHERE timers.instance_id = head.id AND timers.key = ANY(${cancel}) AND timers.fired_at IS NULL AND timers.cancelled_at IS NULL),
     armed AS (
       INSERT INTO timers (instance_id, kind, key, due_at, command)
       SELECT head.id, m.kind, m.key, m.due_at, m.command
         FROM head, jsonb_to_recordset(${timers}) AS m(kind text, key text, due_at timestamptz, command text)
       ON CONFLICT ON CONSTRAINT uq_timers_instance_key
       DO UPDATE SET kind = EXCLUDED.kind, due_at = EXCLUDED.due_at, command = EXCLUDED.command, fired_at = NULL, cancelled_at = NULL
       RETURNING id, instance_id, due_at),
     wakes AS (
       INSERT INTO outbox (instance_id, effect_type, payload)
       SELECT armed.instance_id, 'timer.wake', jsonb_build_object('timerId', armed.id::text, 'dueAt', to_char(armed.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
         FROM armed WHERE armed.due_at <= now() + ${horizon} * interval '1 millisecond')${recorded}
     SELECT head.id, head.version, (SELECT array_agg(effects.id ORDER BY effects.id) FROM effects) AS outbox_ids,
            events.id AS event_id, events.seq, events.occurred_at, events.prev_hash, events.hash
       FROM head LEFT JOIN events ON true
      ORDER BY events.seq`,
    values,
    'id uuid, version integer, outbox_ids bigint[], event_id bigint, seq integer, occurred_at timestamptz, prev_hash text, hash text',
  );
  const first = rows[0];
  if (first === undefined) return undefined;
  const stored: StoredEvent[] = rows
    .filter((row) => row.event_id !== null)
    .map((row, index) => ({
      id: row.event_id!,
      instanceId: first.id,
      seq: row.seq!,
      type: writes.events[index]!.type,
      actorUserId: writes.events[index]!.actorUserId ?? null,
      data: writes.events[index]!.data ?? {},
      occurredAt: row.occurred_at!,
      prevHash: row.prev_hash!,
      hash: row.hash!,
    }));
  return { instanceId: first.id, version: first.version, events: stored, outboxIds: first.outbox_ids ?? [] };
}
