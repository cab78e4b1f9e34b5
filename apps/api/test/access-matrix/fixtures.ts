// Records of the demo data the access matrix asks about: one in the home scope (Gia Lai, the demo establishment) and
// one outside it (Đắk Lắk, another establishment), per kind of record a route names. The demo establishment and its
// 2026 commune-round entry are on today's units (gia-lai-2025, xã Ia Ly 23734); the certificates, schemes, plans and
// consulting records of 2021–2022 stay on old Gia Lai and old Đắk Lắk (a record keeps its own geography).
import { randomUUID } from 'node:crypto';
import { WorkflowRunner } from '@khuyencong/workflow';
import { type TestApi } from '../harness.js';

/** Where a record lives; `establishmentKey` names which test applicant owns it. */
export interface Resource {
  provinceCode: string | null;
  communeCode: string | null;
  establishmentKey: 'applicant' | 'applicantOther' | null;
  /** Statuses that count as a successful read (a PDF not rendered yet is a 404 of its own). */
  readable?: number[];
}

interface Pair {
  in: string;
  out: string;
  inResource: Resource;
  outResource: Resource;
}

export interface Fixtures {
  pairs: Record<string, Pair>;
  /** Ids of records every signed-in caller may name (no scope of their own). */
  plain: Record<string, string>;
  requestFor(method: string, path: string, variant: 'in' | 'out'): { url: string; headers: Record<string, string>; body?: string };
}

const DEMO_ESTABLISHMENT = '5f0c2a8e-0b7a-4d43-9a55-1d2b3c4d5e01';
/** Xã Ia Ly of today's Gia Lai: the demo commune officer's commune, where the demo establishment is registered. */
export const HOME_COMMUNE = '23734';
const home = (establishment = false): Resource => ({ provinceCode: 'gia-lai', communeCode: null, establishmentKey: establishment ? 'applicant' : null });
/** The demo establishment and its records of today: in today's Gia Lai, xã Ia Ly. */
const homeToday = (): Resource => ({ provinceCode: 'gia-lai-2025', communeCode: HOME_COMMUNE, establishmentKey: 'applicant' });
const away = (establishment = false): Resource => ({
  provinceCode: 'dak-lak',
  communeCode: 'dak-lak-ea-tu',
  establishmentKey: establishment ? 'applicantOther' : null,
});

