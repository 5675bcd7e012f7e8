import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { connect, eventually, signedUp, spaceWith, TestUser } from '../helpers/client.js';
import { freshDatabase, PG_URL, REDIS_URL } from '../helpers/postgres.js';
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';
import { sampleDoc, writeDoc } from './docs.js';
import { openEvents } from './sse.js';

/** The same user signed in on another server process of the deployment. */
async function onServer(user: TestUser, base: string) {
  const other = Object.assign(Object.create(Object.getPrototypeOf(user)), user, { base, cookies: {} }) as TestUser;
  const r = await other.call('POST', '/api/auth/sign-in/email', { email: user.email, password: 'correct horse battery 9' });
  if (r.status !== 200) throw new Error(`sign-in failed: ${r.text}`);
  return other;
}

/** Comments, notifications, next week and history on PostgreSQL, with events crossing server processes over Redis. */
describe.skipIf(!PG_URL || !REDIS_URL)('comments and history on PostgreSQL + Redis, two servers', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let s1: TestServer, s2: TestServer;
  let own: TestUser, com: TestUser, com2: TestUser, own2: TestUser;
  let reportId: string;

  beforeAll(async () => {
    db = await freshDatabase();
    const dataDir = tempDataDir();
    s1 = await startTestServer({ databaseUrl: db.url, redisUrl: REDIS_URL, dataDir });
    s2 = await startTestServer({ databaseUrl: db.url, redisUrl: REDIS_URL, dataDir });
    [own, com] = await signedUp(s1.base, 'Own', 'Com');
    const spaceId = await spaceWith(own, [[com, 'commenter']]);
    own2 = await onServer(own, s2.base);
    com2 = await onServer(com, s2.base);
    reportId = (await own.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' })).json.id;
    const conn = connect(own, reportId);
    await conn.synced;
    writeDoc(conn, sampleDoc(own.id));
    await eventually(async () => (await com2.call('POST', `/api/reports/${reportId}/comments`, { blockId: 'okr1', body: 'warm-up' })).status === 201, 'doc stored');
    conn.close();
  });
  afterAll(async () => {
    await s1?.close();
    await s2?.close();
    await db?.drop();
  });

  it('a comment made on one server reaches report and inbox streams on the other', async () => {
    const reportStream = openEvents(own2, `/api/reports/${reportId}/events`);
    const inboxStream = openEvents(own2, '/api/notifications/events');
    await Promise.all([reportStream.ready, inboxStream.ready]);
    const c = await com.call('POST', `/api/reports/${reportId}/comments`, { blockId: 'okr2', body: 'cross-server @Own' });
    expect(c.status).toBe(201);
    await eventually(() => reportStream.events.find((e) => e.event === 'comment' && e.data.comment.id === c.json.id), 'report event on s2');
    await eventually(() => inboxStream.events.find((e) => e.event === 'notification' && e.data.notification.commentId === c.json.id), 'inbox event on s2');
    // Exactly once, although the publishing server also delivers locally.
    expect(reportStream.events.filter((e) => e.event === 'comment' && e.data.comment.id === c.json.id)).toHaveLength(1);
    reportStream.close();
    inboxStream.close();

    const r = await own2.call('PATCH', `/api/comments/${c.json.id}`, { resolved: true });
    expect(r.status).toBe(200);
    const list = (await com.call('GET', `/api/reports/${reportId}/comments`)).json;
    expect(list.find((x: any) => x.id === c.json.id)).toMatchObject({ resolved: true, detached: false, author: { name: 'Com' } });
    expect((await own2.call('GET', '/api/notifications')).json.unread).toBeGreaterThan(0);
  });

  it('tells a member mentioned in the document on one server, in their inbox on the other', async () => {
    const conn = connect(own, reportId);
    await conn.synced;
    const doc = sampleDoc(own.id);
    doc.content!.push({ type: 'paragraph', content: [{ type: 'text', text: '请 ' }, { type: 'mention', attrs: { id: com.id, label: 'Com', by: own.id } }] });
    writeDoc(conn, doc);
    const told = await eventually(async () => (await com2.call('GET', '/api/notifications')).json.items.find((n: any) => n.kind === 'doc_mention'), 'doc mention told');
    expect(told).toMatchObject({ reportId, actor: { name: 'Own' }, excerpt: '请 @Com' });
    conn.close();
  });

  it('starts next week and restores a version on PostgreSQL', async () => {
    const saved = await own2.call('POST', `/api/reports/${reportId}/history`);
    expect(saved.status).toBe(201);
    const next = await own.call('POST', `/api/reports/${reportId}/next`);
    expect(next.status).toBe(201);
    expect((await own2.call('POST', `/api/reports/${reportId}/next`)).status).toBe(409);
    const items = (await own2.call('GET', `/api/reports/${next.json.id}/items`)).json;
    expect(items.okrs.map((o: any) => o.fromId)).toEqual(['okr1', 'okr2']);
    const view = await own2.call('GET', `/api/reports/${reportId}/history/${saved.json.id}`);
    expect(JSON.stringify(view.json.doc)).toContain('物保三期');
    expect(view.json.diff).toEqual({ added: [], removed: [], changed: [] });
    const atSnapshot = JSON.stringify(view.json.doc);

    // A change after the snapshot, typed on server 1 and stored in PostgreSQL (server 2 reads it).
    const conn = connect(own, reportId);
    await conn.synced;
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('after the snapshot')]);
    conn.frag.push([p]);
    await eventually(async () => (await own2.call('GET', `/api/reports/${reportId}/history/${saved.json.id}`)).json.diff.added.some((x: any) => x.text === 'after the snapshot'), 'the change stored, seen from s2');

    // Restored on server 2: the client on server 1 follows, and both servers read the snapshot's content back.
    const r = await own2.call('POST', `/api/reports/${reportId}/history/${saved.json.id}/restore`);
    expect(r.status).toBe(200);
    await eventually(() => JSON.stringify(yXmlFragmentToProsemirrorJSON(conn.frag)) === atSnapshot, 'the client on s1 shows the restored content');
    expect(conn.text()).not.toContain('after the snapshot');
    for (const u of [own, own2]) {
      const now = (await u.call('GET', `/api/reports/${reportId}/history/${saved.json.id}`)).json;
      expect(now.diff, u.base).toEqual({ added: [], removed: [], changed: [] });
    }
    const before = (await own.call('GET', `/api/reports/${reportId}/history/${r.json.before}`)).json;
    expect(JSON.stringify(before.doc)).toContain('after the snapshot');
    conn.close();
  });
});
