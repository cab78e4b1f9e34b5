import 'reflect-metadata';
import { createWorker } from './bootstrap.js';
import { loadWorkerConfig } from './config.js';

await createWorker(loadWorkerConfig());
