import { randomUUID } from 'node:crypto';
import { type Actor } from '@khuyencong/domain';
import { createDataSource } from '@khuyencong/persistence';
import { createTestDatabase, type TestDatabase } from '@khuyencong/persistence/testing';
import { WorkflowRunner } from '../src/index.js';

describe('the working-day calendar inside a caller transaction', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await new WorkflowRunner({ dataSource: db.dataSource }).definitions.publishAll(db.dataSource.manager);
  });
  afterAll(() => db.drop());

  it('is loaded through that transaction, so a command completes even when the transaction holds the last pooled connection', async () => {
    // A pool of one: the transaction holds the only connection, as every connection is held under a burst.
    const single = createDataSource({ url: db.url, poolSize: 1, applicationName: 'khuyencong-test-single' });
    await single.initialize();
    try {
      const runner = new WorkflowRunner({ dataSource: single }); // fresh: its calendar cache is empty
      const establishmentId = randomUUID();
      await single.query(`INSERT INTO organisations (id, type, name, province_code) VALUES ($1, 'establishment', 'Cơ sở Mây tre Phú Vinh', 'gia-lai-2025')`, [
        establishmentId,
      ]);
      const userId = randomUUID();
      await single.query(`INSERT INTO users (id, email, password_hash, display_name) VALUES ($1, 'coso@example.vn', 'x', 'Cơ sở')`, [userId]);
      const applicant: Actor = { userId, roles: [{ role: 'applicant', scope: { type: 'establishment', id: establishmentId } }] };
      const started = single.transaction((tx) =>
        runner.start(
          'product-selection',
          {
            subject: { establishmentId, communeCode: '23938', provinceCode: 'gia-lai-2025', regionCode: 'CENTRAL_HIGHLANDS' },
            round: {
              roundId: randomUUID(),
              level: 'province',
              year: 2026,
              registrationOpensAt: '2026-01-01T00:00:00.000Z',
              registrationClosesAt: '2026-12-31T16:59:59.999Z',
            },
            attributes: { productGroup: 'HANDICRAFT' },
          },
          applicant,
          tx,
        ),
      );
      const deadlock = new Promise<'stuck'>((resolve) => setTimeout(() => resolve('stuck'), 5000).unref());
      const outcome = await Promise.race([started.then((result) => result.state.stage), deadlock]);
      expect(outcome).toBe('draft');
    } finally {
      await single.destroy();
    }
  });
});
