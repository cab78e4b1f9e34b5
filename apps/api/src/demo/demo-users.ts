import { readFileSync } from 'node:fs';
import { hash } from '@node-rs/argon2';
import { type EntityManager } from 'typeorm';

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
    `INSERT INTO organisations (id, type, name, legal_form, province_code, commune_code, verified)
     VALUES ($1, 'establishment', $2, $3, $4, $5, true) ON CONFLICT (id) DO NOTHING`,
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
    await manager.query(`INSERT INTO role_grants (user_id, role, scope_type, scope_id) VALUES ($1, $2, $3, $4)`, [id, user.role, user.scopeType, user.scopeId]);
  }
  return created;
}
