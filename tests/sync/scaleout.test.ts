import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendParagraph, connect, eventually, signedUp, spaceWith } from '../helpers/client.js';
import { freshDatabase, PG_URL, REDIS_URL } from '../helpers/postgres.js';
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';

/**
 * Scale-out: two server processes on one PostgreSQL database and one Redis serve the same report.
 * (Two servers in this test process; each has its own rooms, sockets and Redis connections.)
 */
describe.skipIf(!PG_URL || !REDIS_URL)('PostgreSQL + Redis, two servers', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let s1: TestServer, s2: TestServer;
  beforeAll(async () => {
    db = await freshDatabase();
    // Processes of one deployment share the auth secret (here through one DATA_DIR; in production BETTER_AUTH_SECRET).
    const dataDir = tempDataDir();
    s1 = await startTestServer({ databaseUrl: db.url, redisUrl: REDIS_URL, dataDir });
    s2 = await startTestServer({ databaseUrl: db.url, redisUrl: REDIS_URL, dataDir });
  });
  afterAll(async () => {
    await s1?.close();
    await s2?.close();
    await db?.drop();
  });

  it('serves accounts, spaces and reports from PostgreSQL on either server', async () => {
    const [owner] = await signedUp(s1.base, 'PgOwner');
    const spaceId = await spaceWith(owner);
    // The same account, signed in on the other server.
    const other = Object.assign(Object.create(Object.getPrototypeOf(owner)), owner, { base: s2.base, cookies: {} });
    const signIn = await other.call('POST', '/api/auth/sign-in/email', { email: owner.email, password: 'correct horse battery 9' });
    expect(signIn.status).toBe(200);
    expect((await other.call('GET', '/api/spaces')).json).toEqual([{ id: spaceId, name: 'Payments', role: 'owner' }]);
    expect((await other.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' })).status).toBe(201);
    const dup = await owner.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' });
    expect(dup.status).toBe(409);
  });

  it('relays edits and presence between clients on different servers, and stores them once', async () => {
    const [a] = await signedUp(s1.base, 'OnOne');
    const spaceId = await spaceWith(a);
    const report = (await a.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W13' })).json;
    const b = Object.assign(Object.create(Object.getPrototypeOf(a)), a, { base: s2.base, cookies: { ...a.cookies } });
    const ca = connect(a, report.id), cb = connect(b, report.id);
    await Promise.all([ca.synced, cb.synced]);
    appendParagraph(ca, 'from server one');
    appendParagraph(cb, 'from server two');
    await eventually(() => ca.text().includes('from server two') && cb.text().includes('from server one') && ca.text() === cb.text(), 'cross-server convergence');
    ca.provider.awareness.setLocalStateField('user', { name: 'A on s1' });
    await eventually(() => [...cb.provider.awareness.getStates().values()].some((st: any) => st.user?.name === 'A on s1'), 'cross-server presence');
    ca.close(); cb.close();
    await s1.rooms.closeAll();
    await s2.rooms.closeAll();
    // A fresh load (from PostgreSQL) has both edits, each once.
    const c = connect(a, report.id);
    await c.synced;
    expect(c.text().match(/from server one/g)).toHaveLength(1);
    expect(c.text().match(/from server two/g)).toHaveLength(1);
    c.close();
  });

  it('a large report folded on release by one server opens from its snapshot on the other, and edits meet on both', async () => {
    const [a] = await signedUp(s1.base, 'LargeOnOne');
    const spaceId = await spaceWith(a);
    const report = (await a.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W14' })).json;
    const b = Object.assign(Object.create(Object.getPrototypeOf(a)), a, { base: s2.base, cookies: { ...a.cookies } });
    const writer = connect(a, report.id);
    await writer.synced;
    writer.doc.transact(() => { for (let i = 0; i < 500; i++) appendParagraph(writer, `第${i}段：收银台改版进度与贝易转联调，计划上线日期待定。`.repeat(2)); });
    await eventually(async () => { const c = connect(a, report.id); try { await c.synced; return c.frag.length === 500; } finally { c.close(); } }, 'stored', 15_000, 100);
    writer.close();
    await eventually(() => !s1.rooms.has(report.id), 'released on server one', 10_000, 20);
    // Released on server one: its log is folded (PostgreSQL's compaction, queued on the room's writes).
    const { rows } = await s1.db.pool!.query('select count(*)::int as n from doc_update where doc_id = $1', [report.id]);
    await eventually(async () => (await s1.db.pool!.query('select count(*)::int as n from doc_update where doc_id = $1', [report.id])).rows[0].n === 0, `log folded (${rows[0].n} rows at release)`, 10_000, 50);
    // Fresh clients on server two get the whole report; edits on either server reach both.
    const cb = connect(b, report.id);
    const ca = connect(a, report.id);
    await Promise.all([ca.synced, cb.synced]);
    expect(cb.frag.length).toBe(500);
    appendParagraph(cb, 'from server two, after the snapshot');
    appendParagraph(ca, 'from server one, after the snapshot');
    await eventually(() => ca.frag.length === 502 && cb.frag.length === 502 && ca.text() === cb.text(), 'both edits on both servers', 15_000, 50);
    ca.close(); cb.close();
    await s1.rooms.closeAll();
    await s2.rooms.closeAll();
    const c = connect(a, report.id);
    await c.synced;
    expect(c.frag.length).toBe(502);
    c.close();
  });
});
