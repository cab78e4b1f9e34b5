import { apiConfigSchema, databaseEnv, loadConfig, type ApiConfig } from '@khuyencong/config';

/** Injection token of the API's validated configuration. */
export const API_CONFIG = Symbol('API_CONFIG');

/** The one place the API reads the process environment; it fails before boot if anything is wrong. */
export function loadApiConfig(env: Record<string, string | undefined> = process.env): ApiConfig {
  return loadConfig(apiConfigSchema, env);
}

/** The seed step needs only the database. */
export function loadSeedConfig(env: Record<string, string | undefined> = process.env): { DATABASE_URL: string } {
  return loadConfig(databaseEnv, env);
}
