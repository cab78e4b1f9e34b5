// Loads data into a migrated database: `reference` (reference data and the shipped workflow definitions,
// idempotent), `demo` (plus demo accounts and demo data), `demo-if-empty` (demo only when there are no users).
// Usage: node dist/cli/seed.js <mode>   (reads DATABASE_URL)
import 'reflect-metadata';
import { createDataSource, DemoStore, seedReferenceData } from '@khuyencong/persistence';
import { DefinitionRegistry } from '@khuyencong/workflow';
import { loadSeedConfig } from '../config.js';
import { seedDemoUsers } from '../demo/demo-users.js';
import { seedFinanceDemo } from '../demo/finance.js';
import { seedSelectionDemo } from '../demo/selection-demo.js';
import { seedCurrentYearDemo } from '../demo/current-year.js';

const mode = process.argv[2] ?? 'reference';
if (!['reference', 'demo', 'demo-if-empty'].includes(mode)) {
  console.error(`unknown mode ${mode}: use reference, demo or demo-if-empty`);
  process.exit(2);
}
const config = loadSeedConfig();
const dataSource = createDataSource({ url: config.DATABASE_URL, poolSize: 2, applicationName: 'khuyencong-seed' });
await dataSource.initialize();
try {
  const summary = await seedReferenceData(dataSource);
  await new DefinitionRegistry().publishAll(dataSource.manager);
  const changed = Object.values(summary).reduce((sum, count) => sum + count, 0);
  console.log(`reference data: ${changed} rows added or changed; workflow definitions published`);
  const users = await new DemoStore().countUsers(dataSource.manager);
  if (mode === 'demo' || (mode === 'demo-if-empty' && users === 0)) {
    const created = await dataSource.transaction((manager) => seedDemoUsers(manager));
    console.log(`demo data: ${created} demo accounts created`);
    console.log(`demo data: ${await dataSource.transaction((manager) => seedFinanceDemo(manager))} finance schemes created`);
    console.log(`demo data: selection ${JSON.stringify((await seedSelectionDemo(dataSource)) ?? 'already loaded')}`);
    console.log(`demo data: current year on today's units ${JSON.stringify((await seedCurrentYearDemo(dataSource)) ?? 'already loaded')}`);
  } else if (mode === 'demo-if-empty') {
    console.log(`demo data: skipped (the database already has ${users} users)`);
  }
} finally {
  await dataSource.destroy();
}
