import 'reflect-metadata';
import { createWorker, exitGracefullyOnSignals } from './bootstrap.js';
import { loadWorkerConfig } from './config.js';

const booting = createWorker(loadWorkerConfig());
exitGracefullyOnSignals(booting);
await booting;
