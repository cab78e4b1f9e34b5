import { DataSource } from 'typeorm';
import { beat, heartbeatKey } from '@khuyencong/jobs';
import { startTestApi, type TestApi } from './harness.js';

describe('GET /api/health', () => {
  describe('with PostgreSQL and Redis reachable', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi({ WORKER_HEARTBEAT_TTL_MS: '2000' });
    });
    afterAll(() => api.close());

    it('runs its database connections without parallel query workers (request pages stop early)', async () => {
      const rows = await api.app.get(DataSource).query<{ max_parallel_workers_per_gather: string }[]>(`SHOW max_parallel_workers_per_gather`);
      expect(rows).toEqual([{ max_parallel_workers_per_gather: '0' }]);
    });

    it('answers 503 naming the worker when no worker has written a heartbeat', async () => {
      const { error, response } = await api.client.GET('/api/health');
      expect(response.status).toBe(503);
      expect(error?.down).toEqual(['worker']);
      expect(error?.checks.database.status).toBe('up');
      expect(error?.checks.redis.status).toBe('up');
    });

    it('answers 200 with database, redis and worker up once a worker beats', async () => {
      await beat(api.redis, heartbeatKey(api.config.REDIS_PREFIX), 'test-worker-1', Date.now(), 2000);
      const { data, response } = await api.client.GET('/api/health');
      expect(response.status).toBe(200);
      expect(data?.status).toBe('ok');
      expect(data?.down).toEqual([]);
      // The report is public: it counts workers and names none (their names carry host names).
      expect(data?.checks.worker.detail).toBe('1 live');
    });

    it('calls a worker down again when its heartbeat is older than the TTL', async () => {
      await api.redis.del(heartbeatKey(api.config.REDIS_PREFIX));
      await beat(api.redis, heartbeatKey(api.config.REDIS_PREFIX), 'test-worker-2', Date.now() - 5000, 2000);
      const { response, error } = await api.client.GET('/api/health');
      expect(response.status).toBe(503);
      expect(error?.down).toEqual(['worker']);
    });

    it('answers liveness without checking dependencies, and readiness without requiring a worker', async () => {
      expect((await api.client.GET('/api/health/live')).response.status).toBe(200);
      expect((await api.client.GET('/api/health/ready')).response.status).toBe(200);
    });

    it('echoes a request id and sends security headers', async () => {
      const response = await fetch(`${api.baseUrl}/api/health/live`, { headers: { 'x-request-id': 'abc-123' } });
      expect(response.headers.get('x-request-id')).toBe('abc-123');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-powered-by')).toBeNull();
    });
  });

  describe('with Redis pointed at a closed port', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi({ REDIS_URL: 'redis://127.0.0.1:1' });
    });
    afterAll(() => api.close());

    it('answers 503 naming redis (and the worker, whose heartbeat lives there) while the database is up', async () => {
      const { response, error } = await api.client.GET('/api/health');
      expect(response.status).toBe(503);
      expect(error?.down).toContain('redis');
      expect(error?.checks.redis.status).toBe('down');
      expect(error?.checks.database.status).toBe('up');
      // No address of the closed port reaches the public report.
      expect(JSON.stringify(error)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|::1\b/);
    });

    it('is not ready', async () => {
      const { response, error } = await api.client.GET('/api/health/ready');
      expect(response.status).toBe(503);
      expect(error?.down).toEqual(['redis']);
    });
  });
});
