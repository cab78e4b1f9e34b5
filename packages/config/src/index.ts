export { ConfigError, loadConfig } from './load.js';
export { authEnv, csv, databaseEnv, heartbeatEnv, httpEnv, logEnv, redisEnv } from './pieces.js';
export { apiConfigSchema, workerConfigSchema, type ApiConfig, type WorkerConfig } from './schemas.js';
