// Settings for a local run: the process environment wins; otherwise the defaults of a single-machine setup.
// Secrets for a local run are generated once into var/local-secrets.json (ignored by git), never committed.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './lib.mjs';

export function localEnv(env = process.env) {
  const dir = join(root, 'var');
  const file = join(dir, 'local-secrets.json');
  mkdirSync(dir, { recursive: true });
  if (!existsSync(file)) {
    writeFileSync(file, JSON.stringify({ JWT_SECRET: randomBytes(32).toString('base64url') }, null, 2), { mode: 0o600 });
  }
  const secrets = JSON.parse(readFileSync(file, 'utf8'));
  const adminPort = env.ADMIN_PORT ?? '5173';
  return {
    DATABASE_URL: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/khuyencong',
    REDIS_URL: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: env.REDIS_PREFIX ?? 'kc',
    API_HOST: env.API_HOST ?? '127.0.0.1',
    API_PORT: env.API_PORT ?? '3000',
    ADMIN_PORT: adminPort,
    ADMIN_ORIGIN: env.ADMIN_ORIGIN ?? `http://127.0.0.1:${adminPort}`,
    API_URL: env.API_URL ?? `http://${env.API_HOST ?? '127.0.0.1'}:${env.API_PORT ?? '3000'}`,
    DOCUMENT_STORAGE_DIR: env.DOCUMENT_STORAGE_DIR ?? join(dir, 'documents'),
    JWT_SECRET: env.JWT_SECRET ?? secrets.JWT_SECRET,
    NODE_ENV: env.NODE_ENV ?? 'production',
    SMTP_URL: env.SMTP_URL ?? 'smtp://127.0.0.1:2525',
    // The admin's proxy (vite preview) overwrites X-Forwarded-For with the connection's address, so trusting the
    // loopback proxy gives the sign-in limits each browser's real address instead of 127.0.0.1 for everyone.
    TRUSTED_PROXIES: env.TRUSTED_PROXIES ?? 'loopback',
    PUBLIC_BASE_URL: env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${adminPort}`,
  };
}
