import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { addProxy } from './clientAddress.js';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Everything the server reads from the environment, read once, here and nowhere else. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** postgres://… switches storage to PostgreSQL; otherwise SQLite under dataDir. */
  databaseUrl: string | null;
  /** redis://… lets several processes serve the same documents. */
  redisUrl: string | null;
  /** Public URL of the app, used by better-auth for cookies and redirects. */
  baseURL: string;
  /** Origins allowed to send cookie-carrying writes and open sockets. */
  trustedOrigins: string[];
  /** Addresses or CIDR ranges of reverse proxies whose X-Forwarded-For is believed (rate limits). */
  trustedProxies: string[];
  authSecret: string | null;
  importLimitBytes: number;
  /** Whether to serve the built web app from dist/web. */
  serveWeb: boolean;
  logLevel: LogLevel;
  /** `json` (one object a line) or `pretty` (readable, needs the pino-pretty devDependency); auto: pretty on a terminal when installed. */
  logFormat: 'json' | 'pretty' | 'auto';
  /** better-auth's sign-in/sign-up limiter. */
  authRateLimit: boolean;
  /** How often every open socket and event stream re-checks its session and membership. */
  socketRecheckMs: number;
  /** How often each process looks for weekly deadlines just passed (issue 15). */
  deadlineCheckMs: number;
  /**
   * Tests only: the server's clock starts at this instant and runs on from there (deadline reminders are then
   * reached without waiting). Null: the real clock.
   */
  clockStart: Date | null;
  /** GET /metrics on the app's port, for `Authorization: Bearer <token>` only. */
  metricsToken: string | null;
  /** A separate listener for /metrics (e.g. 127.0.0.1:9464), kept off the public port. */
  metricsBind: { host: string; port: number } | null;
}

/** A start that cannot go on: every bad variable, named, with what it expects. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration (environment or .env):\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** A variable read with `parse`; `undefined` from it means the value is not what `expected` says. */
function value<T>(expected: string, parse: (v: string) => T | undefined) {
  return z.string().transform((v, ctx) => {
    const out = parse(v);
    if (out === undefined) {
      ctx.addIssue({ code: 'custom', message: `expected ${expected}, got ${JSON.stringify(v.length > 80 ? v.slice(0, 80) + '…' : v)}` });
      return z.NEVER;
    }
    return out;
  });
}

const integer = (min: number, max = Number.MAX_SAFE_INTEGER) => (v: string) => {
  if (!/^\d+$/.test(v.trim())) return undefined;
  const n = Number(v);
  return n >= min && n <= max ? n : undefined;
};
const url = (protocols: string[]) => (v: string) => {
  try {
    const u = new URL(v);
    return protocols.includes(u.protocol) ? v : undefined;
  } catch {
    return undefined;
  }
};
const httpUrl = url(['http:', 'https:']);
const flag = (v: string) => {
  const s = v.trim().toLowerCase();
  if (['1', 'true', 'on', 'yes'].includes(s)) return true;
  if (['0', 'false', 'off', 'no'].includes(s)) return false;
  return undefined;
};
const FLAG = '1/0, true/false, on/off or yes/no';
const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);

/** `9464`, `127.0.0.1:9464` or `[::1]:9464`. */
function hostPort(v: string) {
  const m = /^(?:(\[[0-9a-fA-F:.]+\]|[^:[\]]+):)?(\d+)$/.exec(v.trim());
  const port = m ? integer(1, 65535)(m[2]) : undefined;
  if (!m || port === undefined) return undefined;
  return { host: m[1] ? m[1].replace(/^\[|\]$/g, '') : '127.0.0.1', port };
}

