export { ConfigError, loadConfig } from './load.js';
export { authEnv, csv, databaseEnv, documentsEnv, flag, heartbeatEnv, httpEnv, logEnv, mailEnv, metricsEnv, publicEnv, redisEnv, relayEnv } from './pieces.js';
export { apiConfigSchema, workerConfigSchema, type ApiConfig, type WorkerConfig } from './schemas.js';
