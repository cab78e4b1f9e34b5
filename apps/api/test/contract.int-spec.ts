// The API's contract as a client sees it: the document served by the running API is the committed one, the
// reference page works offline, every route lists its errors with the one ErrorResponse schema, the headers
// commands read are described with their formats, and real error answers match the schema.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type ApiClient } from '@khuyencong/api-client';
import { domainErrorCodes } from '@khuyencong/domain';
import { ERROR_CODES, ErrorResponse } from '../src/common/error-response.js';
import { createUser, startTestApi, type TestApi } from './harness.js';

interface Response {
  $ref?: string;
  description?: string;
  content?: Record<string, { schema?: { $ref?: string } }>;
  headers?: Record<string, unknown>;
}
interface Operation {
  'x-access'?: { kind: string };
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
  parameters?: { name: string; in: string; description?: string; schema?: { pattern?: string } }[];
  responses: Record<string, Response>;
}
interface Document {
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, { 'x-codes'?: string[]; properties?: Record<string, { $ref?: string; items?: { $ref?: string } }> }>;
    responses?: Record<string, Response>;
  };
}

const committed = JSON.parse(readFileSync(new URL('../../../packages/api-client/openapi.json', import.meta.url), 'utf8')) as Document;
const operations = Object.entries(committed.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
);
const ERROR_REF = '#/components/schemas/ErrorResponse';
const PASSWORD = 'mat-khau-12345';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

function resolve(response: Response): Response {
  if (!response.$ref) return response;
  const name = response.$ref.replace('#/components/responses/', '');
  const found = committed.components.responses?.[name];
  if (!found) throw new Error(`unresolved ${response.$ref}`);
  return found;
}

/** Every code thrown in apps/api/src with a status (`statusCode: n, code: 'X'`) or through a refusal helper. */
function thrownCodes(): Set<string> {
  const codes = new Set<string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (file.endsWith('.ts')) {
        const text = readFileSync(file, 'utf8');
        for (const match of text.matchAll(/(?:conflict|unprocessable|ruleViolation)\(\s*'([A-Z][A-Z0-9_]+)'/g)) codes.add(match[1]!);
        for (const match of text.matchAll(/statusCode: (?:\d+|status),\s*code: '([A-Z][A-Z0-9_]+)'/g)) codes.add(match[1]!);
      }
    }
  };
  walk(new URL('../src', import.meta.url).pathname);
  return codes;
}

