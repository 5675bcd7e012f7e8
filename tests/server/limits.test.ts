import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUp, TestUser } from '../helpers/client.js';
import { postHuge } from '../helpers/hugeBody.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const MB = 1024 * 1024;

let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(async () => { await s.close(); });

describe('request bodies', () => {
  it('refuses a 50 MB JSON body with 413 too_large without reading it whole, on app and auth routes', async () => {
    const [u] = await signedUp(s.base, 'Big');
    const session = { origin: s.base, cookie: u.cookie };
    const cases = [
      { url: `${s.base}/api/spaces`, headers: session, chunked: false },
      { url: `${s.base}/api/spaces`, headers: session, chunked: true },
      { url: `${s.base}/api/auth/sign-up/email`, headers: { origin: s.base }, chunked: false },
      { url: `${s.base}/api/auth/sign-up/email`, headers: { origin: s.base }, chunked: true },
    ];
    for (const c of cases) {
      const r = await postHuge(c.url, { bytes: 50 * MB, chunked: c.chunked, headers: c.headers });
      expect(r.status, `${c.url} chunked=${c.chunked}`).toBe(413);
      expect(r.json).toEqual({ error: { code: 'too_large', message: expect.any(String) } });
      // Reading 50 MB whole (and parsing it) costs hundreds of MB; a limit checked as bytes arrive costs next to nothing.
      expect(r.peakRssGrowth, `${c.url} chunked=${c.chunked}`).toBeLessThan(100 * MB);
    }
    expect((await u.call('GET', '/api/spaces')).json).toEqual([]);
  });

  it('answers 413 just past 1 MB and writes nothing, while an ordinary body still works', async () => {
    const [u] = await signedUp(s.base, 'Edge');
    const r = await u.call('POST', '/api/spaces', { name: 'x'.repeat(MB + 10) });
    expect(r.status).toBe(413);
    expect(r.json.error.code).toBe('too_large');
    const signUp = await new TestUser(s.base, 'huge').call('POST', '/api/auth/sign-up/email', { email: 'huge@example.com', password: 'correct horse battery 9', name: 'n'.repeat(2 * MB) });
    expect(signUp.status).toBe(413);
    expect((await new TestUser(s.base, 'x').call('POST', '/api/auth/sign-in/email', { email: 'huge@example.com', password: 'correct horse battery 9' })).status).toBe(401);
    expect((await u.call('GET', '/api/spaces')).json).toEqual([]);
    expect((await u.call('POST', '/api/spaces', { name: 'Fine' })).status).toBe(201);
  });
});
