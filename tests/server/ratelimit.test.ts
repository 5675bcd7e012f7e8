import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { signedUp, TestUser } from '../helpers/client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** A server with better-auth's limiter on (the suite turns it off elsewhere so that many users can sign up). */
async function limitedServer(trustedProxies?: string) {
  process.env.AUTH_RATE_LIMIT = 'on';
  if (trustedProxies !== undefined) process.env.TRUSTED_PROXIES = trustedProxies;
  try {
    return await startTestServer();
  } finally {
    process.env.AUTH_RATE_LIMIT = 'off';
    delete process.env.TRUSTED_PROXIES;
  }
}

const wrongSignIn = (base: string, email: string, headers: Record<string, string> = {}) =>
  new TestUser(base, 'guesser').call('POST', '/api/auth/sign-in/email', { email, password: 'not the password' }, headers).then((r) => r.status);

describe('from an untrusted peer', () => {
  let s: TestServer, proxied: TestServer;
  beforeAll(async () => {
    s = await limitedServer();
    proxied = await limitedServer('10.9.9.9'); // a proxy exists, but this test's client is not it
  });
  afterAll(async () => {
    await s?.close();
    await proxied?.close();
  });

  it('rate-limits sign-in per client address, whatever address header the client sends', async () => {
    const [u] = await signedUp(s.base, 'Limited');
    const guesser = new TestUser(s.base, 'guesser');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      // A client cannot choose its own bucket: the server overwrites the address header with the socket's address.
      const r = await guesser.call('POST', '/api/auth/sign-in/email', { email: u.email, password: `wrong-${i}` }, { 'x-cadence-client-ip': `10.0.0.${i}`, 'x-forwarded-for': `10.1.0.${i}` });
      statuses.push(r.status);
    }
    expect(statuses.slice(0, 10).every((st) => st === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    const blocked = await new TestUser(s.base, 'x').call('POST', '/api/auth/sign-in/email', { email: u.email, password: 'correct horse battery 9' });
    expect(blocked.status).toBe(429);
  });

  it('ignores X-Forwarded-For when TRUSTED_PROXIES does not name the peer', async () => {
    const [u] = await signedUp(proxied.base, 'NotProxied');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push(await wrongSignIn(proxied.base, u.email, { 'x-forwarded-for': `203.0.113.${i}` }));
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
  });
});

describe('from a trusted proxy', () => {
  let s: TestServer;
  // The test's own address is the proxy; 10.0.0.0/8 stands for the proxies behind it.
  beforeAll(async () => { s = await limitedServer('127.0.0.1, ::1, 10.0.0.0/8'); });
  afterAll(async () => { await s?.close(); });

  it('takes the client from the right-most untrusted X-Forwarded-For entry', async () => {
    const [u] = await signedUp(s.base, 'Proxied');
    const client = { 'x-forwarded-for': '203.0.113.7' };
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push(await wrongSignIn(s.base, u.email, client));
    expect(statuses.every((st) => st === 401)).toBe(true);
    expect(await wrongSignIn(s.base, u.email, client)).toBe(429);
    // The same client, whatever it put on the left, and through an inner proxy of 10.0.0.0/8.
    expect(await wrongSignIn(s.base, u.email, { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' })).toBe(429);
    expect(await wrongSignIn(s.base, u.email, { 'x-forwarded-for': '203.0.113.7, 10.1.2.3' })).toBe(429);
    // Other clients behind the proxy keep their own buckets, and so does the proxy's own address.
    expect(await wrongSignIn(s.base, u.email, { 'x-forwarded-for': '198.51.100.9' })).toBe(401);
    expect(await wrongSignIn(s.base, u.email, { 'x-forwarded-for': '203.0.113.7, 198.51.100.10' })).toBe(401);
    expect(await wrongSignIn(s.base, u.email)).toBe(401);
  });
});

it('refuses to start with a TRUSTED_PROXIES entry that is not an address or CIDR range', () => {
  expect(loadConfig({ TRUSTED_PROXIES: '10.0.0.1, 192.168.0.0/16, ::1, fd00::/8' }).trustedProxies).toEqual(['10.0.0.1', '192.168.0.0/16', '::1', 'fd00::/8']);
  for (const bad of ['proxy.example', '10.0.0.0/33', '10.0.0.1/x', '::1/129']) {
    expect(() => loadConfig({ TRUSTED_PROXIES: bad }), bad).toThrow(/TRUSTED_PROXIES/);
  }
});
