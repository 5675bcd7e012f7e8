/**
 * The server reads sessions itself (server/sessionReader.ts) and leaves to better-auth's getSession every answer
 * that is not surely "yes": these are the answers getSession gives, over HTTP and on a socket upgrade.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(async () => { await s.close(); });

const NAME = 'better-auth.session_token';
const DAY = 86_400_000;
const sessionRow = (userId: string) => s.db.sqlite!.prepare('select token, expiresAt from session where userId = ?').get(userId) as { token: string; expiresAt: string | number };
const setExpiry = (userId: string, at: Date) => s.db.sqlite!.prepare('update session set expiresAt = ? where userId = ?').run(at.toISOString(), userId);
const expiryOf = (userId: string) => new Date(sessionRow(userId).expiresAt).getTime();

/** The status of a socket upgrade to a report with these credentials (101 when opened). */
function upgrade(user: TestUser, reportId: string, cookie = user.cookie): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${s.base.replace('http', 'ws')}/api/sync/${reportId}`, { headers: { cookie }, origin: s.base });
    ws.on('open', () => { ws.close(); resolve(101); });
    ws.on('unexpected-response', (_req, res) => { resolve(res.statusCode ?? 0); ws.terminate(); });
    ws.on('error', () => resolve(0));
  });
}

/** The status of an API request made with this Cookie header. */
const statusWith = async (cookie: string) => (await fetch(`${s.base}/api/spaces`, { headers: { cookie, origin: s.base } })).status;

/** The user's cookie header with the session cookie's value replaced. */
const withSession = (user: TestUser, value: string) => Object.entries({ ...user.cookies, [NAME]: value }).map(([k, v]) => `${k}=${v}`).join('; ');

describe('reading the session behind a request', () => {
  it('takes a signed-in user, and refuses a forged signature, a token without one, and a second session cookie', async () => {
    const [ada, bo] = await signedUp(s.base, 'Ada', 'Bo');
    const reportId = (await ada.call('POST', `/api/spaces/${await spaceWith(ada)}/reports`, { week: '2025-W12' })).json.id as string;
    expect((await ada.call('GET', '/api/spaces')).status).toBe(200);
    expect(await upgrade(ada, reportId)).toBe(101);

    const token = sessionRow(ada.id).token;
    const signed = decodeURIComponent(ada.cookies[NAME]);
    const forged = encodeURIComponent(`${token}.${Buffer.alloc(32, 7).toString('base64')}`);
    for (const value of [forged, encodeURIComponent(token), encodeURIComponent(`${token}.`), '']) {
      const cookie = withSession(ada, value);
      expect(await statusWith(cookie), value).toBe(401);
      expect(await upgrade(ada, reportId, cookie), value).toBe(401);
    }
    // Bo's valid session token signed as Ada's is still Bo's cookie only if the signature is Bo's: a valid-looking
    // pair from two sessions is refused.
    const boToken = sessionRow(bo.id).token;
    const mixed = encodeURIComponent(`${boToken}.${signed.slice(signed.lastIndexOf('.') + 1)}`);
    expect(await statusWith(withSession(ada, mixed))).toBe(401);
    // Two session cookies: what better-auth makes of it (the first), never the fast path's guess.
    const both = `${NAME}=${bo.cookies[NAME]}; ${NAME}=${ada.cookies[NAME]}`;
    expect(await statusWith(both)).toBe(200);
    expect(await upgrade(bo, reportId, both)).toBe(403); // Bo's session: not a member of Ada's space
  });

  it('refuses an expired session and one signed out, and a deleted user', async () => {
    const [cy, di] = await signedUp(s.base, 'Cy', 'Di');
    const reportId = (await cy.call('POST', `/api/spaces/${await spaceWith(cy)}/reports`, { week: '2025-W13' })).json.id as string;
    setExpiry(cy.id, new Date(Date.now() - 60_000));
    expect((await cy.call('GET', '/api/spaces')).status).toBe(401);
    expect(await upgrade(cy, reportId)).toBe(401);

    const cookie = di.cookie;
    expect((await di.call('POST', '/api/auth/sign-out', {})).status).toBe(200);
    expect(await statusWith(cookie)).toBe(401);

    const [ed] = await signedUp(s.base, 'Ed');
    s.db.sqlite!.prepare('delete from user where id = ?').run(ed.id);
    expect((await ed.call('GET', '/api/spaces')).status).toBe(401);
  });

  it('leaves a session due for its refresh to better-auth, which extends it; a fresh one is not written to', async () => {
    const [fay] = await signedUp(s.base, 'Fay');
    // Sessions last 7 days and are extended once a day old: 5.5 days left is due.
    setExpiry(fay.id, new Date(Date.now() + 5.5 * DAY));
    expect((await fay.call('GET', '/api/spaces')).status).toBe(200);
    expect(expiryOf(fay.id)).toBeGreaterThan(Date.now() + 6.9 * DAY);
    // 6.5 days left: not due, and reading it does not move it.
    const fresh = new Date(Date.now() + 6.5 * DAY);
    setExpiry(fay.id, fresh);
    expect((await fay.call('GET', '/api/spaces')).status).toBe(200);
    expect(expiryOf(fay.id)).toBe(fresh.getTime());
  });
});
