import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUp, spaceWith, TestUser } from '../helpers/client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(async () => { await s.close(); });

describe('auth', () => {
  it('signs up, keeps a session cookie, and signs out', async () => {
    const [u] = await signedUp(s.base, 'Ann');
    const me = await u.call('GET', '/api/auth/get-session');
    expect(me.json.user.email).toBe(u.email);
    expect((await u.call('POST', '/api/auth/sign-out', {})).status).toBe(200);
    expect((await u.call('GET', '/api/spaces')).status).toBe(401);
  });

  it('refuses app routes without a session, in the error shape', async () => {
    const anon = new TestUser(s.base, 'anon');
    const r = await anon.call('GET', '/api/spaces');
    expect(r.status).toBe(401);
    expect(r.json).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it('refuses cookie writes from a foreign or missing Origin and writes nothing', async () => {
    const [u] = await signedUp(s.base, 'Oz');
    const foreign = await u.call('POST', '/api/spaces', { name: 'evil' }, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const r = await fetch(s.base + '/api/spaces', { method: 'POST', headers: { cookie: u.cookie, 'content-type': 'application/json' }, body: '{"name":"no-origin"}' });
    expect(r.status).toBe(403);
    expect((await u.call('GET', '/api/spaces')).json).toEqual([]);
  });
});

describe('spaces and members', () => {
  it('creates a space with the creator as owner and adds members by role', async () => {
    const [owner, ed, out] = await signedUp(s.base, 'Owner', 'Ed', 'Out');
    const sp = await owner.call('POST', '/api/spaces', { name: 'Payments' });
    expect(sp.status).toBe(201);
    expect(sp.json).toEqual({ id: expect.any(String), name: 'Payments' });
    expect((await owner.call('GET', '/api/spaces')).json).toEqual([{ id: sp.json.id, name: 'Payments', role: 'owner' }]);
    expect((await owner.call('POST', `/api/spaces/${sp.json.id}/members`, { email: ed.email, role: 'editor' })).status).toBe(201);
    expect((await ed.call('GET', '/api/spaces')).json).toEqual([{ id: sp.json.id, name: 'Payments', role: 'editor' }]);
    // only owners add members
    expect((await ed.call('POST', `/api/spaces/${sp.json.id}/members`, { email: out.email, role: 'viewer' })).status).toBe(403);
    // outsiders do not see the space
    expect((await out.call('GET', `/api/spaces/${sp.json.id}/reports`)).status).toBe(404);
    const members = (await ed.call('GET', `/api/spaces/${sp.json.id}/members`)).json;
    expect(members.map((m: any) => [m.name, m.role])).toEqual([['Owner', 'owner'], ['Ed', 'editor']]);
  });

  it('answers bad input with 400 and writes nothing', async () => {
    const [owner, other] = await signedUp(s.base, 'Bo', 'Cy');
    const id = await spaceWith(owner);
    const bad = await owner.call('POST', `/api/spaces/${id}/members`, { email: other.email, role: 'god' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('invalid_input');
    expect((await owner.call('POST', '/api/spaces', { name: '' })).status).toBe(400);
    const notJson = await owner.call('POST', '/api/spaces', '{nope', { 'content-type': 'application/json' });
    expect(notJson.status).toBe(400);
    expect(notJson.json.error.code).toMatch(/invalid/);
    // An email no account uses is invited, not a member (tests/server/invites.test.ts).
    expect((await owner.call('POST', `/api/spaces/${id}/members`, { email: 'nobody@example.com', role: 'viewer' })).status).toBe(201);
    expect((await owner.call('GET', `/api/spaces/${id}/members`)).json).toHaveLength(1);
    expect((await owner.call('GET', '/api/spaces')).json).toHaveLength(1);
  });

  it('refuses text with a lone surrogate, and a JSON body that is not UTF-8, with 400 and writes nothing', async () => {
    const [owner] = await signedUp(s.base, 'Sur');
    const id = await spaceWith(owner);
    const report = (await owner.call('POST', `/api/spaces/${id}/reports`, { week: '2024-W12' })).json.id;
    const json = { 'content-type': 'application/json' };
    // JSON.stringify writes a lone surrogate as an escape (`\ud800`), as a client sending one would.
    const cases: [string, string, unknown][] = [
      ['POST', '/api/spaces', { name: '\ud800abc' }],
      ['POST', '/api/spaces', { name: 'abc\udfff' }],
      ['PUT', `/api/spaces/${id}/objectives`, [{ code: 'O1', title: '业务\udc00服务' }]],
      ['POST', `/api/reports/${report}/comments`, { blockId: 'x', body: '\ud83d' }],
    ];
    for (const [method, path, body] of cases) {
      const r = await owner.call(method, path, JSON.stringify(body), json);
      expect(r.status, `${path}: ${r.text}`).toBe(400);
      expect(r.json.error.code).toBe('invalid_input');
      expect(r.json.error.message).toMatch(/surrogate/);
    }
    // A pair is a character (😀), not a lone surrogate.
    expect((await owner.call('POST', '/api/spaces', JSON.stringify({ name: '\ud83d\ude00 团队' }), json)).status).toBe(201);
    const bytes = new Uint8Array([...new TextEncoder().encode('{"name":"ab'), 0xff, 0xfe, ...new TextEncoder().encode('"}')]);
    const notUtf8 = await owner.call('POST', '/api/spaces', bytes, json);
    expect(notUtf8.status).toBe(400);
    expect(notUtf8.json.error.code).toBe('invalid_json');
    expect((await owner.call('GET', '/api/spaces')).json.map((x: any) => x.name).sort()).toEqual(['Payments', '😀 团队'].sort());
    expect((await owner.call('GET', `/api/spaces/${id}/objectives`)).json.map((o: any) => o.code)).toEqual(['O1', 'O2', 'O3', 'O4']);
  });

  it('refuses objectives with a code twice, O0 or O01, or a title of only blank or zero-width characters', async () => {
    const [owner] = await signedUp(s.base, 'Oz');
    const id = await spaceWith(owner);
    const bad = [
      [{ code: 'O1', title: '一' }, { code: 'O1', title: '二' }],
      [{ code: 'O1', title: '一' }, { code: ' O1 ', title: '二' }],
      [{ code: 'O0', title: '零' }],
      [{ code: 'O01', title: '一' }],
      [{ code: 'O1', title: '\u200b\u200c\u200d\ufeff' }],
      [{ code: 'O1', title: ' \u3000\u00a0\u2060 ' }],
    ];
    for (const list of bad) {
      const r = await owner.call('PUT', `/api/spaces/${id}/objectives`, list);
      expect(r.status, JSON.stringify(list)).toBe(400);
      expect(r.json.error.code).toBe('invalid_input');
    }
    expect((await owner.call('GET', `/api/spaces/${id}/objectives`)).json.map((o: any) => o.code)).toEqual(['O1', 'O2', 'O3', 'O4']);
    const ok = await owner.call('PUT', `/api/spaces/${id}/objectives`, [{ code: 'O1', title: '业务' }, { code: 'O10', title: '十' }]);
    expect(ok.status, ok.text).toBe(200);
  });

  it('keeps default objectives that owners can edit', async () => {
    const [owner, ed] = await signedUp(s.base, 'Ob', 'Oe');
    const id = await spaceWith(owner, [[ed, 'editor']]);
    const objectives = (await owner.call('GET', `/api/spaces/${id}/objectives`)).json;
    expect(objectives.map((o: any) => `${o.code} ${o.title}`)).toEqual(['O1 业务服务', 'O2 能力升级', 'O3 平台治理', 'O4 支付 × AI']);
    const next = [...objectives, { code: 'O5', title: '安全合规' }];
    expect((await ed.call('PUT', `/api/spaces/${id}/objectives`, next)).status).toBe(403);
    expect((await owner.call('PUT', `/api/spaces/${id}/objectives`, next)).status).toBe(200);
    expect((await ed.call('GET', `/api/spaces/${id}/objectives`)).json).toHaveLength(5);
  });
});

describe('reports', () => {
  it('creates one report per ISO week, lists newest week first, 409 on a duplicate', async () => {
    const [owner, viewer] = await signedUp(s.base, 'Rb', 'Rv');
    const id = await spaceWith(owner, [[viewer, 'viewer']]);
    for (const week of ['2024-W12', '2024-W52', '2025-W01']) {
      const r = await owner.call('POST', `/api/spaces/${id}/reports`, { week });
      expect(r.status).toBe(201);
      expect(r.json).toEqual({ id: expect.any(String), week, title: expect.stringContaining(week) });
    }
    const dup = await owner.call('POST', `/api/spaces/${id}/reports`, { week: '2024-W12' });
    expect(dup.status).toBe(409);
    expect(dup.json.error.code).toBe('week_exists');
    const list = (await viewer.call('GET', `/api/spaces/${id}/reports`)).json;
    expect(list.map((r: any) => r.week)).toEqual(['2025-W01', '2024-W52', '2024-W12']);
    expect((await viewer.call('POST', `/api/spaces/${id}/reports`, { week: '2024-W13' })).status).toBe(403);
    const one = await viewer.call('GET', `/api/reports/${list[0].id}`);
    expect(one.json).toMatchObject({ id: list[0].id, spaceId: id, week: '2025-W01' });
  });

  it('refuses weeks that do not exist', async () => {
    const [owner] = await signedUp(s.base, 'Wk');
    const id = await spaceWith(owner);
    for (const week of ['2024-W54', '2021-W53', '2024-12', 'W12', '2024-W00']) {
      const r = await owner.call('POST', `/api/spaces/${id}/reports`, { week });
      expect(r.status, week).toBe(400);
      expect(r.json.error.message).toMatch(/ISO week/);
    }
    expect((await owner.call('POST', `/api/spaces/${id}/reports`, { week: '2020-W53' })).status).toBe(201);
    expect((await owner.call('GET', `/api/spaces/${id}/reports`)).json).toHaveLength(1);
  });

  it('hides reports from outsiders', async () => {
    const [owner, out] = await signedUp(s.base, 'Ho', 'Hx');
    const id = await spaceWith(owner);
    const rep = (await owner.call('POST', `/api/spaces/${id}/reports`, { week: '2024-W10' })).json;
    expect((await out.call('GET', `/api/reports/${rep.id}`)).status).toBe(404);
    expect((await out.call('GET', '/api/reports/nope')).status).toBe(404);
  });
});
