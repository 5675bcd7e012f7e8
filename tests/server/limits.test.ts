import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, signedUp, TestUser } from '../helpers/client.js';
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

const signUp = (name: string, email: string, password = 'correct horse battery 9') =>
  new TestUser(s.base, 'anon').call('POST', '/api/auth/sign-up/email', { name, email, password });
const signIn = (email: string, password = 'correct horse battery 9') =>
  new TestUser(s.base, 'anon').call('POST', '/api/auth/sign-in/email', { email, password });
const email = (tag: string) => `${tag}-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
/** A syntactically valid address of exactly `n` characters (labels of at most 63). */
const longEmail = (n: number) => {
  const local = 'l'.repeat(60);
  const tld = '.com';
  let domain = '';
  while (local.length + 1 + domain.length + tld.length < n) domain += (domain && (domain.length + 1) % 61 === 0 ? '.' : 'd');
  return `${local}@${domain}${tld}`;
};

// Probe: a JSON route refused a large body by its type (text/plain) without reading it; ~0.5 s later Node dropped the
// connection while draining it, and the next request the client had already sent on that keep-alive connection got no
// answer (or a reset after its 201). An answer given before the body was read now closes the connection.
describe('answers before the body is read', () => {
  it('close the connection, so the client sends its next request on a fresh one and it is answered', async () => {
    const net = await import('node:net');
    const [u] = await signedUp(s.base, 'Dora');
    const port = Number(new URL(s.base).port);
    const body = JSON.stringify({ name: 'x'.repeat(900_000) });
    const sock = net.connect(port, '127.0.0.1');
    await new Promise((r) => sock.once('connect', r));
    let got = '';
    sock.on('data', (d) => { got += d.toString('latin1'); });
    const closed = new Promise((r) => sock.once('close', r));
    sock.write(`POST /api/spaces HTTP/1.1\r\nHost: localhost\r\nOrigin: ${s.base}\r\nCookie: ${u.cookie}\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`);
    sock.write(body);
    await eventually(() => got.includes('\r\n\r\n'), 'an answer');
    const head = got.slice(0, got.indexOf('\r\n\r\n')).toLowerCase();
    expect(head).toMatch(/^http\/1\.1 400/);
    expect(head).toContain('connection: close');
    await closed;
    // Through fetch's keep-alive pool: the refused request, then at once an ordinary one; both are answered.
    const refused = await u.call('POST', '/api/spaces', body, { 'content-type': 'text/plain' });
    expect(refused.status).toBe(400);
    const ok = await u.call('POST', '/api/spaces', { name: '接着的请求' });
    expect(ok.status, ok.text).toBe(201);
  });
});

describe('names and emails', () => {
  it('refuses sign-up with a name over 100 characters or an email over 254, and creates no account', async () => {
    const long = email('longname');
    const r = await signUp('n'.repeat(101), long);
    expect(r.status).toBe(400);
    expect(r.json.message).toMatch(/name/i);
    expect(r.text.length).toBeLessThan(500);
    expect((await signIn(long)).status).toBe(401);

    const tooLong = longEmail(255);
    expect(tooLong.length).toBe(255);
    const e = await signUp('Ok', tooLong);
    expect(e.status).toBe(400);
    expect(e.text.length).toBeLessThan(500);
    expect((await signIn(tooLong)).status).not.toBe(200);

    const fits = await signUp('n'.repeat(100), email('fits'));
    expect(fits.status).toBe(200);
  });

  it('refuses sign-up with a NUL or a lone surrogate in the name with 400, and creates no account', async () => {
    for (const [i, name] of ['张\u0000三', '\ud800张三', '张三\udc00'].entries()) {
      const addr = email(`badchar${i}`);
      const r = await signUp(name, addr);
      expect(r.status, JSON.stringify(name)).toBe(400);
      expect(r.json.code).toBe('NAME_INVALID');
      expect((await signIn(addr)).status).toBe(401);
    }
    expect((await signUp('张三 😀', email('emoji'))).status).toBe(200);
  });

  it('refuses a profile update with an over-long name or image and keeps the old name', async () => {
    const [u] = await signedUp(s.base, 'Renamer');
    const r = await u.call('POST', '/api/auth/update-user', { name: 'n'.repeat(5000) });
    expect(r.status).toBe(400);
    expect(r.json.message).toMatch(/name/i);
    expect(r.text.length).toBeLessThan(500);
    const img = await u.call('POST', '/api/auth/update-user', { image: 'https://example.com/' + 'i'.repeat(5000) });
    expect(img.status).toBe(400);
    const me = await u.call('GET', '/api/auth/get-session');
    expect(me.json.user.name).toBe('Renamer');
    expect(me.json.user.image ?? null).toBe(null);
    expect((await u.call('POST', '/api/auth/update-user', { name: 'Renamed' })).status).toBe(200);
    expect((await u.call('GET', '/api/auth/get-session')).json.user.name).toBe('Renamed');
  });

  it('adding a member by an over-long or unknown email never echoes unbounded input', async () => {
    const [owner] = await signedUp(s.base, 'Inviter');
    const sp = (await owner.call('POST', '/api/spaces', { name: 'Invites' })).json.id;
    const huge = 'x'.repeat(100_000) + '@example.com';
    const r = await owner.call('POST', `/api/spaces/${sp}/members`, { email: huge, role: 'editor' });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('invalid_input');
    expect(r.text.length).toBeLessThan(500);
    // An email no account uses yet is an invitation (tests/server/invites.test.ts).
    const unknown = await owner.call('POST', `/api/spaces/${sp}/members`, { email: 'nobody-here@example.com', role: 'editor' });
    expect(unknown.status).toBe(201);
    expect(unknown.json.invited).toMatchObject({ email: 'nobody-here@example.com', role: 'editor' });
  });
});

describe('passwords', () => {
  const refused = ['password', 'PASSWORD', '12345678', 'qwerty123', 'password1', '        ', '\t\t\t\t\t\t\t\t', 'aaaaaaaaaa', ' password '];
  it.each(refused)('refuses %j at sign-up with a clear error, and creates no account', async (pw) => {
    const addr = email('weak');
    const r = await signUp('Weak', addr, pw);
    expect(r.status).toBe(400);
    expect(r.json.message).toMatch(/password/i);
    expect((await signIn(addr, pw)).status).toBe(401);
  });

  it('refuses a common password as the new one on change-password, and the old one keeps working', async () => {
    const [u] = await signedUp(s.base, 'Changer');
    const r = await u.call('POST', '/api/auth/change-password', { currentPassword: 'correct horse battery 9', newPassword: 'password1' });
    expect(r.status).toBe(400);
    expect(r.json.message).toMatch(/password/i);
    expect((await signIn(u.email)).status).toBe(200);
    expect((await signIn(u.email, 'password1')).status).toBe(401);
  });
});
