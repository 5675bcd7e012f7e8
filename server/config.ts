import net from 'node:net';
import path from 'node:path';
import { addProxy } from './clientAddress.js';

/** Everything the server reads from the environment, read once. */
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
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const port = Number(overrides.port ?? env.PORT ?? 3000);
  const baseURL = overrides.baseURL ?? env.BETTER_AUTH_URL ?? `http://localhost:${port}`;
  const extra = (env.TRUSTED_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const local = [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || null,
    redisUrl: env.REDIS_URL || null,
    baseURL,
    authSecret: env.BETTER_AUTH_SECRET || null,
    importLimitBytes: Number(env.IMPORT_LIMIT_BYTES ?? 2 * 1024 * 1024),
    trustedProxies: trustedProxies(env.TRUSTED_PROXIES),
    serveWeb: env.SERVE_WEB !== '0',
    ...overrides,
    trustedOrigins: [...new Set([new URL(baseURL).origin, ...local, ...extra, ...(overrides.trustedOrigins ?? [])])],
  };
}

/** TRUSTED_PROXIES, comma-separated; a typo stops the server rather than silently trusting nothing (or too much). */
function trustedProxies(value = ''): string[] {
  const entries = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = entries.find((e) => !addProxy(new net.BlockList(), e));
  if (bad !== undefined) throw new Error(`TRUSTED_PROXIES: "${bad}" is neither an IP address nor a CIDR range such as 10.0.0.0/8.`);
  return entries;
}
