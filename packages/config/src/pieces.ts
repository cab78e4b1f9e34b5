import { isIP } from 'node:net';
import { z } from 'zod';

/** Comma-separated list → trimmed, non-empty strings. */
export const csv = z.string().transform((value) =>
  value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0),
);

/** "true"/"false" (also 1/0, yes/no) from the environment. */
export const flag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((value) => value === 'true' || value === '1' || value === 'yes');

const port = z.coerce.number().int().min(1).max(65535);
const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    `must be a URL with protocol ${protocols.join(' or ')}`,
  );

/** PostgreSQL connection. */
export const databaseEnv = z.object({
  DATABASE_URL: url(['postgres:', 'postgresql:']).default('postgres://postgres@127.0.0.1:5432/khuyencong'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /**
   * A streaming replica for reads that may be a little stale (reports, lists, the public catalogue and
   * verification). Unset: every read goes to DATABASE_URL. A replica further behind than DATABASE_READ_MAX_LAG_MS,
   * or unreachable, is not used until it catches up; a user's own reads for that long after their command go to
   * the primary (read-your-writes).
   */
  DATABASE_READ_URL: url(['postgres:', 'postgresql:']).optional(),
  DATABASE_READ_MAX_LAG_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /**
   * A direct connection for LISTEN (the session cache's invalidations) when DATABASE_URL goes through a pooler in
   * transaction mode, which cannot hold a session's LISTEN. Unset: DATABASE_URL.
   */
  DATABASE_LISTEN_URL: url(['postgres:', 'postgresql:']).optional(),
  /**
   * DATABASE_URL goes through a pooler in transaction mode (PgBouncer pool_mode=transaction): consecutive
   * transactions of one client may run on different server connections, so the hot statements are not prepared
   * under a name (a name prepared on one server connection is unknown on the next): each runs as a PL/pgSQL function
   * made on first use, whose plan every server session keeps (the database role needs CREATE on the schema).
   * Set DATABASE_LISTEN_URL too.
   */
  DATABASE_TRANSACTION_POOLER: flag.default(false),
});

/**
 * Redis connection. `REDIS_PREFIX` namespaces every key the platform writes (queues, heartbeats), so that
 * several installations or test runs can share one Redis. Queue keys add a `{hash tag}` on top of it.
 */
export const redisEnv = z.object({
  REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  /**
   * A Redis Cluster instead of one server: its nodes as host:port, comma-separated (any few of them; the client
   * discovers the rest). Set, it replaces REDIS_URL's host and port; REDIS_URL's password, if any, still applies.
   */
  REDIS_CLUSTER_NODES: csv.pipe(z.array(z.string().regex(/^[^\s:]+:\d{1,5}$/, 'each node must be host:port'))).default([]),
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]+$/i, 'letters, digits, - and _ only')
    .default('kc'),
});

/** Logging. */
export const logEnv = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug']).default('info'),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
});

/** Where the public pages live (the admin app): certificate QR codes point to `${PUBLIC_BASE_URL}/verify/<number>`. */
export const publicEnv = z.object({
  PUBLIC_BASE_URL: url(['http:', 'https:']).default('http://127.0.0.1:5173'),
});

/** HTTP server of the API. */
export const httpEnv = z.object({
  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: port.default(3000),
  /** The admin's origin, the only one CORS lets in. */
  ADMIN_ORIGIN: url(['http:', 'https:']).default('http://127.0.0.1:5173'),
  /**
   * Reverse proxies whose X-Forwarded-For the API believes (Express `trust proxy`): addresses, CIDR ranges or
   * `loopback`, `linklocal`, `uniquelocal`, comma-separated. Empty (the default) trusts none: the client address
   * is the connection's, whatever headers the client sends — a forged header cannot dodge the sign-in limits.
   */
  TRUSTED_PROXIES: csv.pipe(z.array(z.string().refine(isProxyAddress, 'must be an IP address, a CIDR range, loopback, linklocal or uniquelocal'))).default([]),
  /** A request body that stops arriving (shorter than its Content-Length) is answered 408 after this many ms without a byte. */
  API_BODY_READ_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
});