/** Every environment variable the server reads. An empty value counts as unset. */
const schema = z.object({
  PORT: value('a port number from 0 to 65535', integer(0, 65535)).optional(),
  HOST: value('an interface address or host name such as 0.0.0.0 or 127.0.0.1', (v) => (/^\S+$/.test(v) ? v : undefined)).optional(),
  DATA_DIR: z.string().optional(),
  DATABASE_URL: value('a PostgreSQL URL such as postgres://user:password@host:5432/cadence', url(['postgres:', 'postgresql:'])).optional(),
  REDIS_URL: value('a Redis URL such as redis://host:6379', url(['redis:', 'rediss:'])).optional(),
  BETTER_AUTH_SECRET: value('at least 32 characters (e.g. the output of `openssl rand -hex 32`)', (v) => (v.length >= 32 ? v : undefined)).optional(),
  BETTER_AUTH_URL: value('the public http(s) URL of the app, such as https://cadence.example.com', httpUrl).optional(),
  TRUSTED_ORIGINS: value('comma-separated http(s) origins such as https://cadence.example.com,http://localhost:5173', (v) => {
    const origins = list(v).map((o) => (httpUrl(o) ? new URL(o).origin : undefined));
    return origins.every(Boolean) ? (origins as string[]) : undefined;
  }).optional(),
  TRUSTED_PROXIES: z.string().transform((v, ctx) => {
    const entries = list(v);
    // A typo stops the server rather than silently trusting nothing (or too much).
    const bad = entries.find((e) => !addProxy(new net.BlockList(), e));
    if (bad === undefined) return entries;
    ctx.addIssue({ code: 'custom', message: `"${bad}" is neither an IP address nor a CIDR range such as 10.0.0.0/8.` });
    return z.NEVER;
  }).optional(),
  IMPORT_LIMIT_BYTES: value('a whole number of bytes, at least 1024, such as 2097152 (2 MiB)', integer(1024)).optional(),
  LOG_LEVEL: value(`one of ${LOG_LEVELS.join(', ')}`, (v) => (LOG_LEVELS as readonly string[]).includes(v) ? (v as LogLevel) : undefined).optional(),
  LOG_FORMAT: value('json, pretty or auto', (v) => (['json', 'pretty', 'auto'].includes(v) ? (v as Config['logFormat']) : undefined)).optional(),
  AUTH_RATE_LIMIT: value(FLAG, flag).optional(),
  SERVE_WEB: value(FLAG, flag).optional(),
  SOCKET_RECHECK_MS: value('a whole number of milliseconds, at least 100', integer(100)).optional(),
  DEADLINE_CHECK_MS: value('a whole number of milliseconds, at least 100', integer(100)).optional(),
  CLOCK_START: value('an ISO date-time such as 2024-03-22T09:01:00Z (tests only)', (v) => (/^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)) ? new Date(v) : undefined)).optional(),
  METRICS_TOKEN: value('at least 16 characters (e.g. the output of `openssl rand -hex 16`)', (v) => (v.length >= 16 && !/\s/.test(v) ? v : undefined)).optional(),
  METRICS_BIND: value('a port or address:port such as 127.0.0.1:9464', hostPort).optional(),
});
export type EnvVar = keyof typeof schema.shape;
export const ENV_VARS = Object.keys(schema.shape) as EnvVar[];

/** Reads and checks the environment; throws a ConfigError naming every bad variable. `overrides` win (tests). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const present = Object.fromEntries(ENV_VARS.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]));
  const parsed = schema.safeParse(present);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${String(i.path[0] ?? '?')}: ${i.message}`));
  const e = parsed.data;
  const port = overrides.port ?? e.PORT ?? 3000;
  const baseURL = overrides.baseURL ?? e.BETTER_AUTH_URL ?? `http://localhost:${port}`;
  const local = [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
  return {
    port,
    host: e.HOST ?? '0.0.0.0',
    dataDir: path.resolve(e.DATA_DIR ?? './data'),
    databaseUrl: e.DATABASE_URL ?? null,
    redisUrl: e.REDIS_URL ?? null,
    baseURL,
    authSecret: e.BETTER_AUTH_SECRET ?? null,
    importLimitBytes: e.IMPORT_LIMIT_BYTES ?? 2 * 1024 * 1024,
    trustedProxies: e.TRUSTED_PROXIES ?? [],
    serveWeb: e.SERVE_WEB ?? true,
    logLevel: e.LOG_LEVEL ?? 'info',
    logFormat: e.LOG_FORMAT ?? 'auto',
    authRateLimit: e.AUTH_RATE_LIMIT ?? true,
    socketRecheckMs: e.SOCKET_RECHECK_MS ?? 60_000,
    deadlineCheckMs: e.DEADLINE_CHECK_MS ?? 60_000,
    clockStart: e.CLOCK_START ?? null,
    metricsToken: e.METRICS_TOKEN ?? null,
    metricsBind: e.METRICS_BIND ?? null,
    ...overrides,
    trustedOrigins: [...new Set([new URL(baseURL).origin, ...local, ...(e.TRUSTED_ORIGINS ?? []), ...(overrides.trustedOrigins ?? [])])],
  };
}

/** The log level and format alone, for the logger before the server has read its configuration (a bad value: the default). */
export function logSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): Pick<Config, 'logLevel' | 'logFormat'> {
  const level = schema.shape.LOG_LEVEL.safeParse(env.LOG_LEVEL || undefined);
  const format = schema.shape.LOG_FORMAT.safeParse(env.LOG_FORMAT || undefined);
  return { logLevel: (level.success && level.data) || 'info', logFormat: (format.success && format.data) || 'auto' };
}

/**
 * Variables from `.env` in the working directory (or the file ENV_FILE names), for a process started
 * directly (npm start, npm run backup); what the environment already sets wins. Returns the file read, if any.
 */
export function loadDotEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  const file = path.resolve(env.ENV_FILE || '.env');
  if (!fs.existsSync(file)) {
    if (env.ENV_FILE) throw new ConfigError([`ENV_FILE: expected a readable file, got ${JSON.stringify(env.ENV_FILE)} (not found)`]);
    return null;
  }
  process.loadEnvFile(file);
  return file;
}
