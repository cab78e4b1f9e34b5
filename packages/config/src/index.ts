export { ConfigError, loadConfig } from './load.js';
export { authEnv, csv, databaseEnv, documentsEnv, heartbeatEnv, httpEnv, logEnv, metricsEnv, redisEnv } from './pieces.js';
export { apiConfigSchema, workerConfigSchema, type ApiConfig, type WorkerConfig } from './schemas.js';