describe('the API contract', () => {
  describe('the committed document', () => {
    it('has a relative server, so the committed copy is the same for every installation', () => {
      expect(committed.servers?.map((server) => server.url)).toEqual(['/']);
    });

    it('references ErrorResponse from every error response of every operation (health probes answer their report)', () => {
      const missing: string[] = [];
      for (const { path, method, operation } of operations) {
        const statuses = Object.keys(operation.responses).filter((status) => Number(status) >= 400);
        if (path.startsWith('/api/health')) continue;
        for (const required of ['400', '500', '503', ...(operation['x-access']?.kind === 'public' ? [] : ['401']), ...(path.includes('{') ? ['404'] : [])]) {
          if (!statuses.includes(required)) missing.push(`${method.toUpperCase()} ${path}: no ${required}`);
        }
        for (const status of statuses) {
          const response = resolve(operation.responses[status]!);
          if (response.content?.['application/json']?.schema?.$ref !== ERROR_REF) missing.push(`${method.toUpperCase()} ${path} ${status}`);
          if ((status === '429' || status === '503') && !response.headers?.['Retry-After'])
            missing.push(`${method.toUpperCase()} ${path} ${status}: no Retry-After`);
        }
      }
      expect(operations.length).toBeGreaterThan(50);
      expect(missing).toEqual([]);
    });

    it('names every JSON request and answer body (a schema in components, mostly the zod export that validates it), and nests names', () => {
      const inline: string[] = [];
      const refs = new Set<string>();
      for (const { path, method, operation } of operations) {
        const bodies = [
          ...Object.entries(operation.requestBody?.content ?? {}).map(([type, content]) => ['request', type, content.schema] as const),
          ...Object.entries(operation.responses).flatMap(([status, response]) =>
            Object.entries(resolve(response).content ?? {}).map(([type, content]) => [status, type, content.schema] as const),
          ),
        ];
        for (const [where, type, schema] of bodies) {
          if (!type.includes('json')) continue; // files, CSV and metrics are bytes or text
          if (schema?.$ref?.startsWith('#/components/schemas/')) refs.add(schema.$ref.replace('#/components/schemas/', ''));
          else inline.push(`${method.toUpperCase()} ${path} ${where}`);
        }
      }
      expect(inline).toEqual([]);
      for (const name of refs) expect(committed.components.schemas[name]).toBeDefined();
      expect(Object.keys(committed.components.schemas).length).toBeGreaterThanOrEqual(100);
      // The answer of a command names the instance view, which names the actions offered.
      expect(committed.components.schemas.CommandResponse?.properties?.instance?.$ref).toBe('#/components/schemas/InstanceView');
      expect(committed.components.schemas.InstanceView?.properties?.availableActions?.items?.$ref).toBe('#/components/schemas/AvailableActionView');
      expect(committed.paths['/api/schemes/{id}']?.get?.responses['200']?.content?.['application/json']?.schema?.$ref).toBe('#/components/schemas/SchemeView');
    });

    it('lists on every command route each refusal the engine can give, under the status the filter gives it', () => {
      const commands = operations.filter(({ operation }) => operation.parameters?.some((p) => p.name === 'Idempotency-Key'));
      for (const { path, method, operation } of commands) {
        const codes = (status: string) =>
          operation.responses[status] ? ((resolve(operation.responses[status]) as Response & { 'x-codes'?: string[] })['x-codes'] ?? []) : [];
        const listed = ['403', '409', '422'].flatMap(codes);
        const missing = domainErrorCodes.filter((code) => !listed.includes(code));
        expect({ route: `${method.toUpperCase()} ${path}`, missing }).toEqual({ route: `${method.toUpperCase()} ${path}`, missing: [] });
      }
      const generic = committed.paths['/api/instances/{id}/commands/{type}']!.post!;
      expect((resolve(generic.responses['422']!) as { 'x-codes'?: string[] })['x-codes']).toEqual(
        expect.arrayContaining(['REASON_REQUIRED', 'SCORE_OUT_OF_BOUNDS', 'WRONG_STAGE']),
      );
      expect((resolve(generic.responses['403']!) as { 'x-codes'?: string[] })['x-codes']).toEqual(expect.arrayContaining(['FOUR_EYES', 'NOT_ASSIGNED']));
      expect((resolve(generic.responses['409']!) as { 'x-codes'?: string[] })['x-codes']).toEqual(expect.arrayContaining(['ALREADY_VOTED', 'STALE_VERSION']));
    });

    it('lists every code the filter, the constraints, the engine and the services answer with in x-codes', () => {
      const listed = committed.components.schemas.ErrorResponse?.['x-codes'] ?? [];
      expect(listed).toEqual([...ERROR_CODES]);
      expect([...thrownCodes()].filter((code) => !listed.includes(code))).toEqual([]);
      for (const code of [
        'CONCURRENT_UPDATE',
        'SERVICE_UNAVAILABLE',
        'EMAIL_EXISTS',
        'ROUND_EXISTS',
        'DECISION_EXISTS',
        'FOUR_EYES',
        'STALE_VERSION',
        'IDEMPOTENCY_KEY_REUSED',
      ]) {
        expect(listed).toContain(code);
      }
    });

    it('lists on each route the service codes it answers with, and only codes the API knows', () => {
      // Every error answer of every integration test is checked against its route's list when the suite's API closes
      // (harness.ts): a code a route gives and does not list fails that suite.
      const known = new Set(ERROR_CODES);
      const unknown = operations.flatMap(({ path, method, operation }) =>
        Object.entries(operation.responses).flatMap(([status, response]) =>
          ((resolve(response) as { 'x-codes'?: string[] })['x-codes'] ?? [])
            .filter((code) => !known.has(code))
            .map((code) => `${method.toUpperCase()} ${path} ${status} ${code}`),
        ),
      );
      expect(unknown).toEqual([]);
      const listed = (path: string, method: 'post' | 'put', status: string) =>
        (resolve(committed.paths[path]![method]!.responses[status]!) as { 'x-codes'?: string[] })['x-codes'];
      expect(listed('/api/rounds', 'post', '409')).toEqual(expect.arrayContaining(['CONFLICT', 'CONCURRENT_UPDATE', 'ROUND_EXISTS']));
      expect(listed('/api/instances/{id}/commands/{type}', 'post', '422')).toEqual(expect.arrayContaining(['USE_DEDICATED_ENDPOINT', 'WRONG_STAGE']));
      expect(listed('/api/schemes/{id}/commands/{type}', 'post', '422')).toEqual(
        expect.arrayContaining(['ADVANCE_RULE_VIOLATED', 'SETTLEMENT_ABOVE_ALLOCATION', 'REASON_REQUIRED']),
      );
    });

    it('describes Idempotency-Key and If-Match with their formats on every route that reads them, and ETag where it is sent', () => {
      const commands = operations.filter(({ operation }) => operation.parameters?.some((p) => p.name === 'Idempotency-Key'));
      expect(commands.length).toBeGreaterThanOrEqual(4);
      for (const { operation } of commands) {
        const key = operation.parameters!.find((p) => p.name === 'Idempotency-Key')!;
        expect(key.schema?.pattern).toBe('^[A-Za-z0-9._:-]{8,200}$');
        expect(key.description).toContain('IDEMPOTENCY_KEY_REUSED');
        expect(resolve(operation.responses['409']!).description).toContain('IDEMPOTENCY_KEY_REUSED');
        const ifMatch = operation.parameters!.find((p) => p.name === 'If-Match');
        if (ifMatch) expect(new RegExp(ifMatch.schema!.pattern!).test('W/"3"')).toBe(true);
      }
      expect(committed.paths['/api/instances/{id}']?.get?.responses['200']?.headers?.ETag).toBeDefined();
      expect(committed.paths['/api/instances/{id}/commands/{type}']?.post?.responses['200']?.headers?.ETag).toBeDefined();
    });
  });

  describe('the running API', () => {
    let api: TestApi;
    let admin: ApiClient;

    beforeAll(async () => {
      api = await startTestApi();
      await createUser(api, 'admin@example.vn', PASSWORD, [{ role: 'admin', scopeType: 'national', scopeId: null }]);
      const { data } = await api.client.POST('/api/auth/login', { body: { email: 'admin@example.vn', password: PASSWORD } });
      admin = api.as(data!.accessToken);
    });
    afterAll(() => api.close());

    it('serves the committed document at /api/openapi.json to anyone', async () => {
      const response = await fetch(`${api.baseUrl}/api/openapi.json`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      expect(await response.json()).toEqual(committed);
    });

    it('serves the interactive reference at /api/docs from local files, with a CSP that lets it run', async () => {
      const page = await fetch(`${api.baseUrl}/api/docs`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      const html = await page.text();
      expect(html).toContain('swagger-ui-bundle.js');
      expect(html).not.toMatch(/(src|href)=["']https?:/);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      for (const asset of ['swagger-ui-bundle.js', 'swagger-ui.css', 'swagger-ui-init.js']) {
        expect((await fetch(`${api.baseUrl}/api/docs/${asset}`)).status).toBe(200);
      }
      // Everything else keeps the strict policy.
      expect((await fetch(`${api.baseUrl}/api/openapi.json`)).headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    });

    /** Checks an error answer, from fetch (a Response) or from the generated client (its `{ response, error }`). */
    async function errorOf(
      answer: globalThis.Response | { response: globalThis.Response; error?: unknown },
      status: number,
      code: string,
    ): Promise<ErrorResponse> {
      const response = answer instanceof globalThis.Response ? answer : answer.response;
      const body: unknown = answer instanceof globalThis.Response ? await answer.json() : answer.error;
      expect(response.status).toBe(status);
      const parsed = ErrorResponse.safeParse(body);
      if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
      expect(parsed.data.code).toBe(code);
      expect(parsed.data.message).toContain(' / ');
      expect(parsed.data.requestId).toBe(response.headers.get('x-request-id'));
      return parsed.data;
    }

    it('answers errors that match ErrorResponse: 401, 400 with problems, 404 (own and unknown route), 409, 422', async () => {
      await errorOf(await fetch(`${api.baseUrl}/api/auth/me`), 401, 'UNAUTHENTICATED');
      const invalid = await errorOf(
        await fetch(`${api.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":"not-an-email"}' }),
        400,
        'MALFORMED_REQUEST',
      );
      expect(invalid.problems?.length).toBeGreaterThan(0);
      await errorOf(
        await fetch(`${api.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":' }),
        400,
        'MALFORMED_REQUEST',
      );
      await errorOf(await fetch(`${api.baseUrl}/api/no-such-route`), 404, 'NOT_FOUND');
      await errorOf(await admin.GET('/api/instances/{id}', { params: { path: { id: UNKNOWN_ID } } }), 404, 'NOT_FOUND');
      const body = { email: 'dup@example.vn', displayName: 'Dup', password: 'mat-khau-moi-1' };
      expect((await admin.POST('/api/admin/users', { body })).response.status).toBe(201);
      await errorOf(await admin.POST('/api/admin/users', { body }), 409, 'EMAIL_EXISTS');
      const me = await admin.GET('/api/auth/me', {});
      await errorOf(await admin.PATCH('/api/admin/users/{id}', { params: { path: { id: me.data!.id } }, body: { active: false } }), 422, 'SELF_LOCKOUT');
    });
  });
});
