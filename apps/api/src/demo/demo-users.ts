import { readFileSync } from 'node:fs';
import { hash } from '@node-rs/argon2';
import { type EntityManager } from 'typeorm';
import { DEMO_GRANT_START } from './selection-demo-support.js';

interface DemoUsers {
  password: string;
  /**
   * Registered today in a commune of today's Gia Lai; `registeredBefore` is where it was registered in 2021 (old
   * Gia Lai, commune Ia Mơ Nông), the geography its 2024 entries keep.
   */
  establishment: {
    id: string;
    name: string;
    legalForm: string;
    provinceCode: string;
    communeCode: string;
    registeredBefore: { provinceCode: string; communeCode: string; from: string };
  };
  /** The provinces' khuyến công centres: the units a scheme can be carried out by (chosen by name on the scheme form). */
  implementingUnits: { id: string; type: 'provincial_centre' | 'provincial_department'; name: string; provinceCode: string }[];
  users: { email: string; displayName: string; role: string; scopeType: string; scopeId: string | null }[];
}

/** The demo accounts of `data/demo-users.json` (demo data only; the README lists them). */
export function loadDemoUsers(): DemoUsers {
  return JSON.parse(readFileSync(new URL('../../data/demo-users.json', import.meta.url), 'utf8')) as DemoUsers;
}

/** Inserts the demo establishment and one user per role and scope; existing e-mails are left alone. */
export async function seedDemoUsers(manager: EntityManager): Promise<number> {
  const demo = loadDemoUsers();
  const { establishment } = demo;
  const before = establishment.registeredBefore;
  // Registered in 2021 on the units of its time, then moved to today's units (a record keeps its own geography:
  // its 2024 entries stay in old Gia Lai; the units-in-force trigger dates a move by today, issue 16).
  await manager.query(
    `INSERT INTO organisations (id, type, name, legal_form, province_code, commune_code, verified, created_at)
     VALUES ($1, 'establishment', $2, $3, $4, $5, true, $6) ON CONFLICT (id) DO NOTHING`,
    [establishment.id, establishment.name, establishment.legalForm, before.provinceCode, before.communeCode, before.from],
  );
  await manager.query(
    `UPDATE organisations SET province_code = $2, commune_code = $3 WHERE id = $1 AND province_code = $4 AND commune_code = $5`,
    [establishment.id, establishment.provinceCode, establishment.communeCode, before.provinceCode, before.communeCode],
  );
  for (const unit of demo.implementingUnits) {
    await manager.query(`INSERT INTO organisations (id, type, name, province_code, verified) VALUES ($1, $2, $3, $4, true) ON CONFLICT (id) DO NOTHING`, [unit.id, unit.type, unit.name, unit.provinceCode]);
  }
  const passwordHash = await hash(demo.password);
  let created = 0;
  for (const user of demo.users) {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO users (email, password_hash, display_name) VALUES ($1, $2, $3)
       ON CONFLICT ((lower(email))) DO NOTHING RETURNING id`,
      [user.email, passwordHash, user.displayName],
    );
    const id = rows[0]?.id;
    if (!id) continue;
    created++;
    await manager.query(`INSERT INTO role_grants (user_id, role, scope_type, scope_id, valid_from) VALUES ($1, $2, $3, $4, ${DEMO_GRANT_START})`, [id, user.role, user.scopeType, user.scopeId]);
  }
  return created;
}
