// Issue 17, item 8: the recognition report counts the recognition decisions as they were issued. Certificates that
// expired or were revoked since still count for their year, and show separately.
import { DefinitionRegistry } from '@khuyencong/workflow';
import { seedDemoUsers } from '../src/demo/demo-users.js';
import { seedSelectionDemo } from '../src/demo/selection-demo.js';
import { createUser, startTestApi, type TestApi } from './harness.js';

interface RecognitionBody {
  rounds: {
    level: string;
    year: number;
    regionCode: string | null;
    products: number;
    establishments: number;
    recognised: number;
    expired: number;
    revoked: number;
  }[];
  paragraph: string;
}

describe('the recognition report after certificates expire or are revoked', () => {
  let api: TestApi;
  let token: string;

  beforeAll(async () => {
    api = await startTestApi();
    const { dataSource } = api.database;
    await new DefinitionRegistry().publishAll(dataSource.manager);
    await dataSource.transaction((manager) => seedDemoUsers(manager));
    await seedSelectionDemo(dataSource);
    await createUser(api, 'cuc.recognition@test.vn', 'Recognition-2026', [{ role: 'central_officer', scopeType: 'national', scopeId: null }]);
    const { data } = await api.client.POST('/api/auth/login', { body: { email: 'cuc.recognition@test.vn', password: 'Recognition-2026' } });
    token = data!.accessToken;
  }, 180_000);
  afterAll(() => api.close());

  const report = async (): Promise<RecognitionBody> => {
    const response = await fetch(`${api.baseUrl}/api/reports/recognition?year=2022&level=region&regionCode=CENTRAL_HIGHLANDS`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as RecognitionBody;
  };

  it('still reports the 2022 regional round’s 124 products of 120 establishments, with the expired and revoked apart', async () => {
    const before = await report();
    expect(before.rounds).toEqual([expect.objectContaining({ level: 'region', year: 2022, products: 124, establishments: 120 })]);

    // As the engine leaves them: the expiry timer moves every certificate of the round to `expired` (the trigger
    // keeps certificates.status in step), and a signer revokes three of them.
    const { dataSource } = api.database;
    const instances = await dataSource.query<{ instance_id: string }[]>(
      `SELECT c.instance_id FROM certificates c JOIN rounds r ON r.id = c.round_id WHERE r.level = 'region' AND r.year = 2022 ORDER BY c.number`,
    );
    expect(instances).toHaveLength(124);
    const revoked = instances.slice(0, 3).map((row) => row.instance_id);
    const expired = instances.slice(3).map((row) => row.instance_id);
    await dataSource.query(
      `UPDATE workflow_instances SET stage = 'revoked',
              state = jsonb_set(jsonb_set(state, '{stage}', '"revoked"'), '{lastReason}', '"Sản phẩm không còn sản xuất"')
        WHERE id = ANY($1::uuid[])`,
      [revoked],
    );
    await dataSource.query(`UPDATE workflow_instances SET stage = 'expired', state = jsonb_set(state, '{stage}', '"expired"') WHERE id = ANY($1::uuid[])`, [
      expired,
    ]);
    const statuses = await dataSource.query<{ status: string; count: number }[]>(
      `SELECT status, COUNT(*)::int AS count FROM certificates WHERE instance_id = ANY($1::uuid[]) GROUP BY status ORDER BY status`,
      [instances.map((row) => row.instance_id)],
    );
    expect(statuses).toEqual([
      { status: 'expired', count: 121 },
      { status: 'revoked', count: 3 },
    ]);

    const after = await report();
    expect(after.rounds).toEqual([
      expect.objectContaining({
        level: 'region',
        year: 2022,
        regionCode: 'CENTRAL_HIGHLANDS',
        products: 124,
        establishments: 120,
        recognised: 124,
        expired: 121,
        revoked: 3,
      }),
    ]);
    expect(after.paragraph).toBe('Năm 2022, 124 sản phẩm/bộ sản phẩm của 120 cơ sở được công nhận sản phẩm công nghiệp nông thôn tiêu biểu cấp khu vực.');
  });
});
