import { readFileSync } from 'node:fs';
import { hash } from '@node-rs/argon2';
import { type EntityManager } from 'typeorm';
import { DemoStore } from '@khuyencong/persistence';

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
  const store = new DemoStore();
  await store.insertEstablishmentIfNew(manager, {
    id: establishment.id,
    name: establishment.name,
    legalForm: establishment.legalForm,
    provinceCode: before.provinceCode,
    communeCode: before.communeCode,
    createdAt: before.from,
  });
  await store.moveOrganisationFrom(manager, establishment.id, establishment, before);
  for (const unit of demo.implementingUnits) await store.insertImplementingUnitIfNew(manager, unit);
  const passwordHash = await hash(demo.password);
  let created = 0;
  for (const user of demo.users) {
    const id = await store.insertUserIfNew(manager, user.email, passwordHash, user.displayName);
    if (!id) continue;
    created++;
    await store.grantRole(manager, id, user.role, user.scopeType, user.scopeId);
  }
  return created;
}
