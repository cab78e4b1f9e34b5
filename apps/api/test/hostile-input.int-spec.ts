// Hostile input: requests generated from the OpenAPI schemas of every route (fast-check), sent to the real API.
// Properties: no request gets a 5xx, and a rejected request (4xx) leaves the database exactly as it was.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { beat, heartbeatKey } from '@khuyencong/jobs';
import { createUser, startTestApi, type TestApi } from './harness.js';
import { testEnv } from './test-env.js';
import { junkJson, junkString, operationsOf, valueFor, type OpenApiDocument, type Operation } from './hostile/openapi-arbitraries.js';
import { concurrentCreates, deepJson, malformedCookies } from './hostile/classes.js';

const document = JSON.parse(readFileSync(new URL('../../../packages/api-client/openapi.json', import.meta.url), 'utf8')) as OpenApiDocument;
const operations = operationsOf(document);
const RUNS = testEnv.hostileRuns;
const password = 'Hostile-Input-2026';
/** Refusals that write by design (failed-login counters and lockout, reuse revocation): checked for 5xx only. */
const BOOKKEEPING = new Set(['/api/auth/login', '/api/auth/refresh']);

interface Request {
  operation: Operation;
  auth: 'admin' | 'officer' | 'none' | 'garbage';
  path: Record<string, string>;
  query: [string, string][];
  headers: Record<string, string>;
  body: { kind: 'json'; value: unknown } | { kind: 'raw'; text: string; contentType: string } | { kind: 'none' };
}

/** A generated value as a query parameter's text: strings as they are, anything else (arrays, objects without a prototype) as JSON. */
function queryText(value: unknown): string {
  return typeof value === 'string' ? value : String(JSON.stringify(value));
}

