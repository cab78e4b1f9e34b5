// Set-up the journeys do not walk themselves: demo user ids, a fresh draft entry of the demo applicant, and small
// files that pass the API's content checks for the browser to upload.
import { createDataSource } from '@khuyencong/persistence';
import { DEMO_PASSWORD } from './session.js';

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

/**
 * Opens a draft entry of the demo establishment in the seeded open 2026 provincial round of today's Gia Lai, through the
 * API as the applicant (the same route the entries screen uses); returns the entry's instance id.
 */
export async function openDemoEntry(databaseUrl: string, adminUrl: string): Promise<string> {
  const dataSource = createDataSource({ url: databaseUrl, poolSize: 2, applicationName: 'admin-e2e' });
  await dataSource.initialize();
  let roundId: string;
  try {
    const [round] = await dataSource.query<{ id: string }[]>(
      `SELECT id FROM rounds WHERE level = 'province' AND scope_code = 'gia-lai-2025' AND status = 'open' ORDER BY year DESC LIMIT 1`,
    );
    if (!round) throw new Error("the demo has no open provincial round in today's Gia Lai");
    roundId = round.id;
  } finally {
    await dataSource.destroy();
  }
  const login = await fetch(`${adminUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'coso@khuyencong.vn', password: DEMO_PASSWORD }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const created = await fetch(`${adminUrl}/api/rounds/${roundId}/entries`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ establishmentId: '5f0c2a8e-0b7a-4d43-9a55-1d2b3c4d5e01', productName: 'Thổ cẩm Ia Mơ Nông', productGroup: 'HANDICRAFT' }),
  });
  const entry = (await created.json()) as { instanceId?: string };
  if (!entry.instanceId) throw new Error(`entry not created: ${created.status} ${JSON.stringify(entry)}`);
  return entry.instanceId;
}

/** Small files that pass the API's content checks: a PDF header and a PNG signature. */
export const demoFiles = {
  pdf: (label: string) => ({
    name: `${label}.pdf`,
    mimeType: 'application/pdf',
    buffer: Buffer.from(`%PDF-1.7\n% ${label}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`),
  }),
  png: (seed: number) => ({
    name: `anh-${seed}.png`,
    mimeType: 'image/png',
    buffer: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, seed)]),
  }),
};

/** Signs in through the API (for setting up what the journey does not itself cover). */
export async function apiToken(apiUrl: string, email: string): Promise<string> {
  const response = await fetch(`${apiUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'KhuyenCong2026' }),
  });
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
      provinceCode: 'gia-lai-2025',
      location: 'Xã Ia Ly, Gia Lai',
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
  const created = await fetch(`${apiUrl}/api/admin/users`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ email, displayName: 'Chuyên viên thẩm định Gia Lai', password: 'KhuyenCong2026' }),
  });
  if (created.status !== 201) throw new Error(`create user: ${created.status} ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  const grant = await fetch(`${apiUrl}/api/admin/users/${id}/grants`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai-2025' }),
  });
  if (grant.status !== 201) throw new Error(`grant: ${grant.status} ${await grant.text()}`);
  return email;
}
