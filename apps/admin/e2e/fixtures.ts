// What the generated client cannot do yet: open an entry in a provincial round and send its dossier. The API now
// requires submit/resubmit through /api/entries/:id/{submit,resubmit}, whose routes are not in the generated client
// yet; until they are, these two steps run through the workflow pipeline (the code path behind those routes) and
// every other step of the journey happens in the browser.
import { randomUUID } from 'node:crypto';
import { createDataSource } from '@khuyencong/persistence';
import { toDomainActor, WorkflowRunner, type StoredGrant } from '@khuyencong/workflow';

const DAY = 24 * 3600 * 1000;

/** User ids of the demo accounts, by e-mail. */
export async function demoUserIds(databaseUrl: string): Promise<Record<string, string>> {
  const dataSource = createDataSource({ url: databaseUrl, poolSize: 4, applicationName: 'admin-e2e' });
  await dataSource.initialize();
  try {
    const rows = await dataSource.query<{ id: string; email: string }[]>(`SELECT id, email FROM users`);
    return Object.fromEntries(rows.map((row) => [row.email, row.id]));
  } finally {
    await dataSource.destroy();
  }
}

const completeDossier = { registrationForm: true, businessRegistration: true, productDescription: true, photoCount: 3 };

async function applicantActor(dataSource: ReturnType<typeof createDataSource>) {
  const [applicant] = await dataSource.query<{ id: string }[]>(`SELECT id FROM users WHERE email = 'coso@khuyencong.vn'`);
  if (!applicant) throw new Error('demo applicant missing: was the demo seed run?');
  const grants = await dataSource.query<StoredGrant[]>(`SELECT role, scope_type AS "scopeType", scope_id AS "scopeId" FROM role_grants WHERE user_id = $1`, [applicant.id]);
  return toDomainActor(applicant.id, grants);
}

/** The applicant sends (`submit`) or answers a revision (`resubmit`) with a complete dossier. */
export async function sendDemoDossier(databaseUrl: string, instanceId: string, type: 'submit' | 'resubmit'): Promise<void> {
  const dataSource = createDataSource({ url: databaseUrl, poolSize: 4, applicationName: 'admin-e2e' });
  await dataSource.initialize();
  try {
    const [row] = await dataSource.query<{ version: number }[]>(`SELECT version FROM workflow_instances WHERE id = $1`, [instanceId]);
    await new WorkflowRunner({ dataSource }).execute(instanceId, { type, expectedVersion: row?.version ?? 0, payload: { dossier: completeDossier } }, await applicantActor(dataSource));
  } finally {
    await dataSource.destroy();
  }
}

/** Opens a draft entry of the demo establishment in an open 2026 provincial round of Gia Lai; returns its id. */
export async function openDemoEntry(databaseUrl: string): Promise<string> {
  const dataSource = createDataSource({ url: databaseUrl, poolSize: 4, applicationName: 'admin-e2e' });
  await dataSource.initialize();
  try {
    const runner = new WorkflowRunner({ dataSource });
    const now = Date.now();
    const outcome = await runner.start(
      'product-selection',
      {
        subject: { establishmentId: '5f0c2a8e-0b7a-4d43-9a55-1d2b3c4d5e01', communeCode: 'gia-lai-ia-mo-nong', provinceCode: 'gia-lai', regionCode: 'CENTRAL_HIGHLANDS' },
        attributes: { productName: 'Thổ cẩm Ia Mơ Nông', productGroup: 'handicraft' },
        round: {
          roundId: randomUUID(),
          level: 'province',
          year: 2026,
          registrationOpensAt: new Date(now - 30 * DAY).toISOString(),
          registrationClosesAt: new Date(now + 30 * DAY).toISOString(),
          passThreshold: 70,
          quorum: { type: 'count', count: 3 },
          spreadLimit: 20,
        },
      },
      await applicantActor(dataSource),
    );
    return outcome.state.instanceId;
  } finally {
    await dataSource.destroy();
  }
}
