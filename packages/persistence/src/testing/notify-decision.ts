import { type DataSource } from 'typeorm';
import { InstanceStore } from '../repositories/instance-store.js';

export interface NotifyDecisionOptions {
  /** A workflow definition code the test has published (the instance row names it). */
  definitionCode: string;
  /** The notify effect's recipients (`{ userId }`, `{ role, scope }` …). */
  to: unknown;
  template?: string;
  /** Extra template data; the instance id is always in it. */
  data?: Record<string, unknown>;
}

/**
 * A committed decision with one `notify` effect, written the way the command pipeline writes it (instance,
 * decision, hash-chained event and outbox row in one transaction), for tests and benchmarks of the effects side.
 * Returns the outbox id.
 */
export async function commitNotifyDecision(dataSource: DataSource, options: NotifyDecisionOptions): Promise<string> {
  const store = new InstanceStore();
  return dataSource.transaction(async (manager) => {
    const created = await store.createInstance(manager, {
      definitionCode: options.definitionCode,
      definitionVersion: 1,
      state: { stage: 'draft' },
      columns: { stage: 'draft', status: 'active', subjectKind: 'entry' },
    });
    const instanceId = created.instanceId;
    const committed = await store.commitDecision(manager, {
      instanceId,
      expectedVersion: created.version,
      newState: { stage: 'screening' },
      columns: { stage: 'screening' },
      events: [{ type: 'submitted' }],
      tasks: [],
      effects: [
        {
          effectType: 'notify',
          payload: { type: 'notify', to: options.to, template: options.template ?? 'entry_received', data: { instanceId, ...options.data }, instanceId },
        },
      ],
    });
    return committed.outboxIds[0]!;
  });
}
