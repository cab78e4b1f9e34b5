// Fixtures of the inbox tests: two provinces' officers, a central officer, an officer of both provinces, and
// entries in screening named by product, establishment and round (workflow by the runner, names by SQL).
import { randomUUID } from 'node:crypto';
import { WorkflowRunner } from '@khuyencong/workflow';
import { createUser, type TestApi } from './harness.js';
import { http } from './selection-support.js';

export const PASSWORD = 'Demo-Password-2026';
const DAY = 86_400_000;
const dossier = { registrationForm: true, businessRegistration: true, productDescription: true, photoCount: 3 };

export interface InboxWorld {
  users: Record<'gialai' | 'gialai2' | 'daklak' | 'both' | 'cuc', { id: string; token: string; name: string }>;
  /** Opens an entry of a new establishment in the province and submits it: it waits in screening. */
  screeningEntry(province: 'gia-lai-2025' | 'dak-lak-2025', productName: string, establishmentName: string): Promise<string>;
}

export async function inboxWorld(api: TestApi, prefix: string): Promise<InboxWorld> {
  const db = api.database.dataSource;
  const runner = api.app.get(WorkflowRunner);
  await runner.definitions.publishAll(db.manager);
  const { login } = http(api);
  const people = {
    gialai: [{ role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai-2025' }],
    gialai2: [{ role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai-2025' }],
    daklak: [{ role: 'provincial_officer', scopeType: 'province', scopeId: 'dak-lak-2025' }],
    both: [
      { role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai-2025' },
      { role: 'provincial_officer', scopeType: 'province', scopeId: 'dak-lak-2025' },
    ],
    cuc: [{ role: 'central_officer', scopeType: 'national', scopeId: null }],
  } as const;
  const users = {} as InboxWorld['users'];
  for (const [key, grants] of Object.entries(people) as [keyof typeof people, (typeof people)[keyof typeof people]][]) {
    const email = `${prefix}-${key}@test.vn`;
    const id = await createUser(
      api,
      email,
      PASSWORD,
      grants.map((grant) => ({ ...grant })),
    );
    const name = `Cán bộ ${key} ${prefix}`;
    await db.query(`UPDATE users SET display_name = $2 WHERE id = $1`, [id, name]);
    users[key] = { id, token: await login(email, PASSWORD), name };
  }
  const opens = new Date(Date.now() - DAY).toISOString();
  const closes = new Date(Date.now() + 30 * DAY).toISOString();
  const rounds: Record<string, string> = {};
  for (const [province, name] of [
    ['gia-lai-2025', `Bình chọn cấp tỉnh Gia Lai ${prefix}`],
    ['dak-lak-2025', `Bình chọn cấp tỉnh Đắk Lắk ${prefix}`],
  ] as const) {
    const [round] = await db.query<{ id: string }[]>(
      `INSERT INTO rounds (name, level, year, scope_type, scope_code, status, registration_opens_at, registration_closes_at)
       VALUES ($1, 'province', 2026, 'province', $2, 'open', $3, $4) RETURNING id`,
      [name, province, opens, closes],
    );
    rounds[province] = round!.id;
  }
  const communes = { 'gia-lai-2025': '23938', 'dak-lak-2025': '24121' } as const;

  async function screeningEntry(province: 'gia-lai-2025' | 'dak-lak-2025', productName: string, establishmentName: string): Promise<string> {
    const establishmentId = randomUUID();
    await db.query(`INSERT INTO organisations (id, type, name, province_code) VALUES ($1, 'establishment', $2, $3)`, [
      establishmentId,
      establishmentName,
      province,
    ]);
    const applicantId = await createUser(api, `coso-${establishmentId}@test.vn`, PASSWORD, [
      { role: 'applicant', scopeType: 'establishment', scopeId: establishmentId },
    ]);
    const applicant = { userId: applicantId, roles: [{ role: 'applicant' as const, scope: { type: 'establishment' as const, id: establishmentId } }] };
    const opened = await runner.start(
      'product-selection',
      {
        subject: { establishmentId, communeCode: communes[province], provinceCode: province, regionCode: 'CENTRAL_HIGHLANDS' },
        round: { roundId: rounds[province]!, level: 'province', year: 2026, registrationOpensAt: opens, registrationClosesAt: closes },
      },
      applicant,
    );
    await db.query(`INSERT INTO entries (instance_id, round_id, establishment_id, product_name, product_group) VALUES ($1, $2, $3, $4, 'HANDICRAFT')`, [
      opened.instanceId,
      rounds[province],
      establishmentId,
      productName,
    ]);
    await runner.execute(opened.instanceId, { type: 'submit', expectedVersion: opened.state.version, payload: { dossier } }, applicant);
    return opened.instanceId;
  }

  return { users, screeningEntry };
}