/** One entry of TRUSTED_PROXIES, as Express (proxy-addr) understands it. */
function isProxyAddress(value: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(value)) return true;
  const [address = '', prefix, ...rest] = value.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** How fresh a worker heartbeat must be for the API to call the worker up. */
export const heartbeatEnv = z.object({
  WORKER_HEARTBEAT_INTERVAL_MS: z.coerce.number().int().min(100).max(60000).default(5000),
  WORKER_HEARTBEAT_TTL_MS: z.coerce.number().int().min(500).max(300000).default(15000),
});

/** Sign-in and sessions. The secret has no default: each installation generates its own. */
export const authEnv = z.object({
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters (generate one: openssl rand -base64 32)'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(30),
  /** Sign-in attempts per client address per minute (all accounts together) before 429. */
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(20),
  /**
   * Failed sign-ins of one e-mail from one address before each further attempt from there must wait (429 with
   * Retry-After: 1 s, then 2, 4, 8 … seconds), and the longest such wait in minutes. Nothing locks an account:
   * the other addresses keep their own count (see apps/api/src/auth/login-throttle.ts).
   */
  LOGIN_LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /**
   * How long a verified access token's user and grants are reused without asking the database again (0 turns
   * the cache off). Logout, revocation, grant and account changes reach every API process at once through
   * NOTIFY; this bounds staleness only while that channel is down — and then the cache is not used at all.
   */
  SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(10),
});

/** Outgoing e-mail: an SMTP server URL (smtp://user:pass@host:port, smtps:// for implicit TLS) and the sender. */
export const mailEnv = z.object({
  SMTP_URL: url(['smtp:', 'smtps:']).default('smtp://127.0.0.1:2525'),
  MAIL_FROM: z.string().min(3).default('Hệ thống Khuyến công <no-reply@khuyencong.local>'),
});

/**
 * The outbox relay (which worker processes run it is configuration) and the timer sweep. The relay polls the
 * outbox (no NOTIFY: it would serialise every command's commit); the sweep fires due timers whose wake-up job was
 * lost and schedules the wake-up of timers coming due.
 */
export const relayEnv = z.object({
  RELAY_ENABLED: flag.default(true),
  RELAY_POLL_INTERVAL_MS: z.coerce.number().int().min(5).max(60000).default(25),
  RELAY_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  /** A batch whose jobs Redis did not take within this time is rolled back and retried later. */
  RELAY_ENQUEUE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(5000),
  /**
   * Redelivery sweep: an effect relayed this long ago that still has no receipt gets its job added again under
   * the same job id (a no-op while Redis still holds the job; the job again when Redis lost it).
   */
  RELAY_REDELIVER_AFTER_MS: z.coerce.number().int().min(1000).max(3600000).default(60000),
  TIMER_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(3600000).default(5000),
});

/**
 * Uploaded documents: bytes are stored content-addressed under DOCUMENT_STORAGE_DIR (`ab/cd/<sha256>`). Office
 * files are ZIP archives: what they really inflate to (counted while inflating, whatever they declare) is capped
 * too, so a small upload cannot expand into gigabytes in whatever opens it later.
 */
export const documentsEnv = z.object({
  DOCUMENT_STORAGE_DIR: z.string().min(1).default('./var/documents'),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(500 * 1024 * 1024)
    .default(20 * 1024 * 1024),
  UPLOAD_MAX_UNCOMPRESSED_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(2 * 1024 * 1024 * 1024)
    .default(200 * 1024 * 1024),
});

/** Optional static bearer token a Prometheus scraper sends to `/api/metrics` (admins' sessions work too). */
export const metricsEnv = z.object({
  METRICS_TOKEN: z.string().min(24, 'must be at least 24 characters (generate one: openssl rand -base64 32)').optional(),
});
