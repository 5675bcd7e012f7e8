import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { betterAuth } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { locales } from '../shared/i18n.js';
import { accountRules } from './accounts/rules.js';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import { unauthorized } from './errors.js';
import { logger } from './log.js';
import { sessionReader } from './sessionReader.js';

const authLog = logger('auth');

/** Header the server itself sets to the socket's address, so better-auth's rate limiter sees real client IPs. */
export const CLIENT_IP_HEADER = 'x-cadence-client-ip';

/** The secret signs sessions: from BETTER_AUTH_SECRET, or generated once and kept in DATA_DIR so restarts keep everyone signed in. */
function authSecret(config: Config): string {
  if (config.authSecret) return config.authSecret;
  const file = path.join(config.dataDir, 'auth-secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(config.dataDir, { recursive: true });
    const secret = crypto.randomBytes(32).toString('hex');
    try {
      fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
      return secret;
    } catch {
      return fs.readFileSync(file, 'utf8').trim(); // another process sharing DATA_DIR wrote it first
    }
  }
}

/** What the rest of the server hears from auth: a session ended (sign-out, revoked), so open sockets re-check. */
export interface AuthEvents { sessionEnded?(userId: string): void; userCreated?(user: { id: string; email: string }): Promise<void> }

export function createAuth(db: Db, config: Config, events: AuthEvents = {}) {
  return betterAuth({
    database: { db: db.k as any, type: db.kind },
    secret: authSecret(config),
    baseURL: config.baseURL,
    basePath: '/api/auth',
    trustedOrigins: config.trustedOrigins,
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128 },
    // The interface language a user chose in the user menu (issue 13): set with better-auth's update-user, read back
    // with the session; null until chosen (the browser's language applies). Only the app's languages are accepted.
    user: {
      additionalFields: {
        locale: { type: 'string', required: false, input: true, validator: { input: z.enum(locales).nullable() } },
      },
    },
    // Bounded names and emails, no blank or common passwords.
    hooks: accountRules.hooks,
    databaseHooks: {
      ...accountRules.databaseHooks,
      // A new account takes up the invitations to its email (domain/invites.ts).
      user: { ...accountRules.databaseHooks.user, create: { ...accountRules.databaseHooks.user.create, after: async (user) => { await events.userCreated?.(user); } } },
      session: { delete: { after: async (session) => events.sessionEnded?.(session.userId) } },
    },
    rateLimit: {
      enabled: config.authRateLimit,
      // Counted in the database, so that processes sharing one PostgreSQL share the limit instead of multiplying it.
      storage: 'database',
      window: 60,
      max: 300,
      customRules: {
        '/sign-in/email': { window: 60, max: 10 },
        '/sign-up/email': { window: 60, max: 30 },
      },
    },
    advanced: { ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] } },
    // better-auth's own messages go through the app's logger (JSON, LOG_LEVEL, the request id), errors with their stacks.
    logger: {
      level: 'debug',
      log: (level, message, ...args) => {
        const data: Record<string, unknown> = {};
        args.forEach((a, i) => (data[a instanceof Error && !('error' in data) ? 'error' : `arg${i}`] = a));
        authLog[level](message, args.length ? data : undefined);
      },
    },
  });
}
export type Auth = ReturnType<typeof createAuth>;

export async function migrateAuth(auth: Auth) {
  const { runMigrations } = await getMigrations(auth.options);
  await runMigrations();
}

export interface SessionUser { id: string; name: string; email: string }
export type AuthEnv = { Variables: { user: SessionUser } };

/** Puts the signed-in user on the context, or answers 401. */
export const requireUser = (auth: Auth, db: Db) => {
  const signedIn = sessionReader(auth, db);
  return createMiddleware<AuthEnv>(async (c, next) => {
    const user = await signedIn(c.req.raw.headers);
    if (!user) throw unauthorized();
    c.set('user', { id: user.id, name: user.name, email: user.email });
    await next();
  });
};
