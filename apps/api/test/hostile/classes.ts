// Generators for the hostile-input classes of issue 17: deep nesting, concurrent creates, malformed cookies.
import { randomUUID } from 'node:crypto';
import { createUser, type TestApi } from '../harness.js';

/** `open`×depth + `close`×depth: valid JSON (for arrays) nested `depth` levels deep. */
export const deepJson = (open: string, close: string, depth: number): string => `${open.repeat(depth)}${open === '[' ? '' : '1'}${close.repeat(depth)}`;

/** Cookie headers a browser would never send: broken percent-encoding, control bytes, empty and odd pairs. */
export const malformedCookies = [
  'kc_queues_session=%E0%A4%A',
  'kc_queues_session=%',
  'kc_queues_session=%ZZ',
  'kc_queues_session=%C0%AF',
  'kc_queues_session=%uD800',
  'a=%E0%A4%A; kc_queues_session=%FF%FE',
  'kc_queues_session=',
  '=; ; ;=kc_queues_session',
  'kc_queues_session="%E0%A4%A"',
  `kc_queues_session=${'%E0'.repeat(2000)}`,
];

export interface CreateOutcome {
  route: string;
  statuses: number[];
  codes: string[];
}

const password = 'Concurrent-Create-2026';
const DAY = 86_400_000;

/**
 * Sends `parallel` identical creates at once on every route that creates a record guarded by a uniqueness rule,
 * and returns what each answered. Every route gets its own fresh unique data, so exactly one should win.
 */
export async function concurrentCreates(api: TestApi, adminToken: string, parallel: number): Promise<CreateOutcome[]> {
  const suffix = randomUUID().slice(0, 8);
  // Records dated today sit in units in force today (issue 16): today's Gia Lai and its commune Chư Sê (23941).
  await createUser(api, `so-${suffix}@test.vn`, password, [{ role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai-2025' }]);
  await createUser(api, `cuc-${suffix}@test.vn`, password, [{ role: 'central_officer', scopeType: 'national', scopeId: null }]);
  const target = await createUser(api, `target-${suffix}@test.vn`, password);
  const officer = await login(api, `so-${suffix}@test.vn`);
  const central = await login(api, `cuc-${suffix}@test.vn`);
  const window = { registrationOpensAt: new Date(Date.now() - DAY).toISOString(), registrationClosesAt: new Date(Date.now() + 30 * DAY).toISOString() };
  const taxCode = String(5_000_000_000 + Math.floor(Math.random() * 999_999_999));
  const year = 2030 + Math.floor(Math.random() * 60);

  const routes: { route: string; token: string; method: string; path: string; body: unknown }[] = [
    {
      route: 'POST /api/rounds (province)',
      token: officer,
      method: 'POST',
      path: '/api/rounds',
      body: { name: 'Bình chọn Gia Lai', level: 'province', year, scopeCode: 'gia-lai-2025', ...window },
    },
    {
      route: 'POST /api/rounds (region)',
      token: central,
      method: 'POST',
      path: '/api/rounds',
      body: { name: 'Bình chọn khu vực', level: 'region', year, scopeCode: 'CENTRAL_HIGHLANDS', ...window },
    },
    {
      route: 'POST /api/establishments',
      token: officer,
      method: 'POST',
      path: '/api/establishments',
      body: {
        name: 'Cơ sở trùng mã số thuế',
        legalForm: 'enterprise',
        registrationNumber: 'R-001',
        taxCode,
        communeCode: '23941',
        provinceCode: 'gia-lai-2025',
      },
    },
    {
      route: 'POST /api/admin/users',
      token: adminToken,
      method: 'POST',
      path: '/api/admin/users',
      body: { email: `dup-${suffix}@test.vn`, displayName: 'Người trùng', password },
    },
    {
      route: 'POST /api/admin/users/{id}/grants',
      token: adminToken,
      method: 'POST',
      path: `/api/admin/users/${target}/grants`,
      body: { role: 'judge', scopeType: 'national', scopeId: null },
    },
    {
      route: 'POST /api/admin/calendars/{code}/days',
      token: adminToken,
      method: 'POST',
      path: '/api/admin/calendars/VN/days',
      body: { date: `${year}-03-0${1 + (year % 8)}`, kind: 'holiday', name: 'Ngày nghỉ trùng' },
    },
  ];
  const outcomes: CreateOutcome[] = [];
  for (const route of routes) {
    const responses = await Promise.all(
      Array.from({ length: parallel }, () =>
        fetch(api.baseUrl + route.path, {
          method: route.method,
          headers: { authorization: `Bearer ${route.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(route.body),
        }),
      ),
    );
    const bodies = (await Promise.all(responses.map((response) => response.json()))) as { code?: string }[];
    outcomes.push({
      route: route.route,
      statuses: responses.map((response) => response.status),
      codes: bodies.filter((_, i) => responses[i]!.status >= 400).map((body) => body.code ?? ''),
    });
  }
  return outcomes;
}

async function login(api: TestApi, email: string): Promise<string> {
  const { data } = await api.client.POST('/api/auth/login', { body: { email, password } });
  if (!data) throw new Error(`login failed for ${email}`);
  return data.accessToken;
}
