/**
 * GET /api/ready with PostgreSQL or Redis down (issue 14), and back: the server reaches both through a TCP relay
 * in this test, which is cut (every connection dropped, new ones refused) and restored, so the shared services
 * the other tests use keep running. /api/health (liveness) stays 200 throughout.
 */
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/client.js';
import { freshDatabase, PG_URL, REDIS_URL } from '../helpers/postgres.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** A TCP relay to host:port that can be cut and restored. */
async function relay(target: URL) {
  const open = new Set<net.Socket>();
  let up = true;
  const server = net.createServer((client) => {
    if (!up) return client.destroy();
    const upstream = net.connect(Number(target.port), target.hostname);
    open.add(client).add(upstream);
    const drop = () => { client.destroy(); upstream.destroy(); open.delete(client); open.delete(upstream); };
    client.on('error', drop).on('close', drop).pipe(upstream);
    upstream.on('error', drop).on('close', drop).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url(u: string) {
      const x = new URL(u);
      x.hostname = '127.0.0.1';
      x.port = String(port);
      return x.toString();
    },
    cut() {
      up = false;
      for (const s of open) s.destroy();
      open.clear();
    },
    restore() {
      up = true;
    },
    close: () => new Promise<void>((r) => { for (const s of open) s.destroy(); server.close(() => r()); }),
  };
}

const ready = async (s: TestServer) => {
  const r = await fetch(s.base + '/api/ready');
  return { status: r.status, body: await r.json() };
};

describe.skipIf(!PG_URL || !REDIS_URL)('readiness with PostgreSQL and Redis going down and coming back', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => { for (const c of cleanup.reverse()) await c().catch(() => {}); });

  it('503 naming what is down, 200 again once it is back; liveness stays up', async () => {
    const db = await freshDatabase();
    cleanup.push(() => db.drop());
    const pgRelay = await relay(new URL(db.url));
    const redisRelay = await relay(new URL(REDIS_URL));
    cleanup.push(() => pgRelay.close(), () => redisRelay.close());
    const s = await startTestServer({ databaseUrl: pgRelay.url(db.url), redisUrl: redisRelay.url(REDIS_URL) });
    cleanup.push(() => s.close());
    expect(await ready(s)).toEqual({ status: 200, body: { ok: true, checks: { database: true, redis: true } } });

    redisRelay.cut();
    await eventually(async () => (await ready(s)).status === 503, 'not ready without Redis', 15_000, 200);
    expect((await ready(s)).body).toEqual({ ok: false, checks: { database: true, redis: false } });
    expect((await fetch(s.base + '/api/health')).status).toBe(200);
    redisRelay.restore();
    await eventually(async () => (await ready(s)).status === 200, 'ready again with Redis back', 30_000, 200);

    pgRelay.cut();
    await eventually(async () => (await ready(s)).status === 503, 'not ready without PostgreSQL', 15_000, 200);
    expect((await ready(s)).body).toEqual({ ok: false, checks: { database: false, redis: true } });
    expect((await fetch(s.base + '/api/health')).status).toBe(200);
    pgRelay.restore();
    await eventually(async () => (await ready(s)).status === 200, 'ready again with PostgreSQL back', 30_000, 200);
  });
});
