import { randomUUID } from 'node:crypto';
import { type DataSource, type EntityManager } from 'typeorm';
import { InstanceStore, type CommitResult } from '../src/index.js';

export const DEFINITION = { code: 'entry-selection', version: 1 };

/** A published definition every instance of the tests runs on. */
export async function publishDefinition(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    `INSERT INTO workflow_definitions (code, version, status, body, published_at)
     VALUES ($1, $2, 'published', '{"stages": ["draft", "screening"]}', now()) ON CONFLICT DO NOTHING`,
    [DEFINITION.code, DEFINITION.version],
  );
}

/** A user to act and own tasks. */
export async function createUser(dataSource: DataSource, email = `${randomUUID()}@example.vn`): Promise<string> {
  const rows = await dataSource.query<{ id: string }[]>(
    `INSERT INTO users (email, password_hash, display_name) VALUES ($1, 'x', 'Người dùng thử') RETURNING id`,
    [email],
  );
  return rows[0]!.id;
}

/** A draft entry with one `created` event and one applicant task. */
export function createEntry(manager: EntityManager, actorUserId: string): Promise<CommitResult> {
  return new InstanceStore().createInstance(manager, {
    definitionCode: DEFINITION.code,
    definitionVersion: DEFINITION.version,
    state: { stage: 'draft' },
    columns: { stage: 'draft', status: 'active', subjectKind: 'entry', provinceCode: 'gia-lai-2025', year: 2025 },
    createdBy: actorUserId,
    events: [{ type: 'created', actorUserId, data: { note: 'tạo hồ sơ' } }],
    tasks: [{ stage: 'draft', actions: ['submit', 'withdraw'], role: 'applicant', scopeType: 'establishment', scopeId: 'est-1' }],
  });
}

/** Row counts of the tables one decision writes to. */
export async function countWrites(dataSource: DataSource, instanceId: string) {
  const [row] = await dataSource.query<{ events: number; tasks: number; outbox: number; timers: number; version: number }[]>(
    `SELECT (SELECT count(*)::int FROM workflow_events WHERE instance_id = $1) AS events,
            (SELECT count(*)::int FROM open_tasks WHERE instance_id = $1) AS tasks,
            (SELECT count(*)::int FROM outbox WHERE instance_id = $1) AS outbox,
            (SELECT count(*)::int FROM timers WHERE instance_id = $1) AS timers,
            (SELECT version FROM workflow_instances WHERE id = $1) AS version`,
    [instanceId],
  );
  return row!;
}
