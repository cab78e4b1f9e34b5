// Boots the real API against a throwaway PostgreSQL database and the shared Redis under its own key prefix.
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { type INestApplication } from '@nestjs/common';
import { hash } from '@node-rs/argon2';
import { Redis } from 'ioredis';
import { apiConfigSchema, loadConfig, type ApiConfig } from '@khuyencong/config';
import { createApiClient, type ApiClient } from '@khuyencong/api-client';
import { createTestDatabase, type TestDatabase } from '@khuyencong/persistence/testing';
import { createApp } from '../src/bootstrap.js';
import { listenToErrorAnswers, type ErrorAnswerSeen } from '../src/common/error-answers.js';

export interface TestApi {
  app: INestApplication;
  baseUrl: string;
  client: ApiClient;
  config: ApiConfig;
  database: TestDatabase;
  redis: Redis;
  /** A client signed in as the given user. */
  as(accessToken: string): ApiClient;
  close(): Promise<void>;
}

/** `overrides` may depend on the test database (a replica's URL names the same database). */
/** `databaseServer`: an admin URL of the server the suite's database is created on (default the test server). */
export async function startTestApi(
  overrides: Record<string, string> | ((database: TestDatabase) => Record<string, string>) = {},
  options: { databaseServer?: string } = {},
): Promise<TestApi> {
  const database = await createTestDatabase(options.databaseServer === undefined ? {} : { adminUrl: options.databaseServer });
  const config = loadConfig(apiConfigSchema, {
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '5',
    REDIS_URL: 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `kctest${randomBytes(4).toString('hex')}`,
    JWT_SECRET: randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'error',
    NODE_ENV: 'test',
    ...(typeof overrides === 'function' ? overrides(database) : overrides),
  });
  // Every error answer of the suite is checked against the codes its route documents when the API closes.
  const answers: ErrorAnswerSeen[] = [];
  listenToErrorAnswers((answer) => answers.push(answer));
  const app = await createApp(config, { quiet: true });
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer() as { address(): { port: number } };
  const address = server.address();
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  return {
    app,
    baseUrl,
    client: createApiClient({ baseUrl }),
    config,
    database,
    redis,
    as: (accessToken) => createApiClient({ baseUrl, accessToken: () => accessToken }),
    async close() {
      listenToErrorAnswers(undefined);
      const undocumented = await undocumentedAnswers(baseUrl, answers);
      await app.close();
      // BullMQ keys are `{<prefix>}:…` (one Cluster slot), the heartbeat `<prefix>:…`.
      const keys = await redis.keys(`*${config.REDIS_PREFIX}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      await database.drop();
      if (undocumented.length > 0) {
        throw new Error(`error answers whose code the route does not document (add it to the route's @Refuses):\n${undocumented.join('\n')}`);
      }
    },
  };
}

interface DocumentedResponse {
  $ref?: string;
  'x-codes'?: string[];
}

/** The answers whose code is not among the route's documented codes for that status (`METHOD path status CODE`). */
async function undocumentedAnswers(baseUrl: string, answers: readonly ErrorAnswerSeen[]): Promise<string[]> {
  if (answers.length === 0) return [];
  const document = (await (await fetch(`${baseUrl}/api/openapi.json`)).json()) as {
    paths: Record<string, Record<string, { responses?: Record<string, DocumentedResponse> }>>;
    components: { responses: Record<string, DocumentedResponse> };
  };
  const undocumented = answers.filter((answer) => {
    const operation = document.paths[answer.path]?.[answer.method];
    if (!operation) return false;
    const response = operation.responses?.[String(answer.status)];
    const resolved = response?.$ref ? document.components.responses[response.$ref.split('/').at(-1)!] : response;
    return !(resolved?.['x-codes'] ?? []).includes(answer.code);
  });
  return [...new Set(undocumented.map((answer) => `${answer.method.toUpperCase()} ${answer.path} ${answer.status} ${answer.code}`))].sort();
}

export interface TestUserGrant {
  role: string;
  scopeType: 'establishment' | 'commune' | 'province' | 'region' | 'national';
  scopeId: string | null;
}

/** Inserts a user with an argon2 hash and grants; returns its id. */
export async function createUser(api: TestApi, email: string, password: string, grants: TestUserGrant[] = []): Promise<string> {
  const id = randomUUID();
  await api.database.dataSource.query(`INSERT INTO users (id, email, password_hash, display_name) VALUES ($1, $2, $3, $4)`, [
    id,
    email,
    await hash(password),
    email.split('@')[0],
  ]);
  for (const grant of grants) {
    // A grant in a unit abolished by the 2025 reform (or a free-text commune of that time) is an officer appointed before it (a new one is refused, issue 16).
    await api.database.dataSource.query(
      `INSERT INTO role_grants (user_id, role, scope_type, scope_id, valid_from)
      VALUES ($1, $2, $3, $4, CASE WHEN $3 IN ('province', 'commune') AND NOT EXISTS (SELECT 1 FROM administrative_units WHERE code = $4 AND (valid_to IS NULL OR valid_to >= CURRENT_DATE))
        THEN timestamptz '2025-01-02T00:00:00+07' ELSE now() END)`,
      [id, grant.role, grant.scopeType, grant.scopeId],
    );
  }
  return id;
}