/** The scoped kind of record a path is about, by its first segment. */
function kindOf(path: string): string | undefined {
  const match =
    /^\/api\/(instances|entries|establishments|certificates|schemes|plans|documents)\/\{/.exec(path) ?? /^\/api\/(consulting)\/engagements\/\{/.exec(path);
  return match?.[1];
}

const PROVINCE_REPORTS = ['/api/reports/plan-vs-actual', '/api/reports/consulting', '/api/reports/exports'];
const REGION_REPORTS = ['/api/reports/region-summary', '/api/reports/reconciliation'];
/** A region's figures: only national (or that region's) grants read them; no caller of the matrix has a region grant. */
const REGION_ONLY: Resource = { provinceCode: null, communeCode: null, establishmentKey: null };

/**
 * Report routes whose query (or export request) names a scope: a province (Gia Lai in, Đắk Lắk out) or a region
 * (Central–Highlands in, North out). Outside the caller's scope they answer 403 (docs/report-access.md).
 */
export function reportOf(path: string, variant: 'in' | 'out'): { resource: Resource; success: number } | undefined {
  if (PROVINCE_REPORTS.includes(path))
    return { resource: variant === 'in' ? { ...home(), communeCode: null } : { ...away(), communeCode: null }, success: path.endsWith('/exports') ? 202 : 200 };
  if (REGION_REPORTS.includes(path)) return { resource: REGION_ONLY, success: 200 };
  return undefined;
}

function reportQuery(path: string, variant: 'in' | 'out'): string {
  const province = variant === 'in' ? 'gia-lai' : 'dak-lak';
  const region = variant === 'in' ? 'CENTRAL_HIGHLANDS' : 'NORTH';
  if (path === '/api/reports/plan-vs-actual' || path === '/api/reports/consulting') return `?year=2022&provinceCode=${province}`;
  if (path === '/api/reports/region-summary') return `?regionCode=${region}&year=2022`;
  if (path === '/api/reports/reconciliation') return `?regionCode=${region}&year=2021`;
  if (path === '/api/reports/recognition') return '?year=2022&level=region';
  if (path === '/api/rounds/{id}/eligible-people') return '?role=judge';
  return '';
}

export function resourceOf(path: string, variant: 'in' | 'out', fixtures: Fixtures): Resource | undefined {
  // A province's consulting plan: the province named in the path (Gia Lai in, Đắk Lắk out).
  if (path === '/api/consulting/plans/{provinceCode}/{year}') return variant === 'in' ? { ...home(), communeCode: null } : { ...away(), communeCode: null };
  // The people eligible for the 2024 round of old Gia Lai: its organiser and officers over it (today's Gia Lai) only.
  if (path === '/api/rounds/{id}/eligible-people') return { provinceCode: 'gia-lai', communeCode: null, establishmentKey: null };
  const kind = kindOf(path);
  const pair = kind ? fixtures.pairs[kind] : undefined;
  if (!pair) return undefined;
  const resource = variant === 'in' ? pair.inResource : pair.outResource;
  // A PDF the worker has not rendered yet answers 409 (no worker runs here).
  if (path.endsWith('/pdf')) return { ...resource, readable: [200, 409] };
  if (kind === 'instances' && path.endsWith('/chain')) return resource;
  return resource;
}

async function one<T>(api: TestApi, sql: string, params: unknown[] = []): Promise<T> {
  const [row] = await api.database.dataSource.query<T[]>(sql, params);
  if (!row) throw new Error(`no fixture for: ${sql}`);
  return row;
}

async function upload(api: TestApi, token: string): Promise<string> {
  const form = new FormData();
  // A minimal valid PDF header is enough for the type check.
  form.append('file', new Blob([`%PDF-1.4\n% hồ sơ ${randomUUID()}\n%%EOF\n`], { type: 'application/pdf' }), 'ho-so.pdf');
  const response = await fetch(`${api.baseUrl}/api/documents`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const body = (await response.json()) as { id?: string };
  if (!body.id) throw new Error(`upload failed: ${response.status} ${JSON.stringify(body)}`);
  return body.id;
}

export async function buildFixtures(
  api: TestApi,
  options: { otherEstablishment: string; tokens: { applicant: string; applicantOther: string; officer: string } },
): Promise<Fixtures> {
  // The demo establishment's entry in the 2026 commune round of xã Ia Ly (today's units).
  const entryIn = await one<{ id: string }>(
    api,
    `SELECT e.instance_id AS id FROM entries e JOIN rounds r ON r.id = e.round_id WHERE e.establishment_id = $1 AND r.level = 'commune' AND r.scope_code = $2 ORDER BY e.product_name LIMIT 1`,
    [DEMO_ESTABLISHMENT, HOME_COMMUNE],
  );
  // An entry of the other establishment, in old Đắk Lắk, that no demo judge or council member handles (in the 2024 provincial round).
  const round = await one<{ id: string; year: number }>(api, `SELECT id, year FROM rounds WHERE level = 'province' AND year = 2024 LIMIT 1`);
  const applicantOther = await one<{ id: string }>(api, `SELECT user_id AS id FROM role_grants WHERE scope_id = $1`, [options.otherEstablishment]);
  const runner = api.app.get(WorkflowRunner);
  const opened = await runner.start(
    'product-selection',
    {
      subject: { establishmentId: options.otherEstablishment, communeCode: 'dak-lak-ea-tu', provinceCode: 'dak-lak', regionCode: 'CENTRAL_HIGHLANDS' },
      round: { roundId: round.id, level: 'province', year: round.year },
    },
    { userId: applicantOther.id, roles: [{ role: 'applicant', scope: { type: 'establishment', id: options.otherEstablishment } }] },
  );
  await api.database.dataSource.query(
    `INSERT INTO entries (instance_id, round_id, establishment_id, product_name, product_group, created_by) VALUES ($1, $2, $3, 'Cà phê Robusta rang mộc', 'PROCESSED_FOOD', $4)`,
    [opened.instanceId, round.id, options.otherEstablishment, applicantOther.id],
  );
  const entryOut = { id: opened.instanceId, commune_code: 'dak-lak-ea-tu' };
  const certificateIn = await one<{ number: string }>(
    api,
    `SELECT c.number FROM certificates c JOIN organisations o ON o.id = c.establishment_id WHERE o.province_code = 'gia-lai' LIMIT 1`,
  );
  const certificateOut = await one<{ number: string }>(
    api,
    `SELECT c.number FROM certificates c JOIN organisations o ON o.id = c.establishment_id WHERE o.province_code = 'dak-lak' LIMIT 1`,
  );
  const schemeIn = await one<{ id: string }>(api, `SELECT id FROM schemes WHERE province_code = 'gia-lai' LIMIT 1`);
  const schemeOut = await one<{ id: string }>(api, `SELECT id FROM schemes WHERE province_code = 'dak-lak' LIMIT 1`);
  const planIn = await one<{ id: string }>(api, `SELECT id FROM annual_plans WHERE province_code = 'gia-lai' LIMIT 1`);
  const planOut = await one<{ id: string }>(api, `SELECT id FROM annual_plans WHERE province_code = 'dak-lak' LIMIT 1`);
  const engagementIn = await one<{ id: string }>(api, `SELECT id FROM consulting_engagements WHERE province_code = 'gia-lai' LIMIT 1`);
  const engagementOut = await one<{ id: string }>(api, `SELECT id FROM consulting_engagements WHERE province_code = 'dak-lak' LIMIT 1`);
  const victim = await one<{ id: string; grant_id: string }>(
    api,
    `SELECT u.id, g.id AS grant_id FROM users u JOIN role_grants g ON g.user_id = u.id WHERE u.email = 'hoidong2@khuyencong.vn'`,
  );
  const supportRule = await one<{ code: string }>(api, `SELECT code FROM support_rules LIMIT 1`);
  const documentIn = await upload(api, options.tokens.applicant);
  const documentOut = await upload(api, options.tokens.applicantOther);
  const exportResponse = await fetch(`${api.baseUrl}/api/reports/exports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${options.tokens.officer}`, 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'plan-vs-actual', params: { year: 2021 } }),
  });
  const exportId = ((await exportResponse.json()) as { id?: string }).id ?? randomUUID();

  const outEntryResource: Resource = { provinceCode: 'dak-lak', communeCode: entryOut.commune_code, establishmentKey: 'applicantOther' };
  const pairs: Record<string, Pair> = {
    instances: { in: entryIn.id, out: entryOut.id, inResource: homeToday(), outResource: outEntryResource },
    entries: { in: entryIn.id, out: entryOut.id, inResource: homeToday(), outResource: outEntryResource },
    establishments: { in: DEMO_ESTABLISHMENT, out: options.otherEstablishment, inResource: homeToday(), outResource: away(true) },
    certificates: {
      in: certificateIn.number,
      out: certificateOut.number,
      inResource: { ...home(), communeCode: null },
      outResource: { ...away(), communeCode: null },
    },
    schemes: { in: schemeIn.id, out: schemeOut.id, inResource: { ...home(), communeCode: null }, outResource: { ...away(), communeCode: null } },
    plans: { in: planIn.id, out: planOut.id, inResource: { ...home(), communeCode: null }, outResource: { ...away(), communeCode: null } },
    consulting: { in: engagementIn.id, out: engagementOut.id, inResource: { ...home(), communeCode: null }, outResource: { ...away(), communeCode: null } },
    documents: { in: documentIn, out: documentOut, inResource: homeToday(), outResource: away(true) },
  };
  const plain: Record<string, string> = {
    round: round.id,
    user: victim.id,
    grant: victim.grant_id,
    supportRule: supportRule.code,
    export: exportId,
  };

  function fill(path: string, variant: 'in' | 'out'): string {
    const kind = kindOf(path);
    const pair = kind ? pairs[kind] : undefined;
    return path
      .replace(/^\/api\/consulting\/plans\/\{provinceCode\}\/\{year\}/, `/api/consulting/plans/${variant === 'in' ? 'gia-lai' : 'dak-lak'}/2022`)
      .replace('/region-memberships/{provinceCode}', '/region-memberships/gia-lai-2025')
      .replace(
        '{id}',
        pair
          ? variant === 'in'
            ? pair.in
            : pair.out
          : path.startsWith('/api/rounds')
            ? plain.round!
            : path.startsWith('/api/admin/users')
              ? plain.user!
              : plain.export!,
      )
      .replace('{number}', pair ? (variant === 'in' ? pair.in : pair.out) : certificateIn.number)
      .replace('{grantId}', plain.grant!)
      .replace('{code}', path.includes('support-rules') ? plain.supportRule! : 'VN')
      .replace('{date}', '2026-12-24')
      .replace('{type}', 'return');
  }

  return {
    pairs,
    plain,
    requestFor(method, path, variant) {
      const url = fill(path, variant) + (method === 'GET' ? reportQuery(path, variant) : '');
      if (method === 'GET' || method === 'DELETE') return { url, headers: {} };
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (path === '/api/consulting/plans/{provinceCode}/{year}') return { url, headers, body: JSON.stringify({ amount: 1_000_000 }) };
      if (path === '/api/reports/exports') {
        return { url, headers, body: JSON.stringify({ kind: 'consulting', params: { year: 2022, provinceCode: variant === 'in' ? 'gia-lai' : 'dak-lak' } }) };
      }
      // Commands carry their headers and a valid body, so that scope — not validation — decides the answer.
      if (path.endsWith('/commands/{type}') || path.endsWith('/submit') || path.endsWith('/resubmit')) {
        headers['idempotency-key'] = `matrix-${randomUUID()}`;
        headers['if-match'] = '1';
        return { url, headers, body: JSON.stringify({ payload: { reason: 'Kiểm tra phân quyền' } }) };
      }
      return { url, headers, body: '{}' };
    },
  };
}
