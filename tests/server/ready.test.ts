import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { freshDatabase, PG_URL, REDIS_URL } from '../helpers/postgres.js';

/** GET /api/ready answers 200 while the database (and Redis) answer, 503 when one does not; /api/health stays up. */
describe('readiness', () => {
  let s: TestServer | null = null;
  afterAll(async () => { await s?.close().catch(() => {}); });

  it('SQLite: ready, then 503 once the database is gone', async () => {
    s = await startTestServer();
    const ok = await fetch(s.base + '/api/ready');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true, checks: { database: true } });
    s.db.sqlite!.close(); // the database stops answering
    const down = await fetch(s.base + '/api/ready');
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ ok: false, checks: { database: false } });
    expect((await fetch(s.base + '/api/health')).status).toBe(200);
    s = null;
  });

  it.skipIf(!PG_URL || !REDIS_URL)('PostgreSQL + Redis: both checked', async () => {
    const db = await freshDatabase();
    const pg = await startTestServer({ databaseUrl: db.url, redisUrl: REDIS_URL });
    try {
      const r = await fetch(pg.base + '/api/ready');
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual({ ok: true, checks: { database: true, redis: true } });
    } finally {
      await pg.close();
      await db.drop();
    }
  });
});
