import { type EntityManager } from 'typeorm';

/** The health check's look at PostgreSQL. */
export class HealthStore {
  /** One round trip to the database; throws when it does not answer. */
  async ping(manager: EntityManager): Promise<void> {
    await manager.query('SELECT 1');
  }
}
