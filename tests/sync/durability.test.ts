import { afterAll, describe, expect, it } from 'vitest';
import { appendParagraph, connect, eventually, signedUp, spaceWith } from '../helpers/client.js';
import { ChildServer } from '../helpers/childServer.js';

/** Fails after `ms` instead of hanging until the test's own timeout. */
function within<T>(ms: number, p: Promise<T>, what: string): Promise<T> {
  let t: ReturnType<typeof setTimeout>;
  return Promise.race([p, new Promise<never>((_, rej) => (t = setTimeout(() => rej(new Error(`${what} took over ${ms} ms`)), ms)))]).finally(() => clearTimeout(t));
}

/**
 * kill -9 at any instant loses nothing that another client has received: client A types a burst,
 * the server is SIGKILLed the moment client B has received some of it, and after a restart on the same
 * data directory everything B had seen is there.
 */
describe('durability across kill -9', () => {
  const server = new ChildServer();
  afterAll(() => server.kill());

  it('keeps every edit another client has received', { timeout: 240_000 }, async () => {
    await server.start();
    const [a, b] = await signedUp(server.base, 'Alice', 'Bob');
    const spaceId = await spaceWith(a, [[b, 'editor']]);
    const report = (await a.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' })).json;

    for (let round = 0; round < 3; round++) {
      const ca = connect(a, report.id), cb = connect(b, report.id);
      await Promise.all([ca.synced, cb.synced]);
      const marker = `round${round}-`;
      // Kill as soon as B has received the 5th paragraph of this round, while A is still typing.
      let killed = false;
      const seenAtKill = new Promise<string[]>((resolve) => {
        cb.doc.on('update', () => {
          const seen = cb.text().match(new RegExp(`${marker}\\d+`, 'g')) ?? [];
          if (!killed && seen.length >= 5) {
            killed = true;
            void server.kill();
            resolve(seen);
          }
        });
      });
      for (let i = 0; i < 40; i++) {
        appendParagraph(ca, `${marker}${i}`);
        await new Promise((r) => setImmediate(r));
      }
      const seen = await seenAtKill;
      ca.close(); cb.close();
      await server.kill();
      // A second kill of a process that is gone returns at once (it used to wait for an exit that never came).
      await within(5000, server.kill(), 'a second kill of a dead server');
      expect(server.running).toBe(false);
      await server.start();
      const check = connect(b, report.id);
      await check.synced;
      for (const m of seen) expect(check.text()).toContain(`<paragraph>${m}</paragraph>`);
      check.close();
    }
  });

  it('keeps accounts and sessions across a restart (secret kept in DATA_DIR)', { timeout: 120_000 }, async () => {
    if (!server.running) await server.start();
    const [u] = await signedUp(server.base, 'Carol');
    await server.kill();
    expect(server.running).toBe(false);
    await server.start();
    const me = await u.call('GET', '/api/auth/get-session');
    expect(me.json?.user?.email).toBe(u.email);
    await eventually(async () => (await u.call('GET', '/api/spaces')).status === 200, 'session valid');
  });
});
