// Shared set-up of the scheme tests: one province's officers, the Cục, a signer and a council, all signed in.
import { randomUUID } from 'node:crypto';
import { WorkflowRunner } from '@khuyencong/workflow';
import { createUser, type TestApi } from './harness.js';

export const password = 'Scheme-Password-2026';

export interface SchemeActors {
  /** The centre of today's Gia Lai (`gia-lai-2025`); `oldCentreId` is the old Gia Lai's, for schemes up to 2025. */
  centreId: string;
  oldCentreId: string;
  tokens: Record<'implementer' | 'appraiser' | 'central' | 'signer' | 'member1' | 'member2' | 'chair' | 'foreign', string>;
  ids: Record<'member1' | 'member2' | 'chair', string>;
}

export async function setUpSchemeActors(api: TestApi): Promise<SchemeActors> {
  await api.app.get(WorkflowRunner).definitions.publishAll(api.database.dataSource.manager);
  const [centreId, oldCentreId] = [randomUUID(), randomUUID()];
  await api.database.dataSource.query(
    `INSERT INTO organisations (id, type, name, province_code) VALUES ($1, 'provincial_centre', 'Trung tâm Khuyến công Gia Lai', 'gia-lai-2025')`,
    [centreId],
  );
  // The centre of the old Gia Lai (before the 2025 reform): registered while its province was in force.
  await api.database.dataSource.query(
    `INSERT INTO organisations (id, type, name, province_code, created_at) VALUES ($1, 'provincial_centre', 'Trung tâm Khuyến công Gia Lai (cũ)', 'gia-lai', '2025-01-02T00:00:00+07:00')`,
    [oldCentreId],
  );
  const people = {
    implementer: ['trungtam@test.vn', 'provincial_officer', 'province', 'gia-lai-2025'],
    appraiser: ['so@test.vn', 'provincial_officer', 'province', 'gia-lai-2025'],
    central: ['cuc@test.vn', 'central_officer', 'national', null],
    signer: ['ubnd@test.vn', 'signer', 'province', 'gia-lai-2025'],
    member1: ['hoidong1@test.vn', 'council_member', 'national', null],
    member2: ['hoidong2@test.vn', 'council_member', 'national', null],
    chair: ['chutich@test.vn', 'council_chair', 'national', null],
    foreign: ['so.daklak@test.vn', 'provincial_officer', 'province', 'dak-lak-2025'],
  } as const;
  const tokens = {} as SchemeActors['tokens'];
  const ids = {} as Record<string, string>;
  for (const [name, [email, role, scopeType, scopeId]] of Object.entries(people)) {
    ids[name] = await createUser(api, email, password, [{ role, scopeType, scopeId }]);
    const { data } = await api.client.POST('/api/auth/login', { body: { email, password } });
    tokens[name as keyof SchemeActors['tokens']] = data!.accessToken;
  }
  return { centreId, oldCentreId, tokens, ids: { member1: ids.member1!, member2: ids.member2!, chair: ids.chair! } };
}

export interface Scheme {
  id: string;
  version: number;
  stage: string;
  allocatedAmount: number | null;
  disbursedAmount: number;
  acceptances: { attempt: number; outcome: string; conditions: string | null }[];
  changes: { kind: string; status: string; newAllocatedAmount?: number | null; newEndsOn?: string | null }[];
  endsOn?: string | null;
  settlement: { settledAmount: number; recordedAgainst: string } | null;
  disbursements: { kind: string; amount: number }[];
  budgetLines: { ruleCode: string | null }[];
}

export interface Reply<T> {
  status: number;
  body: T;
}

export function schemeClient(api: TestApi) {
  async function call<T>(token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const response = await fetch(`${api.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  }
  return {
    call,
    create: (token: string, body: unknown) =>
      call<Scheme & { code?: string; rule?: { code: string; basis: string; activity: string } }>(token, 'POST', '/api/schemes', body),
    get: (token: string, id: string) => call<Scheme>(token, 'GET', `/api/schemes/${id}`),
    /** Runs a command at the scheme's current version; returns the reply (scheme or error body). */
    async act(token: string, scheme: { id: string; version: number }, type: string, payload: Record<string, unknown> = {}) {
      return call<{ scheme: Scheme; code?: string; rule?: { code: string; basis: string; activity?: string } }>(
        token,
        'POST',
        `/api/schemes/${scheme.id}/commands/${type}`,
        { payload },
        {
          'idempotency-key': `k-${randomUUID()}`,
          'if-match': `"${scheme.version}"`,
        },
      );
    },
  };
}
