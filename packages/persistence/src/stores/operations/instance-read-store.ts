import { type EntityManager } from 'typeorm';

/**
 * Reads of workflow instances for the API's views (InstanceStore loads them for commands). The state is returned
 * as stored: the API types it and decides who may see it.
 */
export class InstanceReadStore {
  /** The instance's state, or undefined when there is no such instance. */
  async findState<S>(manager: EntityManager, instanceId: string): Promise<S | undefined> {
    const [row] = await manager.query<{ state: S }[]>(`SELECT state FROM workflow_instances WHERE id = $1`, [instanceId]);
    return row?.state;
  }
}
