// Helpers of the selection tests: raw HTTP calls with a token, uploads, and commands with fresh keys.
import { randomUUID } from 'node:crypto';
import { WorkflowRunner } from '@khuyencong/workflow';
import { createUser, startTestApi, type TestApi, type TestUserGrant } from './harness.js';

export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers?: Headers;
}

export function http(api: TestApi) {
  async function call<T = Record<string, unknown>>(
    token: string | null,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const response = await fetch(`${api.baseUrl}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const type = response.headers.get('content-type') ?? '';
    return { status: response.status, body: (type.includes('json') ? await response.json() : await response.arrayBuffer()) as T, headers: response.headers };
  }

  /** A workflow command through the generic endpoint, at the version the caller read. */
  async function command(
    token: string,
    instanceId: string,
    type: string,
    payload: Record<string, unknown> = {},
  ): Promise<Reply<{ instance: { stage: string; version: number; jury: unknown }; code?: string }>> {
    const current = await call<{ version: number }>(token, 'GET', `/api/instances/${instanceId}`);
    const version = current.status === 200 ? current.body.version : 1;
    return call(
      token,
      'POST',
      `/api/instances/${instanceId}/commands/${type}`,
      { payload },
      { 'idempotency-key': `k-${randomUUID()}`, 'if-match': `"${version}"` },
    );
  }

  async function submit(
    token: string,
    instanceId: string,
    type: 'submit' | 'resubmit' = 'submit',
  ): Promise<Reply<{ instance: { stage: string }; code?: string }>> {
    const current = await call<{ version: number }>(token, 'GET', `/api/instances/${instanceId}`);
    return call(token, 'POST', `/api/entries/${instanceId}/${type}`, undefined, {
      'idempotency-key': `k-${randomUUID()}`,
      'if-match': `"${current.body.version}"`,
    });
  }

  async function upload(token: string, content: Buffer, name: string, type: string): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(content)], { type }), name);
    const response = await fetch(`${api.baseUrl}/api/documents`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
    const body = (await response.json()) as { id: string };
    if (response.status !== 201) throw new Error(`upload failed: ${response.status} ${JSON.stringify(body)}`);
    return body.id;
  }

  async function login(email: string, password: string): Promise<string> {
    const { data } = await api.client.POST('/api/auth/login', { body: { email, password } });
    if (!data) throw new Error(`login failed for ${email}`);
    return data.accessToken;
  }

  return { call, command, submit, upload, login };
}

/** A tiny PDF and distinct PNGs (content-addressed storage would merge identical photos). */
export const PDF = (label: string) => Buffer.from(`%PDF-1.7\n% ${label}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
export const PNG = (seed: number) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, seed)]);

export const points = (market: number, econ: number, culture: number, other: number) => ({
  points: { MARKET: market, ECON_TECH_SOC_ENV: econ, CULTURE_AESTHETIC: culture, OTHER: other },
  comment: 'Nhận xét của giám khảo',
});

/** One person of a test: a name (the e-mail's local part) and their grants. */
export type Person = readonly [name: string, grants: TestUserGrant[]];

/** The three judges, two council members and the chair every selection journey needs (national grants). */
export const JURY_AND_COUNCIL: readonly Person[] = [
  ['judge1', [{ role: 'judge', scopeType: 'national', scopeId: null }]],
  ['judge2', [{ role: 'judge', scopeType: 'national', scopeId: null }]],
  ['judge3', [{ role: 'judge', scopeType: 'national', scopeId: null }]],
  ['member1', [{ role: 'council_member', scopeType: 'national', scopeId: null }]],
  ['member2', [{ role: 'council_member', scopeType: 'national', scopeId: null }]],
  ['chair', [{ role: 'council_chair', scopeType: 'national', scopeId: null }]],
];

/** Creates each person (`<prefix><name>@test.vn`) and signs them in: their ids and access tokens by name. */
export async function signInPeople(
  api: TestApi,
  people: readonly Person[],
  password: string,
  prefix = '',
): Promise<{ id: Record<string, string>; t: Record<string, string> }> {
  const h = http(api);
  const id: Record<string, string> = {};
  const t: Record<string, string> = {};
  for (const [name, grants] of people) {
    const email = `${prefix}${name.toLowerCase()}@test.vn`;
    id[name] = await createUser(api, email, password, grants);
    t[name] = await h.login(email, password);
  }
  return { id, t };
}

/** A test API with the workflow definitions published and these people created and signed in. */
export async function startWithPeople(people: readonly Person[], password: string, prefix: string) {
  const api = await startTestApi();
  await api.app.get(WorkflowRunner).definitions.publishAll(api.database.dataSource.manager);
  return { api, h: http(api), ...(await signInPeople(api, people, password, prefix)) };
}
