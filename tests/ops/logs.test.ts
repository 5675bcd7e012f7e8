/**
 * Logs (issue 14): one JSON object a line; one access line per request with the request id the response carries
 * in X-Request-Id (the client's own id when it sent a sane one); a server error logged with its stack and the
 * same request id, which the 500 body also gives; LOG_LEVEL filters.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUp, type TestUser } from '../helpers/client.js';
import { freePort, tempDataDir } from '../helpers/server.js';
import { startServer, type RunningServer } from '../../server/index.js';
import type { Config } from '../../server/config.js';

type Line = Record<string, any>;

async function start(lines: Line[], config: Partial<Config> = {}) {
  const port = await freePort();
  const destination = { write: (s: string) => void lines.push(JSON.parse(s)) };
  const s = await startServer(
    { port, baseURL: `http://localhost:${port}`, dataDir: tempDataDir(), databaseUrl: null, redisUrl: null, serveWeb: false, logLevel: 'info', ...config },
    { logDestination: destination },
  );
  return Object.assign(s, { base: `http://localhost:${s.port}` });
}

describe('structured logs', () => {
  const lines: Line[] = [];
  let s: (RunningServer & { base: string }) | null;
  let user: TestUser;
  beforeAll(async () => {
    s = await start(lines);
    [user] = await signedUp(s.base, 'Logger');
  });
  afterAll(async () => { await s?.close().catch(() => {}); });

  const access = (requestId: string) => lines.find((l) => l.category === 'http' && l.msg === 'request' && l.requestId === requestId);

  it('writes JSON lines with level, time, category and message', () => {
    const listening = lines.find((l) => l.msg === 'listening');
    expect(listening).toMatchObject({ level: 'info', category: 'server', storage: 'sqlite' });
    expect(new Date(listening!.time).getTime()).toBeGreaterThan(0);
  });

  it('one access line per request, with the id the response carries', async () => {
    const r = await user.call('GET', '/api/spaces');
    expect(r.status).toBe(200);
    const id = r.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(access(id)).toMatchObject({ level: 'info', method: 'GET', path: '/api/spaces', route: '/api/spaces', status: 200 });
    expect(typeof access(id)!.ms).toBe('number');
    // The client's own id is kept (a proxy's, say); better-auth's own responses carry it too.
    const signIn = await user.call('POST', '/api/auth/sign-in/email', { email: user.email, password: 'correct horse battery 9' }, { 'x-request-id': 'proxy-req-42' });
    expect(signIn.status).toBe(200);
    expect(signIn.headers.get('x-request-id')).toBe('proxy-req-42');
    expect(access('proxy-req-42')).toMatchObject({ path: '/api/auth/sign-in/email', status: 200 });
    // Health checks log at debug only, so a probe every few seconds does not fill the log.
    const h = await fetch(s!.base + '/api/health');
    expect(access(h.headers.get('x-request-id')!)).toBeUndefined();
  });

  it('a client that drops its upload half-way is no server error (an import was logged as `unhandled`, 500)', async () => {
    const space = (await user.call('POST', '/api/spaces', { name: '支付研发' })).json.id as string;
    const before = lines.length;
    await new Promise<void>((resolve) => {
      const req = http.request(`${s!.base}/api/spaces/${space}/import?week=2024-W10`, {
        method: 'POST', headers: { cookie: user.cookie, origin: s!.base, 'content-type': 'text/markdown', 'content-length': '200000' },
      });
      req.on('error', () => resolve());
      req.write('# 2024-W10\n\n## 【O1 业务服务】\n\n'.padEnd(50_000, '1. 物保三期：进度95%\n'));
      setTimeout(() => { req.destroy(); resolve(); }, 200);
    });
    await new Promise((r) => setTimeout(r, 500));
    const mine = lines.slice(before).filter((l) => l.path === `/api/spaces/${space}/import`);
    expect(mine.filter((l) => l.level === 'error' || l.msg === 'unhandled')).toEqual([]);
    expect(mine).toContainEqual(expect.objectContaining({ level: 'info', msg: 'client went away' }));
    expect((await user.call('GET', `/api/spaces/${space}/reports`)).json).toEqual([]); // nothing written
  });

  it('a server error: 500 with the request id, logged with its stack under the same id', async () => {
    s!.db.sqlite!.close(); // every query fails from here on
    const r = await user.call('GET', '/api/spaces', undefined, { 'x-request-id': 'failing-request-1' });
    expect(r.status).toBe(500);
    expect(r.json.error).toMatchObject({ code: 'internal', requestId: 'failing-request-1' });
    expect(r.headers.get('x-request-id')).toBe('failing-request-1');
    const error = lines.find((l) => l.level === 'error' && l.category === 'http' && l.requestId === 'failing-request-1');
    expect(error, JSON.stringify(lines.slice(-5))).toMatchObject({ category: 'http', msg: 'unhandled', path: '/api/spaces' });
    expect(error!.error.stack).toMatch(/\n\s+at /);
    expect(access('failing-request-1')).toMatchObject({ status: 500 });
    // better-auth's own error line goes through the same logger, under the same id.
    expect(lines.find((l) => l.level === 'error' && l.category === 'auth')).toMatchObject({ requestId: 'failing-request-1' });
    await s!.close().catch(() => {});
    s = null;
  });
});

describe('LOG_LEVEL', () => {
  it('warn leaves out info lines (access lines included)', async () => {
    const lines: Line[] = [];
    const s = await start(lines, { logLevel: 'warn' });
    try {
      await fetch(s.base + '/api/spaces');
      expect(lines.filter((l) => l.level === 'info')).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
