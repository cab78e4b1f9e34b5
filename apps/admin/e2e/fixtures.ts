// What the generated client cannot do yet: open an entry in a provincial round and send its dossier. The API now
// requires submit/resubmit through /api/entries/:id/{submit,resubmit}, whose routes are not in the generated client
// yet; until they are, these two steps run through the workflow pipeline (the code path behind those routes) and
// every other step of the journey happens in the browser.
import { randomUUID } from 'node:crypto';
import { createDataSource } from '@khuyencong/persistence';
import { toDomainActor, WorkflowRunner, type StoredGrant } from '@khuyencong/workflow';

const DAY = 24 * 3600 * 1000;

/** User ids of the demo accounts, by e-mail. */
export async function demoUserIds(databaseUrl: string): Promise<Record<string, string>> {
  const dataSource = createDataSource({ url: databaseUrl, poolSize: 4, applicationName: 'admin-e2e' });
  await dataSource.initialize();
  try {
    const rows = await dataSource.query<{ id: string; email: string }[]>(`SELECT id, email FROM users`);
    return Object.fromEntries(rows.map((row) => [row.email, row.id]));
  } finally {
    await dataSource.destroy();
  }
}

const completeDossier = { registrationForm: true, businessRegistration: true, productDescription: true, photoCount: 3 };

async function applicantActor(dataSource: ReturnType<typeof createDataSource>) {
  const [applicant] = await dataSource.query<{ id: string }[]>(`SELECT id FROM users WHERE email = 'coso@khuyencong.vn'`);
  if (!applicant) throw new Error('demo applicant missing: was the demo seed run?');
  const grants = await dataSource.query<StoredGrant[]>(`SELECT role, scope_type AS "scopeType", scope_id AS "scopeId" FROM role_grants WHERE user_id = $1`, [applicant.id]);
  return toDomainActor(applicant.id, grants);
}

/** The applicant sends (`submit`) or answers a revision (`resubmit`) with a complete dossier. */
export async function sendDemoDossier(databaseUrl: string, instanceId: string, type: 'submit' | 'resubmit'): Promise<void> {
  const dataSource = createDataSource({ url: databaseUrl, poolSize: 4, applicationName: 'admin-e2e' });
  await dataSource.initialize();
  try {
    const [row] = await dataSource.query<{ version: number }[]>(`SELECT version FROM workflow_instances WHERE id = $1`, [instanceId]);
    await new WorkflowRunner({ dataSource }).execute(instanceId, { type, expectedVersion: row?.version ?? 0, payload: { dossier: completeDossier } }, await applicantActor(dataSource));
  } finally {
    await dataSource.destroy();
  }
}

/** Opens a draft entry of the demo establishment in an open 2026 provincial round of Gia Lai; returns its id. */
export async function openDemoEntry(databaseUrl: string): Promise<string> {
  const dataSource = createDataSource({ url: databaseUrl, poolSize: 4, applicationName: 'admin-e2e' });
  await dataSource.initialize();
  try {
    const runner = new WorkflowRunner({ dataSource });
    const now = Date.now();
    const outcome = await runner.start(
      'product-selection',
      {
        subject: { establishmentId: '5f0c2a8e-0b7a-4d43-9a55-1d2b3c4d5e01', communeCode: 'gia-lai-ia-mo-nong', provinceCode: 'gia-lai', regionCode: 'CENTRAL_HIGHLANDS' },
        attributes: { productName: 'Thổ cẩm Ia Mơ Nông', productGroup: 'handicraft' },
        round: {
          roundId: randomUUID(),
          level: 'province',
          year: 2026,
          registrationOpensAt: new Date(now - 30 * DAY).toISOString(),
          registrationClosesAt: new Date(now + 30 * DAY).toISOString(),
          passThreshold: 70,
          quorum: { type: 'count', count: 3 },
          spreadLimit: 20,
        },
      },
      await applicantActor(dataSource),
    );
    return outcome.state.instanceId;
  } finally {
    await dataSource.destroy();
  }
}

/** Signs in through the API (for setting up what the journey does not itself cover). */
export async function apiToken(apiUrl: string, email: string): Promise<string> {
  const response = await fetch(`${apiUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'KhuyenCong2026' }) });
  if (!response.ok) throw new Error(`login ${email}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/**
 * The Gia Lai officer registers a national-fund training scheme in draft through POST /api/schemes; its
 * training line matches no national support rule, so the detail page warns about it. Returns the scheme id.
 */
export async function createDemoScheme(apiUrl: string): Promise<string> {
  const token = await apiToken(apiUrl, 'so.gialai@khuyencong.vn');
  const response = await fetch(`${apiUrl}/api/schemes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      title: 'Đào tạo nghề dệt thổ cẩm và mô hình trình diễn',
      implementingUnitId: '5f0c2a8e-0b7a-4d43-9a55-1d2b3c4d5e01',
      contentGroupCode: 'CG5',
      subActivity: 'TRAINING',
      fundingSource: 'NATIONAL',
      year: new Date().getFullYear() + 2,
      provinceCode: 'gia-lai',
      location: 'Xã Ia Mơ Nông, Gia Lai',
      beneficiaries: [{ name: 'HTX Thổ cẩm Ia Mơ Nông', supportAmount: 700_000_000, coFundingAmount: 700_000_000 }],
      budgetLines: [
        { activityCode: 'TRAINING', description: 'Đào tạo 3 lớp dệt thổ cẩm', eligibleCost: 400_000_000, supportAmount: 400_000_000 },
        { activityCode: 'DEMONSTRATION_MODEL', description: 'Mô hình trình diễn khung dệt cải tiến', eligibleCost: 1_000_000_000, supportAmount: 300_000_000 },
      ],
    }),
  });
  if (response.status !== 201) throw new Error(`create scheme: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/**
 * A second Gia Lai provincial officer (the appraiser): the engine refuses that whoever submitted a scheme also
 * appraises it. Created by the administrator through the users API; returns the e-mail.
 */
export async function createAppraiser(apiUrl: string): Promise<string> {
  const token = await apiToken(apiUrl, 'admin@khuyencong.vn');
  const email = 'thamdinh.gialai@khuyencong.vn';
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const created = await fetch(`${apiUrl}/api/admin/users`, { method: 'POST', headers, body: JSON.stringify({ email, displayName: 'Chuyên viên thẩm định Gia Lai', password: 'KhuyenCong2026' }) });
  if (created.status !== 201) throw new Error(`create user: ${created.status} ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  const grant = await fetch(`${apiUrl}/api/admin/users/${id}/grants`, { method: 'POST', headers, body: JSON.stringify({ role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai' }) });
  if (grant.status !== 201) throw new Error(`grant: ${grant.status} ${await grant.text()}`);
  return email;
}
