// Migration step of start, tests and deployments: `node dist/cli/migrate.js [up|down|status]` (default up;
// the database comes from DATABASE_URL).
import { databaseEnv, loadConfig } from '@khuyencong/config';
import { migrationStatus, revertLastMigration, runMigrations } from '../migrate.js';

async function main(command: string | undefined): Promise<number> {
  const { DATABASE_URL: url } = loadConfig(databaseEnv, process.env);
  switch (command) {
    case 'up': {
      const applied = await runMigrations(url);
      console.log(applied.length === 0 ? 'migrate: up to date' : `migrate: applied ${applied.join(', ')}`);
      return 0;
    }
    case 'down': {
      const reverted = await revertLastMigration(url);
      console.log(reverted === null ? 'migrate: nothing to revert' : `migrate: reverted ${reverted}`);
      return 0;
    }
    case 'status': {
      for (const { name, applied } of await migrationStatus(url)) console.log(`${applied ? '[x]' : '[ ]'} ${name}`);
      return 0;
    }
    default:
      console.error('usage: migrate up|down|status   (DATABASE_URL selects the database)');
      return 2;
  }
}

main(process.argv[2] ?? 'up').then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('migrate failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
