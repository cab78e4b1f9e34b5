import 'reflect-metadata';
import { setNamedStatements } from '@khuyencong/persistence';
import { createApp } from './bootstrap.js';
import { loadApiConfig } from './config.js';

const config = loadApiConfig();
// Behind PgBouncer in transaction mode a statement prepared under a name on one server connection is unknown on the next.
setNamedStatements(!config.DATABASE_TRANSACTION_POOLER);
const app = await createApp(config);
await app.listen(config.API_PORT, config.API_HOST);
console.log(`khuyencong API listening on http://${config.API_HOST}:${config.API_PORT}/api`);

// SIGTERM / SIGINT: stop accepting requests, let the open ones finish, close the pools, then exit 0 (a normal
// exit, so `node --cpu-prof` writes its profile). A second signal exits at once.
let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) process.exit(1);
  stopping = true;
  console.log(`khuyencong API shutting down on ${signal}`);
  app.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`shutdown failed: ${String(error)}`);
      process.exit(1);
    },
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
