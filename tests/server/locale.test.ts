import { afterAll, beforeAll, expect, it } from 'vitest';
import { signedUp } from '../helpers/client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** Issue 13: the interface language is a user preference kept on the server (better-auth's user field `locale`). */
let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(async () => { await s?.close(); });

it('a new user has no language until they choose one; the choice comes back with the session, and only zh-CN or en is accepted', async () => {
  const [u, other] = await signedUp(s.base, 'Lang', 'Other');
  expect((await u.call('GET', '/api/auth/get-session')).json.user.locale ?? null).toBeNull();

  expect((await u.call('POST', '/api/auth/update-user', { locale: 'en' })).status).toBe(200);
  expect((await u.call('GET', '/api/auth/get-session')).json.user.locale).toBe('en');
  expect((await u.call('POST', '/api/auth/update-user', { locale: 'zh-CN' })).status).toBe(200);
  expect((await u.call('GET', '/api/auth/get-session')).json.user.locale).toBe('zh-CN');

  for (const bad of ['fr', 'zh', '', 42, 'x'.repeat(300)]) {
    const r = await u.call('POST', '/api/auth/update-user', { locale: bad });
    expect(r.status, `locale ${JSON.stringify(bad)}`).toBe(400);
  }
  expect((await u.call('GET', '/api/auth/get-session')).json.user.locale).toBe('zh-CN');
  // Per user: someone else's stays unset.
  expect((await other.call('GET', '/api/auth/get-session')).json.user.locale ?? null).toBeNull();
});
