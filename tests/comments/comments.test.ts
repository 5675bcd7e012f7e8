import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connect, eventually, signedUp, spaceWith, type Conn, type TestUser } from '../helpers/client.js';
import { sampleDoc, writeDoc } from './docs.js';
import { eventsStatus, openEvents } from './sse.js';

let s: TestServer;
let own: TestUser, edi: TestUser, com: TestUser, vie: TestUser, out: TestUser;
let reportId: string;
let conn: Conn;

const comments = async (u: TestUser = own) => (await u.call('GET', `/api/reports/${reportId}/comments`)).json as any[];
const post = (u: TestUser, body: unknown) => u.call('POST', `/api/reports/${reportId}/comments`, body);

beforeAll(async () => {
  s = await startTestServer();
  [own, edi, com, vie, out] = await signedUp(s.base, 'Own', 'Editor', 'Com', 'Vie', 'Out');
  const spaceId = await spaceWith(own, [[edi, 'editor'], [com, 'commenter'], [vie, 'viewer']]);
  await spaceWith(out, [], 'elsewhere');
  reportId = (await own.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' })).json.id;
  conn = connect(own, reportId);
  await conn.synced;
  writeDoc(conn, sampleDoc(edi.id)); // okr1 is owned by Edi
  await eventually(async () => (await post(own, { blockId: 'okr1', body: 'first' })).status === 201, 'the server has the document');
});
afterAll(async () => {
  conn?.close();
  await s?.close();
});

describe('comment threads', () => {
  it('opens a thread on a block, replies, and lists them with author and time', async () => {
    const c1 = await post(com, { blockId: 'kpi1', body: '这个指标的目标是多少？' });
    expect(c1.status).toBe(201);
    expect(c1.json.id).toEqual(expect.any(String));
    const r1 = await post(own, { blockId: 'kpi1', body: '99.99%', parentId: c1.json.id });
    expect(r1.status).toBe(201);
    // A reply to a reply joins the same thread.
    const r2 = await post(edi, { body: '同意', parentId: r1.json.id });
    expect(r2.status).toBe(201);
    const list = await comments(vie);
    const thread = list.filter((c) => c.id === c1.json.id || c.parentId === c1.json.id);
    expect(thread.map((c) => c.body)).toEqual(['这个指标的目标是多少？', '99.99%', '同意']);
    expect(thread[0]).toMatchObject({ blockId: 'kpi1', parentId: null, resolved: false, detached: false, author: { id: com.id, name: 'Com' } });
    expect(thread[2]).toMatchObject({ blockId: 'kpi1', parentId: c1.json.id, author: { name: 'Editor' } });
    expect(Date.parse(thread[0].createdAt)).not.toBeNaN();
  });

  it('resolves and reopens a thread (any commenter), replies follow their thread', async () => {
    const c = await post(own, { blockId: 'okr2', body: '进度？' });
    const reply = await post(edi, { body: '下周给', parentId: c.json.id });
    expect((await com.call('PATCH', `/api/comments/${c.json.id}`, { resolved: true })).status).toBe(200);
    let list = await comments();
    expect(list.find((x) => x.id === c.json.id).resolved).toBe(true);
    expect(list.find((x) => x.id === reply.json.id).resolved).toBe(true);
    // Resolving through a reply reopens/resolves the thread it belongs to.
    expect((await edi.call('PATCH', `/api/comments/${reply.json.id}`, { resolved: false })).status).toBe(200);
    list = await comments();
    expect(list.find((x) => x.id === c.json.id).resolved).toBe(false);
  });

  it('lets authors edit their own comment, nobody else', async () => {
    const c = await post(com, { blockId: 'okr1', body: 'typo here' });
    expect((await own.call('PATCH', `/api/comments/${c.json.id}`, { body: 'hacked' })).status).toBe(403);
    expect((await edi.call('PATCH', `/api/comments/${c.json.id}`, { body: 'hacked' })).status).toBe(403);
    const ok = await com.call('PATCH', `/api/comments/${c.json.id}`, { body: 'fixed' });
    expect(ok.status).toBe(200);
    expect(ok.json.body).toBe('fixed');
    expect((await comments()).find((x) => x.id === c.json.id).body).toBe('fixed');
  });

  it('enforces roles: viewers read only, outsiders see nothing', async () => {
    const c = await post(own, { blockId: 'okr1', body: 'roles' });
    expect((await post(vie, { blockId: 'okr1', body: 'x' })).status).toBe(403);
    expect((await vie.call('PATCH', `/api/comments/${c.json.id}`, { resolved: true })).status).toBe(403);
    expect((await comments(vie)).some((x) => x.id === c.json.id)).toBe(true);
    expect((await post(out, { blockId: 'okr1', body: 'x' })).status).toBe(404);
    expect((await out.call('GET', `/api/reports/${reportId}/comments`)).status).toBe(404);
    expect((await out.call('PATCH', `/api/comments/${c.json.id}`, { resolved: true })).status).toBe(404);
    expect(await eventsStatus(out, `/api/reports/${reportId}/events`)).toBe(404);
    for (const u of [own, edi, com]) expect((await post(u, { blockId: 'okr1', body: `by ${u.name}` })).status).toBe(201);
  });

  it('refuses bad input with the contract error shape and writes nothing', async () => {
    const before = (await comments()).length;
    const cases: [unknown, string][] = [
      [{ blockId: 'okr1', body: '' }, 'invalid_input'],
      [{ blockId: 'okr1', body: '   ' }, 'invalid_input'],
      [{ blockId: 'okr1' }, 'invalid_input'],
      [{ body: 'no anchor' }, 'invalid_input'],
      [{ blockId: 'nope', body: 'unknown block' }, 'unknown_block'],
      // A text range that is nowhere in the document would be detached from birth.
      [{ anchor: { from: 'garbage', to: 'junk' }, body: 'x' }, 'invalid_anchor'],
      [{ anchor: { from: Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(new Y.Doc().getText('t'), 0))).toString('base64'), to: 'AAAA' }, body: 'x' }, 'invalid_anchor'],
      [{ blockId: 'okr1', body: 'x', parentId: 'no-such-comment' }, 'invalid_parent'],
    ];
    for (const [body, code] of cases) {
      const r = await post(own, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.error.code).toBe(code);
    }
    expect((await own.call('PATCH', `/api/comments/${(await comments())[0].id}`, {})).status).toBe(400);
    expect((await own.call('PATCH', '/api/comments/nope', { resolved: true })).status).toBe(404);
    expect((await comments()).length).toBe(before);
  });

  it('does not take a parent from another report', async () => {
    const spaceId = await spaceWith(own, [], 'other');
    const other = (await own.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W13' })).json.id;
    const oc = connect(own, other);
    await oc.synced;
    writeDoc(oc, sampleDoc());
    await eventually(async () => (await own.call('POST', `/api/reports/${other}/comments`, { blockId: 'okr1', body: 'there' })).status === 201, 'other report ready');
    const theirs = (await own.call('GET', `/api/reports/${other}/comments`)).json[0];
    const r = await post(own, { blockId: 'okr1', body: 'cross', parentId: theirs.id });
    expect(r.status).toBe(400);
    oc.close();
  });

  it('marks threads detached when their block is deleted, and keeps them readable', async () => {
    const c = await post(com, { blockId: 'okr2', body: 'on okr2' });
    expect((await comments()).find((x) => x.id === c.json.id).detached).toBe(false);
    // Delete the OKR item in the live document.
    conn.doc.transact(() => {
      const i = conn.frag.toArray().findIndex((n) => n instanceof Y.XmlElement && n.getAttribute('blockId') === 'okr2');
      conn.frag.delete(i, 1);
    });
    await eventually(async () => (await comments(vie)).find((x) => x.id === c.json.id)?.detached === true, 'thread detached');
    const detached = (await comments(vie)).filter((x) => x.detached);
    expect(detached.map((x) => x.body)).toContain('on okr2');
    // Still detached once the room is closed and the document is read from storage.
    conn.close();
    await eventually(async () => !(await s.rooms.peek(reportId)), 'room released');
    expect((await comments()).find((x) => x.id === c.json.id).detached).toBe(true);
    expect((await comments()).find((x) => x.blockId === 'okr1').detached).toBe(false);
    conn = connect(own, reportId);
    await conn.synced;
  });

  it('hangs a thread on a text range and detaches it when the text is deleted', async () => {
    const para = conn.frag.toArray().find((n) => n instanceof Y.XmlElement && n.getAttribute('blockId') === 'kp1') as Y.XmlElement;
    const text = (para.get(0) as Y.XmlElement).get(0) as Y.XmlText; // keyProject > paragraph > text
    expect(text.toString()).toBe('立项完成');
    const enc = (i: number) => Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, i))).toString('base64');
    const r = await post(com, { anchor: { from: enc(0), to: enc(2), quote: '立项' }, body: '哪天立项？' });
    expect(r.status).toBe(201);
    // Text typed before the range does not detach it.
    text.insert(0, '已');
    await eventually(async () => text.toString() === '已立项完成', 'edit applied');
    const list = await eventually(async () => {
      const l = await comments();
      return l.find((x) => x.id === r.json.id)?.detached === false ? l : null;
    }, 'attached') as any[];
    expect(list.find((x) => x.id === r.json.id).anchor.quote).toBe('立项');
    text.delete(0, text.length);
    await eventually(async () => (await comments()).find((x) => x.id === r.json.id)?.detached === true, 'range detached');
  });

  it('takes a range in text the server has not received yet (typed and commented on at once), and it is attached once the text comes', async () => {
    // The edit is made in a document of its own, not sent: the comment's request gets there first.
    const later = new Y.Doc();
    Y.applyUpdate(later, Y.encodeStateAsUpdate(conn.doc));
    const para = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    text.insert(0, '刚输入的文字');
    para.insert(0, [text]);
    later.getXmlFragment('default').push([para]);
    const enc = (i: number) => Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, i))).toString('base64');
    const r = await post(com, { anchor: { from: enc(0), to: enc(3), quote: '刚输入' }, body: '这是什么？' });
    expect(r.status).toBe(201);
    Y.applyUpdate(conn.doc, Y.encodeStateAsUpdate(later, Y.encodeStateVector(conn.doc)));
    await eventually(async () => (await comments()).find((x) => x.id === r.json.id)?.detached === false, 'attached once the text is there');
    // A range in text that was there and is gone is still refused.
    text.delete(0, text.length);
    Y.applyUpdate(conn.doc, Y.encodeStateAsUpdate(later, Y.encodeStateVector(conn.doc)));
    await eventually(async () => (await comments()).find((x) => x.id === r.json.id)?.detached === true, 'detached once deleted');
    const gone = await post(com, { anchor: { from: enc(0), to: enc(3) }, body: 'x' });
    expect(gone.status).toBe(400);
    expect(gone.json.error.code).toBe('invalid_anchor');
  });
});

