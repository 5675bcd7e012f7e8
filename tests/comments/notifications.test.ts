import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connect, eventually, signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { mentionedMembers } from '../../server/domain/notifications.js';
import { sampleDoc, writeDoc } from './docs.js';
import { eventsStatus, openEvents } from './sse.js';
import { MAX_STREAMS_PER_USER } from '../../server/events/sse.js';

let s: TestServer;
let own: TestUser, edi: TestUser, com: TestUser, vie: TestUser, out: TestUser;
let reportId: string;

const inbox = async (u: TestUser) => (await u.call('GET', '/api/notifications')).json as { items: any[]; unread: number };
const post = (u: TestUser, body: unknown) => u.call('POST', `/api/reports/${reportId}/comments`, body);

beforeAll(async () => {
  s = await startTestServer();
  [own, edi, com, vie, out] = await signedUp(s.base, 'Own', 'Editor', 'Com', 'Vie', 'Out');
  const spaceId = await spaceWith(own, [[edi, 'editor'], [com, 'commenter'], [vie, 'viewer']]);
  reportId = (await own.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' })).json.id;
  const conn = connect(own, reportId);
  await conn.synced;
  writeDoc(conn, sampleDoc(edi.id)); // okr1 is owned by Editor
  await eventually(async () => (await s.rooms.peek(reportId))?.doc.getXmlFragment('default').toString().includes('okr1'), 'server has the document');
  conn.close();
});
afterAll(async () => {
  await s?.close();
});

describe('mentions', () => {
  it('finds members by @name or @email, not by partial names or outsiders', () => {
    const members = [
      { userId: 'a', name: 'Ann', email: 'ann@x.com' },
      { userId: 'b', name: 'Annabel Lee', email: 'al@x.com' },
      { userId: 'c', name: '张三', email: 'zs@x.com' },
    ];
    expect(mentionedMembers('hi @ann, see', members)).toEqual(['a']);
    expect(mentionedMembers('@Annabel Lee 看一下', members)).toEqual(['b']);
    expect(mentionedMembers('请@张三确认', members)).toEqual(['c']);
    expect(mentionedMembers('mail @al@x.com.', members)).toEqual(['b']);
    expect(mentionedMembers('@annie and @nobody and ann@x.com', members)).toEqual([]);
  });
});

describe('notifications', () => {
  it('tells mentioned members and the OKR item owner, live, with an unread count', async () => {
    const viewerStream = openEvents(vie, '/api/notifications/events');
    const ownerStream = openEvents(edi, '/api/notifications/events');
    await Promise.all([viewerStream.ready, ownerStream.ready]);
    const c = await post(com, { blockId: 'okr1', body: '上线日期还来得及吗 @Vie @Out @com' });
    expect(c.status).toBe(201);

    // Viewer was mentioned; Editor owns okr1; the outsider is no member; the author is not told about themself.
    const v = await eventually(() => viewerStream.events.find((e) => e.event === 'notification'), 'viewer notified live') as { data: any };
    expect(v.data.notification).toMatchObject({ kind: 'mention', reportId, commentId: c.json.id, blockId: 'okr1', actor: { name: 'Com' }, read: false, week: '2024-W12' });
    expect(v.data.unread).toBe(1);
    const o = await eventually(() => ownerStream.events.find((e) => e.event === 'notification'), 'owner notified live') as { data: any };
    expect(o.data.notification.kind).toBe('owner');
    expect((await inbox(out)).items).toEqual([]);
    expect((await inbox(com)).items).toEqual([]);
    viewerStream.close();
    ownerStream.close();

    const vi = await inbox(vie);
    expect(vi.unread).toBe(1);
    expect(vi.items[0].excerpt).toContain('上线日期');
  });

  it('tells a thread author about replies, once per comment even when also mentioned', async () => {
    const root = await post(com, { blockId: 'okr2', body: 'root by Com' });
    const before = (await inbox(com)).items.length;
    await post(own, { body: 'reply @Com', parentId: root.json.id });
    const after = (await inbox(com)).items;
    expect(after.length).toBe(before + 1);
    expect(after[0].kind).toBe('mention');
  });

  it('cuts a long excerpt between characters, not inside an emoji (probe: it ended in U+FFFD)', async () => {
    const body = `@Editor ${'好'.repeat(191)}😀😀`; // the 200th UTF-16 unit is the first half of an emoji
    await post(own, { blockId: 'okr2', body });
    const got = (await inbox(edi)).items[0].excerpt as string;
    expect(got).toBe(body.slice(0, 199));
    expect(got).not.toContain('\uFFFD');
  });

  it('lists newest first and marks read by ids or all', async () => {
    await post(own, { blockId: 'okr2', body: 'one @Editor' });
    await post(own, { blockId: 'okr2', body: 'two @Editor' });
    const list = await inbox(edi);
    expect(list.items[0].excerpt).toBe('two @Editor');
    expect(list.items[1].excerpt).toBe('one @Editor');
    expect(list.unread).toBe(list.items.length);
    const r = await edi.call('POST', '/api/notifications/read', { ids: [list.items[0].id] });
    expect(r.status).toBe(200);
    expect(r.json.unread).toBe(list.unread - 1);
    // Someone else's notification ids change nothing.
    await vie.call('POST', '/api/notifications/read', { ids: [list.items[1].id] });
    expect((await inbox(edi)).items[1].read).toBe(false);
    expect((await edi.call('POST', '/api/notifications/read', { all: true })).json.unread).toBe(0);
    expect((await inbox(edi)).items.every((n) => n.read)).toBe(true);
    expect((await edi.call('POST', '/api/notifications/read', { ids: [] })).status).toBe(400);
    expect((await edi.call('POST', '/api/notifications/read', {})).status).toBe(400);
  });
});

describe('event streams', () => {
  it(`one person holds at most ${MAX_STREAMS_PER_USER} at once (429 too_many_streams; a probe held 19,600 until the process ran out of file descriptors)`, async () => {
    const streams = Array.from({ length: MAX_STREAMS_PER_USER }, (_, i) => openEvents(com, i % 2 ? '/api/notifications/events' : `/api/reports/${reportId}/events`));
    await Promise.all(streams.map((x) => x.ready));
    const over = await fetch(`${com.base}/api/notifications/events`, { headers: { cookie: com.cookie, origin: com.base } });
    expect(over.status).toBe(429);
    expect((await over.json()).error.code).toBe('too_many_streams');
    expect(await eventsStatus(vie, '/api/notifications/events')).toBe(200); // someone else is not held to it
    streams[0].close();
    await eventually(async () => (await eventsStatus(com, '/api/notifications/events')) === 200, 'a closed stream frees its place');
    streams.forEach((x) => x.close());
  });

  it('belong to their server: another server of the process stopping leaves them open', async () => {
    const stream = openEvents(own, '/api/notifications/events');
    await stream.ready;
    const other = await startTestServer();
    await other.close();
    // Own's inbox stream on this server still delivers: a mention of Own, made after the other server stopped.
    expect((await post(edi, { blockId: 'okr1', body: '@Own 看一下这个' })).status).toBe(201);
    await eventually(() => stream.events.some((e) => e.event === 'notification'), 'the notification on the stream', 5000);
    stream.close();
  });
});