describe('hostile input across every route', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  const knownIds: string[] = [];
  let fingerprintSql = '';
  let heartbeat: NodeJS.Timeout | undefined;

  async function login(email: string): Promise<string> {
    const { data } = await api.client.POST('/api/auth/login', { body: { email, password } });
    if (!data) throw new Error(`login failed for ${email}`);
    return data.accessToken;
  }

  beforeAll(async () => {
    api = await startTestApi({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000', LOGIN_LOCKOUT_THRESHOLD: '100' });
    await createUser(api, 'admin@test.vn', password, [{ role: 'admin', scopeType: 'national', scopeId: null }]);
    await createUser(api, 'so@test.vn', password, [{ role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai' }]);
    // Ids that exist, so generated requests reach past "not found"; the signed-in accounts are not among them.
    for (let i = 0; i < 3; i++) {
      knownIds.push(await createUser(api, `victim${i}@test.vn`, password, [{ role: 'applicant', scopeType: 'establishment', scopeId: randomUUID() }]));
    }
    tokens.admin = await login('admin@test.vn');
    tokens.officer = await login('so@test.vn');
    // Health answers 503 without a worker, by design: keep a worker heartbeat alive so 5xx means a bug.
    const keepAlive = () => beat(api.redis, heartbeatKey(api.config.REDIS_PREFIX), 'hostile-test', Date.now(), api.config.WORKER_HEARTBEAT_TTL_MS);
    await keepAlive();
    heartbeat = setInterval(() => void keepAlive(), 2000);
    const tables = await api.database.dataSource.query<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('audit_log', 'schema_migrations')
        ORDER BY table_name`,
    );
    fingerprintSql = `SELECT concat_ws('|', ${tables
      .map((t) => `(SELECT count(*) || ':' || coalesce(max(xmin::text::bigint), 0) FROM "${t.table_name}")`)
      .join(', ')}) AS fp`;
  });
  afterAll(async () => {
    clearInterval(heartbeat);
    await api.close();
  });

  async function fingerprint(): Promise<string> {
    const [row] = await api.database.dataSource.query<{ fp: string }[]>(fingerprintSql);
    return row!.fp;
  }

  const idValue = fc.oneof(fc.uuid(), fc.constantFrom('1', '0', 'VN', '2025-01-29', 'gia-lai'), junkString, fc.constant('__known__'));

  const requestArbitrary: fc.Arbitrary<Request> = fc.constantFrom(...operations).chain((operation) => {
    const pathParams = operation.params.filter((p) => p.in === 'path');
    const queryParams = operation.params.filter((p) => p.in === 'query');
    const headerParams = operation.params.filter((p) => p.in === 'header');
    const body: fc.Arbitrary<Request['body']> = operation.body
      ? fc.oneof(
          { weight: 6, arbitrary: valueFor(operation.body.schema, document).map((value) => ({ kind: 'json' as const, value })) },
          { weight: 1, arbitrary: junkJson.map((value) => ({ kind: 'json' as const, value })) },
          {
            weight: 1,
            arbitrary: fc.record({
              kind: fc.constant('raw' as const),
              text: fc.oneof(
                fc.constantFrom('{', '{"a":', 'not json', '\u0000\u0001', '[1,2'),
                fc.integer({ min: 1, max: 3 }).map((n) => `{"x":"${'y'.repeat(n * 700_000)}"}`),
              ),
              contentType: fc.constantFrom('application/json', 'text/plain', 'multipart/form-data; boundary=xyz', 'application/xml'),
            }),
          },
          { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
        )
      : fc.oneof(
          { weight: 5, arbitrary: fc.constant({ kind: 'none' as const }) },
          { weight: 1, arbitrary: junkJson.map((value) => ({ kind: 'json' as const, value })) },
        );
    return fc.record({
      operation: fc.constant(operation),
      auth: fc.constantFrom<Request['auth']>('admin', 'admin', 'admin', 'admin', 'officer', 'none', 'garbage'),
      path: fc
        .tuple(
          ...pathParams.map((p) =>
            (p.name === 'type' ? fc.oneof(fc.constantFrom('submit', 'accept', 'return', 'score'), junkString) : idValue).map((v) => [p.name, v] as const),
          ),
        )
        .map((pairs) => Object.fromEntries(pairs)),
      query: fc
        .tuple(
          ...queryParams.map((p) => fc.option(fc.oneof(valueFor(p.schema, document).map(queryText), junkString).map((v) => [p.name, v] as [string, string]))),
        )
        .map((pairs) => pairs.filter((pair): pair is [string, string] => pair !== null)),
      headers: fc
        .tuple(
          ...headerParams.map((p) =>
            fc.option(fc.oneof(fc.uuid(), junkString, fc.constantFrom('1', '"1"', 'W/"2"', '0', '-3')).map((v) => [p.name, v] as const)),
          ),
        )
        .map((pairs) => Object.fromEntries(pairs.filter((pair): pair is readonly [string, string] => pair !== null))),
      body,
    });
  });

  async function send(request: Request): Promise<Response> {
    let path = request.operation.path;
    for (const [name, raw] of Object.entries(request.path)) {
      const value = raw === '__known__' ? (knownIds[Math.floor(Math.random() * knownIds.length)] ?? randomUUID()) : raw;
      path = path.replace(`{${name}}`, encodeURIComponent(value.slice(0, 4000)));
    }
    const url = new URL(api.baseUrl + path);
    for (const [name, value] of request.query) url.searchParams.append(name, value.slice(0, 4000));
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      // Header values must be ISO-8859-1 without control characters for fetch to send them at all.
      headers[name] = value.replace(/[^\x20-\x7e]/g, '?').slice(0, 4000);
    }
    if (request.auth === 'admin' || request.auth === 'officer') headers.authorization = `Bearer ${tokens[request.auth]!}`;
    if (request.auth === 'garbage') headers.authorization = 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.';
    let body: string | undefined;
    if (request.body.kind === 'json') {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.body.value) ?? 'null';
    } else if (request.body.kind === 'raw') {
      headers['content-type'] = request.body.contentType;
      body = request.body.text;
    }
    const method = request.operation.method;
    return fetch(url, { method, headers, ...(body !== undefined && method !== 'GET' && method !== 'HEAD' ? { body } : {}) });
  }

  it(`answers ${RUNS} generated requests without a 5xx, and rejected ones change nothing`, async () => {
    const seen = new Map<string, Set<number>>();
    let before = await fingerprint();
    let sent = 0;
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(requestArbitrary, async (request) => {
        const response = await send(request);
        await response.arrayBuffer();
        sent++;
        const key = `${request.operation.method} ${request.operation.path}`;
        seen.set(key, (seen.get(key) ?? new Set()).add(response.status));
        if (response.status >= 500) throw new Error(`${key} answered ${response.status}`);
        const mutating = request.operation.method !== 'GET';
        if (!mutating) return;
        const after = await fingerprint();
        if (response.status >= 400 && !BOOKKEEPING.has(request.operation.path)) {
          rejected++;
          if (after !== before) throw new Error(`${key} answered ${response.status} but changed the database`);
        }
        before = after;
        // A generated logout may legitimately end a session: sign in again.
        if (request.operation.path.startsWith('/api/auth/logout') && response.status < 300) {
          tokens.admin = await login('admin@test.vn');
          tokens.officer = await login('so@test.vn');
          before = await fingerprint();
        }
      }),
      { numRuns: RUNS, seed: testEnv.hostileSeed, endOnFailure: true },
    );
    expect(sent).toBe(RUNS);
    expect(rejected).toBeGreaterThan(RUNS / 10);
    // Every route was exercised.
    expect([...seen.keys()].sort()).toEqual(operations.map((o) => `${o.method} ${o.path}`).sort());
  }, 900_000);
});

// The classes behind issue 17's defects, checked on every route they can reach rather than on the one that failed.
describe('hostile input: nesting depth, concurrent creates, malformed cookies', () => {
  let api: TestApi;
  let admin = '';

  beforeAll(async () => {
    api = await startTestApi({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000', LOGIN_LOCKOUT_THRESHOLD: '100', DATABASE_POOL_SIZE: '10' });
    await createUser(api, 'admin@test.vn', password, [{ role: 'admin', scopeType: 'national', scopeId: null }]);
    const { data } = await api.client.POST('/api/auth/login', { body: { email: 'admin@test.vn', password } });
    admin = data!.accessToken;
  });
  afterAll(() => api.close());

  it('refuses deeply nested JSON with 400 JSON_TOO_DEEP on every route that takes a body, signed in or not', async () => {
    const failures: string[] = [];
    for (const operation of operations.filter((o) => o.method !== 'GET' && o.method !== 'HEAD')) {
      const path = operation.path.replace(/\{[^}]+\}/g, randomUUID());
      for (const token of [null, admin]) {
        for (const body of [deepJson('[', ']', 5000), deepJson('{"a":', '}', 2000), `{"x":${deepJson('[', ']', 64)}}`]) {
          const response = await fetch(api.baseUrl + path, {
            method: operation.method,
            headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
            body,
          });
          const text = await response.text();
          const answer = (text.startsWith('{') ? JSON.parse(text) : {}) as { code?: string };
          if (response.status !== 400 || answer.code !== 'JSON_TOO_DEEP')
            failures.push(`${operation.method} ${operation.path} → ${response.status} ${answer.code}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // Ordinary nesting still passes the parser (and meets the route's own validation).
    const shallow = await fetch(`${api.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'x@test.vn', password: [[[['x']]]] }),
    });
    expect(shallow.status).toBe(400);
    expect(((await shallow.json()) as { code: string }).code).toBe('MALFORMED_REQUEST');
  });

  it('concurrent creates of the same unique record: exactly one 201, the rest 409 with a business code, never a 5xx', async () => {
    const outcomes = await concurrentCreates(api, admin, 8);
    for (const outcome of outcomes) {
      expect([outcome.route, outcome.statuses.filter((s) => s >= 500)]).toEqual([outcome.route, []]);
      expect([outcome.route, outcome.statuses.filter((s) => s === 201 || s === 200).length]).toEqual([outcome.route, 1]);
      expect([outcome.route, outcome.statuses.filter((s) => s === 409).length]).toEqual([outcome.route, outcome.statuses.length - 1]);
      expect([outcome.route, outcome.codes.filter((code) => code === '' || code === 'INTERNAL')]).toEqual([outcome.route, []]);
    }
  }, 120_000);

  it('treats a malformed cookie as absent on every route, never a 5xx', async () => {
    const failures: string[] = [];
    const paths = ['/api/admin/queues', '/api/admin/queues/', '/api/admin/queues/api/queues', '/api/health', '/api/auth/me', '/api/rounds'];
    for (const cookie of malformedCookies) {
      for (const path of paths) {
        const response = await fetch(api.baseUrl + path, { headers: { cookie } });
        await response.arrayBuffer();
        if (response.status >= 500 && !(path === '/api/health' && response.status === 503))
          failures.push(`${path} with ${cookie.slice(0, 40)} → ${response.status}`);
        if (path.startsWith('/api/admin/queues') && response.status !== 401)
          failures.push(`${path} with ${cookie.slice(0, 40)} → ${response.status}, expected 401`);
      }
    }
    expect(failures).toEqual([]);
  });
});