describe('live comments', () => {
  it('a comment, a reply, an edit and a resolve reach another open client without reload', async () => {
    const stream = openEvents(vie, `/api/reports/${reportId}/events`);
    await stream.ready;
    const c = await post(com, { blockId: 'okr1', body: 'live one' });
    const got = (pred: (e: any) => boolean, what: string) => eventually(() => stream.events.find((e) => e.event === 'comment' && pred(e.data)), what) as Promise<{ data: any }>;
    const created = await got((d) => d.action === 'created' && d.comment.id === c.json.id, 'created event');
    expect(created.data.comment).toMatchObject({ body: 'live one', blockId: 'okr1', author: { name: 'Com' } });
    const r = await post(own, { body: 'live reply', parentId: c.json.id });
    await got((d) => d.action === 'created' && d.comment.id === r.json.id && d.comment.parentId === c.json.id, 'reply event');
    await com.call('PATCH', `/api/comments/${c.json.id}`, { body: 'live one, edited' });
    await got((d) => d.action === 'updated' && d.comment.body === 'live one, edited', 'edit event');
    await own.call('PATCH', `/api/comments/${c.json.id}`, { resolved: true });
    await got((d) => d.action === 'updated' && d.comment.id === c.json.id && d.comment.resolved === true, 'resolve event');
    stream.close();
  });

  it('one stream per page carries both the report\'s events and the user\'s notifications', async () => {
    const stream = openEvents(vie, `/api/notifications/events?report=${reportId}`);
    await stream.ready;
    const c = await post(com, { blockId: 'okr1', body: 'both at once @Vie' });
    await eventually(() => stream.events.find((e) => e.event === 'comment' && e.data.comment.id === c.json.id), 'report event');
    await eventually(() => stream.events.find((e) => e.event === 'notification' && e.data.notification.commentId === c.json.id), 'notification');
    stream.close();
    expect(await eventsStatus(out, `/api/notifications/events?report=${reportId}`)).toBe(404);
  });
});
