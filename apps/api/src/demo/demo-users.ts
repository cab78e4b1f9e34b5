import { readFileSync } from 'node:fs';
import { hash } from '@node-rs/argon2';
import { type EntityManager } from 'typeorm';
import { DEMO_GRANT_START } from './selection-demo-support.js';

/** The demo establishment's registration: with the story when its province is abolished since, otherwise now. */
const DEMO_RECORD_START = `COALESCE((SELECT timestamptz '2021-12-01T00:00:00+07' FROM administrative_units WHERE code = $4 AND valid_to < CURRENT_DATE), now())`;

interface DemoUsers {
  password: string;
  establishment: { id: string; name: string; legalForm: string; provinceCode: string; communeCode: string };
  users: { email: string; displayName: string; role: string; scopeType: string; scopeId: string | null }[];
}

/** The demo accounts of `data/demo-users.json` (demo data only; the README lists them). */
export function loadDemoUsers(): DemoUsers {
  return JSON.parse(readFileSync(new URL('../../data/demo-users.json', import.meta.url), 'utf8')) as DemoUsers;
}

/** Inserts the demo establishment and one user per role and scope; existing e-mails are left alone. */
export async function seedDemoUsers(manager: EntityManager): Promise<number> {
  const demo = loadDemoUsers();
  await manager.query(
    // Registered when the demo's story starts (a province abolished since accepts no new establishment, issue 16).
    `INSERT INTO organisations (id, type, name, legal_form, province_code, commune_code, verified, created_at)
     VALUES ($1, 'establishment', $2, $3, $4, $5, true, ${DEMO_RECORD_START}) ON CONFLICT (id) DO NOTHING`,
    [demo.establishment.id, demo.establishment.name, demo.establishment.legalForm, demo.establishment.provinceCode, demo.establishment.communeCode],
  );
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
