import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { bullPrefix } from '@khuyencong/jobs';
import { MetricsService } from '../src/metrics/metrics.service.js';
import { createUser, startTestApi, type TestApi } from './harness.js';

const PASSWORD = 'mat-khau-12345';
const METRICS_TOKEN = randomBytes(24).toString('base64url');

/** The value of one sample line, e.g. sample(text, 'khuyencong_outbox_backlog'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('metrics and the queue dashboard', () => {
  let api: TestApi;
  let adminToken: string;
  let officerToken: string;

  async function login(email: string): Promise<string> {
    const { data } = await api.client.POST('/api/auth/login', { body: { email, password: PASSWORD } });
    if (!data) throw new Error(`login failed for ${email}`);
    return data.accessToken;
  }

  const scrape = (token?: string) => fetch(`${api.baseUrl}/api/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    api = await startTestApi({ METRICS_TOKEN });
    await createUser(api, 'admin@example.vn', PASSWORD, [{ role: 'admin', scopeType: 'national', scopeId: null }]);
    await createUser(api, 'officer@example.vn', PASSWORD, [{ role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai' }]);
    adminToken = await login('admin@example.vn');
    officerToken = await login('officer@example.vn');
  });
  afterAll(() => api.close());

  describe('GET /api/metrics', () => {
    it('answers 401 without a token, 401 for a wrong static token and 403 for a non-admin session', async () => {
      expect((await scrape()).status).toBe(401);
      expect((await scrape('not-the-metrics-token-000000')).status).toBe(401);
      expect((await scrape(officerToken)).status).toBe(403);
    });

    it('serves the Prometheus text format to the static METRICS_TOKEN and to an admin session', async () => {
      const byToken = await scrape(METRICS_TOKEN);
      expect(byToken.status).toBe(200);
      expect(byToken.headers.get('content-type')).toContain('text/plain; version=0.0.4');
      expect(await byToken.text()).toContain('# TYPE khuyencong_http_request_duration_seconds histogram');
      expect((await scrape(adminToken)).status).toBe(200);
    });

    it('records request latency under the route template, not the raw path', async () => {
      await api.client.GET('/api/health/live');
      await fetch(`${api.baseUrl}/api/documents/00000000-0000-4000-8000-000000000000`);
      const text = await (await scrape(METRICS_TOKEN)).text();
      expect(text).toMatch(/khuyencong_http_request_duration_seconds_count\{method="GET",route="\/api\/health\/live",status="200"\} [1-9]/);
      expect(text).toMatch(/khuyencong_http_request_duration_seconds_count\{method="GET",route="\/api\/documents\/:id",status="401"\} 1/);
      expect(text).not.toContain('00000000-0000-4000-8000-000000000000');
    });

    it('exposes the command counter and duration that MetricsService records for the command service', async () => {
      const metrics = api.app.get(MetricsService);
      metrics.recordCommand('entry.submit', 'ok', 0.004);
      metrics.startCommand('entry.accept')('conflict');
      const text = await (await scrape(METRICS_TOKEN)).text();
      expect(sample(text, 'khuyencong_commands_total{type="entry.submit",outcome="ok"}')).toBe(1);
      expect(sample(text, 'khuyencong_commands_total{type="entry.accept",outcome="conflict"}')).toBe(1);
      expect(sample(text, 'khuyencong_command_duration_seconds_bucket{le="0.005",type="entry.submit",outcome="ok"}')).toBe(1);
    });

    it('reads the outbox backlog, its oldest age and the timer lag from PostgreSQL at scrape time', async () => {
      const db = api.database.dataSource;
      let text = await (await scrape(METRICS_TOKEN)).text();
      expect(sample(text, 'khuyencong_outbox_backlog')).toBe(0);
      expect(sample(text, 'khuyencong_timer_lag_seconds')).toBe(0);

      await db.query(`INSERT INTO outbox (effect_type, payload, created_at) VALUES ('notify', '{}', now() - interval '90 seconds'), ('notify', '{}', now())`);
      await db.query(`INSERT INTO outbox (effect_type, payload, relayed_at) VALUES ('notify', '{}', now())`);
      await db.query(`INSERT INTO workflow_definitions (code, version, body) VALUES ('metrics-test', 1, '{}')`);
      const [instance] = await db.query<{ id: string }[]>(
        `INSERT INTO workflow_instances (definition_code, definition_version, stage, status, state, subject_kind) VALUES ('metrics-test', 1, 'draft', 'active', '{}', 'entry') RETURNING id`,
      );
      await db.query(
        `INSERT INTO timers (instance_id, kind, key, due_at) VALUES ($1, 'sla', 'due', now() - interval '30 seconds'), ($1, 'sla', 'later', now() + interval '1 hour')`,
        [instance!.id],
      );

      text = await (await scrape(METRICS_TOKEN)).text();
      expect(sample(text, 'khuyencong_outbox_backlog')).toBe(2);
      expect(sample(text, 'khuyencong_outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(89);
      expect(sample(text, 'khuyencong_timer_lag_seconds')).toBeGreaterThanOrEqual(29);
      expect(sample(text, 'khuyencong_timer_lag_seconds')).toBeLessThan(120);
      expect(sample(text, 'khuyencong_metrics_source_up{source="database"}')).toBe(1);
    });

    it('reports BullMQ queue depths per queue and state under the installation prefix', async () => {
      const queue = new Queue('notifications', { connection: api.redis, prefix: bullPrefix(api.config.REDIS_PREFIX) });
      try {
        await queue.add('notification.send', { outboxId: '1', idempotencyKey: 'a' });
        await queue.add('notification.send', { outboxId: '2', idempotencyKey: 'b' }, { delay: 60_000 });
        const text = await (await scrape(METRICS_TOKEN)).text();
        expect(sample(text, 'khuyencong_queue_jobs{queue="notifications",state="waiting"}')).toBe(1);
        expect(sample(text, 'khuyencong_queue_jobs{queue="notifications",state="delayed"}')).toBe(1);
        expect(sample(text, 'khuyencong_queue_jobs{queue="reports",state="failed"}')).toBe(0);
        expect(sample(text, 'khuyencong_metrics_source_up{source="redis"}')).toBe(1);
      } finally {
        await queue.obliterate({ force: true });
        await queue.close();
      }
    });
  });

  describe('bull-board at /api/admin/queues', () => {
    const dashboard = (headers: Record<string, string> = {}, path = '') => fetch(`${api.baseUrl}/api/admin/queues${path}`, { headers });

    it('answers 401 without a session and 403 to a non-admin', async () => {
      expect((await dashboard()).status).toBe(401);
      expect((await dashboard({}, '/api/queues')).status).toBe(401);
      expect((await dashboard({ authorization: `Bearer ${officerToken}` })).status).toBe(403);
      expect((await dashboard({ cookie: `kc_queues_session=${officerToken}` }, '/api/queues')).status).toBe(403);
    });

    it('serves the page and the queue list to an admin bearer token', async () => {
      const page = await dashboard({ authorization: `Bearer ${adminToken}` });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toContain('<base href="/api/admin/queues/"');
      const list = await dashboard({ authorization: `Bearer ${adminToken}` }, '/api/queues');
      expect(list.status).toBe(200);
      const body = (await list.json()) as { queues: { name: string }[] };
      expect(body.queues.map((queue) => queue.name).sort()).toEqual(['documents', 'notifications', 'reports', 'timers']);
    });

    it('lets an admin open a browser session: an HttpOnly cookie scoped to the dashboard that then admits the page', async () => {
      const denied = await fetch(`${api.baseUrl}/api/admin/queues-session`, { method: 'POST', headers: { authorization: `Bearer ${officerToken}` } });
      expect(denied.status).toBe(403);
      const opened = await fetch(`${api.baseUrl}/api/admin/queues-session`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}` } });
      expect(opened.status).toBe(204);
      const cookie = opened.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^kc_queues_session=[^;]+; Path=\/api\/admin\/queues; Max-Age=\d+; HttpOnly; SameSite=Strict/);
      const page = await dashboard({ cookie: cookie.split(';')[0]! });
      expect(page.status).toBe(200);
    });
  });
});
