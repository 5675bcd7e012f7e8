import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChildServer } from '../helpers/childServer.js';
import { TestUser } from '../helpers/client.js';
import { freshDatabase, PG_URL } from '../helpers/postgres.js';
import { tempDataDir } from '../helpers/server.js';

/**
 * Two server processes on one PostgreSQL database (separate processes: in one process a memory store would be
 * shared and prove nothing). The limit is per client, not per process: 10 sign-in attempts across both use it up.
 */
describe.skipIf(!PG_URL)('sign-in rate limit across two processes', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let a: ChildServer, b: ChildServer;
  beforeAll(async () => {
    db = await freshDatabase();
    const dataDir = tempDataDir(); // one auth secret for both, as BETTER_AUTH_SECRET would give
    const env = { DATABASE_URL: db.url, AUTH_RATE_LIMIT: 'on' };
    a = new ChildServer(dataDir, env);
    await a.start(); // one at a time: the first creates the schema
    b = new ChildServer(dataDir, env);
    await b.start();
  });
  afterAll(async () => {
    await a?.kill();
    await b?.kill();
    await db?.drop();
  });

  it('counts attempts on either process against one limit', async () => {
    const u = new TestUser(a.base, 'Shared');
    await u.signUp();
    const attempt = (base: string) => new TestUser(base, 'guesser').call('POST', '/api/auth/sign-in/email', { email: u.email, password: 'not the password' }).then((r) => r.status);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push(await attempt(i % 2 ? b.base : a.base));
    expect(statuses).toEqual(Array(10).fill(401));
    expect([await attempt(a.base), await attempt(b.base)]).toEqual([429, 429]);
  });
});
