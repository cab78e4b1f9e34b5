import 'reflect-metadata';
import { setNamedStatements } from '@khuyencong/persistence';
import { createWorker, exitGracefullyOnSignals } from './bootstrap.js';
import { loadWorkerConfig } from './config.js';

const config = loadWorkerConfig();
// Behind PgBouncer in transaction mode a statement prepared under a name on one server connection is unknown on the next.
setNamedStatements(!config.DATABASE_TRANSACTION_POOLER);
const booting = createWorker(config);
exitGracefullyOnSignals(booting);
await booting;
