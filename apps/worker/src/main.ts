import 'reflect-metadata';
import { createWorker, exitGracefullyOnSignals } from './bootstrap.js';
import { loadWorkerConfig } from './config.js';

exitGracefullyOnSignals(await createWorker(loadWorkerConfig()));
