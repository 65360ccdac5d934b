import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const WEAK_SECRETS = new Set([
  'your-secret-key-here',
  'secret',
  'changeme',
  'change-me',
  'dev-secret-change-me',
]);
const DEV_SECRET = 'dev-secret-change-me';

/**
 * Every environment variable the server reads, documented where it is declared.
 * `.env.example` mirrors this list.
 */
const EnvSchema = z.object({
  /** development | production | test. Production refuses weak secrets. */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** sqlite:./data/table-order.db (default), sqlite::memory:, mysql://u:p@h:3306/db or mysql+aiomysql://… */
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/table-order.db')
    .refine(
      (v) => /^(sqlite:|mysql:\/\/|mysql\+aiomysql:\/\/)/.test(v),
      'must start with sqlite:, mysql:// or mysql+aiomysql://',
    ),
  /** Maximum connections in the MySQL pool. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  /** HMAC secret for access tokens (at least 32 characters in production). */
  JWT_SECRET_KEY: z.string().optional(),
  /** HS256 (default), HS384 or HS512. */
  JWT_ALGORITHM: z.enum(['HS256', 'HS384', 'HS512']).default('HS256'),
  /** Lifetime of admin and table tokens, in hours. */
  JWT_EXPIRE_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(16),
  /** When set, menu images go to this S3 bucket instead of the local folder. */
  AWS_S3_BUCKET: z.string().min(3).optional(),
  /** Region of the S3 bucket. */
  AWS_REGION: z.string().default('ap-northeast-2'),
  /** Optional S3-compatible endpoint (path-style addressing), e.g. http://127.0.0.1:4569. */
  AWS_S3_ENDPOINT: z.url().optional(),
  /** Optional public base URL for images (CDN); defaults to the bucket or the app's /uploads/. */
  IMAGE_PUBLIC_BASE_URL: z.string().optional(),
  /** Local image folder when no bucket is configured. */
  UPLOAD_DIR: z.string().default('./data/uploads'),
  /** Verbose logging (debug level). */
  DEBUG: bool.default(false),
  /** Comma-separated browser origins allowed by CORS; empty = same origin only. */
  CORS_ORIGINS: z.string().default(''),
  /** Listening port. */
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  /** Listening address. */
  HOST: z.string().default('127.0.0.1'),
  /**
   * Port of the separate Prometheus listener (`GET /metrics`), started next to the API by the server;
   * 0 turns it off (empty means the default, as for every variable). Each instance on one machine needs
   * its own (the systemd template unit sets 1<PORT>, e.g. 18000 for table-order@8000).
   */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  /**
   * Address of the Prometheus listener: loopback by default, so it never reaches the public site; a
   * Prometheus on another machine needs a private address here and a firewall rule, never Nginx.
   */
  METRICS_HOST: z.string().default('127.0.0.1'),
  /** redis://host:6379: live events shared across instances (login limiting is in the database). */
  REDIS_URL: z.string().optional(),
  /** Redis pub/sub channel for live events; deployments sharing one Redis need different names. */
  REDIS_EVENTS_CHANNEL: z
    .string()
    .regex(/^[\w:.-]{1,100}$/, 'letters, digits, _ : . - only')
    .default('table-order:events'),
  /** Live-stream heartbeat interval in ms (at most 15000, under proxy read timeouts). */
  EVENTS_HEARTBEAT_MS: z.coerce.number().int().min(20).max(15_000).default(15_000),
  /** How often events older than the retention (and expired login-failure counters) are purged, in ms. */
  EVENTS_PURGE_INTERVAL_MS: z.coerce.number().int().min(20).default(3_600_000),
  /** How long events stay replayable with Last-Event-ID, in hours (at least 24). */
  EVENTS_RETENTION_HOURS: z.coerce.number().min(24).default(24),
  /** While Redis is unreachable, how often each instance polls the events table, in ms. */
  EVENTS_POLL_MS: z.coerce.number().int().min(20).max(2000).default(1000),
  /** Ticket printers (SPEC 15): send print jobs from this instance (every instance may; jobs are claimed in the database). */
  PRINT_WORKER: bool.default(true),
  /** How often the print worker looks for jobs to send, in ms. */
  PRINT_POLL_MS: z.coerce.number().int().min(20).max(10_000).default(500),
  /** Longest wait between two tries of a failing printer, in ms (at most 30000, SPEC 15). */
  PRINT_BACKOFF_MAX_MS: z.coerce.number().int().min(50).max(30_000).default(30_000),
  /** Time allowed to connect to a printer, in ms. */
  PRINT_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(3_000),
  /** Time allowed to write one ticket, in ms (a printer out of paper stops reading). */
  PRINT_WRITE_TIMEOUT_MS: z.coerce.number().int().min(50).max(120_000).default(10_000),
  /**
   * A claimed job not finished after this long (its instance crashed) is taken over and re-sent marked
   * 재출력, in ms; keep it above the connect + write timeouts.
   */
  PRINT_LEASE_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** Comma-separated proxy addresses/CIDRs whose X-Forwarded-For is trusted (e.g. 127.0.0.1). */
  TRUSTED_PROXIES: z.string().default(''),
  /** Create the demo store on start when the database has no stores (default: on outside production). */
  DEMO_SEED: bool.optional(),
  /** argon2id memory cost in KiB for new password hashes (production: at least the default 19456). */
  ARGON2_MEMORY_KIB: z.coerce.number().int().min(8).max(4_194_304).default(19_456),
  /** argon2id iterations for new password hashes (production: at least the default 2). */
  ARGON2_TIME_COST: z.coerce.number().int().min(1).max(100).default(2),
  /** Log level override: fatal, error, warn, info, debug, trace, silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
});

export type DatabaseConfig =
  { dialect: 'sqlite'; filename: string } | { dialect: 'mysql'; uri: string; poolSize: number };

export interface Config {
  env: 'development' | 'production' | 'test';
  database: DatabaseConfig;
  jwt: { secret: string; algorithm: 'HS256' | 'HS384' | 'HS512'; expireHours: number };
  passwords: { memoryCost: number; timeCost: number };
  storage:
    | { driver: 'local'; dir: string; publicBaseUrl: string }
    | { driver: 's3'; bucket: string; region: string; endpoint?: string; publicBaseUrl?: string };
  redisUrl?: string;
  events: {
    redisChannel: string;
    heartbeatMs: number;
    purgeIntervalMs: number;
    retentionMs: number;
    pollMs: number;
  };
  printing: {
    worker: boolean;
    pollMs: number;
    backoffMaxMs: number;
    connectTimeoutMs: number;
    writeTimeoutMs: number;
    leaseMs: number;
  };
  corsOrigins: string[];
  trustedProxies: string[];
  port: number;
  host: string;
  /** The Prometheus listener, or null when METRICS_PORT=0. */
  metricsListener: { host: string; port: number } | null;
  logLevel: string;
  demoSeed: boolean;
  version: string;
}

/** Raised when the environment is invalid; lists every bad variable by name. */
export class ConfigError extends Error {}

function parseDatabaseUrl(url: string, poolSize: number): DatabaseConfig {
  if (url.startsWith('sqlite:')) {
    const filename = url.slice('sqlite:'.length).replace(/^\/\//, '');
    return { dialect: 'sqlite', filename: filename === '' ? ':memory:' : filename };
  }
  // The seed's SQLAlchemy-style scheme names the same server.
  return { dialect: 'mysql', uri: url.replace(/^mysql\+aiomysql:/, 'mysql:'), poolSize };
}

function list(v: string): string[] {
  return v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Reads a `.env` file (KEY=VALUE lines) without overriding variables already set. */
function readDotEnv(path = resolve(process.cwd(), '.env')): Record<string, string> {
  if (!existsSync(path)) return {};
  const out: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m?.[1]) continue;
    let value = m[2] ?? '';
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    out[m[1]] = value;
  }
  return out;
}

/** Validates the environment once and returns a frozen, typed configuration. */
export function loadConfig(
  env: Record<string, string | undefined> = { ...readDotEnv(), ...process.env },
): Config {
  // Empty strings mean "unset" so that `FOO=` in .env falls back to the default.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  let secret = e.JWT_SECRET_KEY;
  if (production && (!secret || secret.length < 32 || WEAK_SECRETS.has(secret))) {
    throw new ConfigError(
      'Invalid configuration:\n  JWT_SECRET_KEY: production needs a random secret of at least 32 characters (openssl rand -hex 32)',
    );
  }
  if (production && (e.ARGON2_MEMORY_KIB < 19_456 || e.ARGON2_TIME_COST < 2)) {
    throw new ConfigError(
      'Invalid configuration:\n  ARGON2_MEMORY_KIB/ARGON2_TIME_COST: production needs at least 19456 KiB and 2 iterations',
    );
  }
  if (e.METRICS_PORT !== 0 && e.METRICS_PORT === e.PORT) {
    throw new ConfigError(
      'Invalid configuration:\n  METRICS_PORT: must differ from PORT (metrics have a listener of their own; 0 turns it off)',
    );
  }
  secret ??= DEV_SECRET;
  const config: Config = {
    env: e.NODE_ENV,
    database: parseDatabaseUrl(e.DATABASE_URL, e.DATABASE_POOL_SIZE),
    jwt: { secret, algorithm: e.JWT_ALGORITHM, expireHours: e.JWT_EXPIRE_HOURS },
    passwords: { memoryCost: e.ARGON2_MEMORY_KIB, timeCost: e.ARGON2_TIME_COST },
    storage: e.AWS_S3_BUCKET
      ? {
          driver: 's3',
          bucket: e.AWS_S3_BUCKET,
          region: e.AWS_REGION,
          ...(e.AWS_S3_ENDPOINT ? { endpoint: e.AWS_S3_ENDPOINT } : {}),
          ...(e.IMAGE_PUBLIC_BASE_URL ? { publicBaseUrl: e.IMAGE_PUBLIC_BASE_URL } : {}),
        }
      : { driver: 'local', dir: e.UPLOAD_DIR, publicBaseUrl: e.IMAGE_PUBLIC_BASE_URL ?? '/uploads' },
    ...(e.REDIS_URL ? { redisUrl: e.REDIS_URL } : {}),
    events: {
      redisChannel: e.REDIS_EVENTS_CHANNEL,
      heartbeatMs: e.EVENTS_HEARTBEAT_MS,
      purgeIntervalMs: e.EVENTS_PURGE_INTERVAL_MS,
      retentionMs: e.EVENTS_RETENTION_HOURS * 3_600_000,
      pollMs: e.EVENTS_POLL_MS,
    },
    printing: {
      worker: e.PRINT_WORKER,
      pollMs: e.PRINT_POLL_MS,
      backoffMaxMs: e.PRINT_BACKOFF_MAX_MS,
      connectTimeoutMs: e.PRINT_CONNECT_TIMEOUT_MS,
      writeTimeoutMs: e.PRINT_WRITE_TIMEOUT_MS,
      leaseMs: e.PRINT_LEASE_MS,
    },
    corsOrigins: list(e.CORS_ORIGINS),
    trustedProxies: list(e.TRUSTED_PROXIES),
    port: e.PORT,
    host: e.HOST,
    metricsListener: e.METRICS_PORT === 0 ? null : { host: e.METRICS_HOST, port: e.METRICS_PORT },
    logLevel: e.LOG_LEVEL ?? (e.DEBUG ? 'debug' : e.NODE_ENV === 'test' ? 'silent' : 'info'),
    demoSeed: e.DEMO_SEED ?? !production,
    version: env.npm_package_version ?? '0.1.0',
  };
  return Object.freeze(config);
}
