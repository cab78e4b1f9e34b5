import { type EntityManager } from 'typeorm';

/** Whether a province or a contest region of a code exists: the checks of every form that names one. */
export class AreaStore {
  async provinceExists(manager: EntityManager, code: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(`SELECT 1 FROM administrative_units WHERE code = $1 AND level = 'province'`, [code]);
    return rows.length > 0;
  }

  async regionExists(manager: EntityManager, code: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(`SELECT 1 FROM regions WHERE code = $1`, [code]);
    return rows.length > 0;
  }
}
