import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connect, eventually, signedUp, sleep, spaceWith, type Conn, type TestUser } from '../helpers/client.js';
import { mentionsIn } from '../../server/domain/docMentions.js';
import type { DocNode } from '../../shared/blocks/types.js';
import { sampleDoc, writeDoc } from './docs.js';
import { openEvents } from './sse.js';

let s: TestServer;
let own: TestUser, com: TestUser, vie: TestUser, out: TestUser, neu: TestUser;
let reportId: string;
let conn: Conn;

const inbox = async (u: TestUser) => (await u.call('GET', '/api/notifications')).json as { items: any[]; unread: number };
const at = (u: TestUser, by: TestUser): DocNode => ({ type: 'mention', attrs: { id: u.id, label: u.name, by: by.id } });

/** The sample report with a paragraph mentioning people, and an OKR item mentioning someone. */
function docWith(paragraph: DocNode[], inOkr: DocNode[] = []): DocNode {
  const doc = sampleDoc();
  const okr = doc.content!.find((n) => n.attrs?.blockId === 'okr2')!;
  okr.content = [{ type: 'paragraph', content: [{ type: 'text', text: '聚合支付：试点沟通 ' }, ...inOkr] }];
  doc.content!.push({ type: 'paragraph', content: [{ type: 'text', text: '请 ' }, ...paragraph, { type: 'text', text: ' 看一下' }] });
  return doc;
}

beforeAll(async () => {
  s = await startTestServer();
  [own, com, vie, out, neu] = await signedUp(s.base, 'Own', 'Com', 'Vie', 'Out', 'Neu');
  const spaceId = await spaceWith(own, [[com, 'commenter'], [vie, 'viewer'], [neu, 'viewer']]);
  reportId = (await own.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' })).json.id;
  conn = connect(own, reportId);
  await conn.synced;
});
afterAll(async () => {
  conn?.close();
  await s?.close();
});

describe('mentions in the document', () => {
  it('finds mentions with their block and text', () => {
    const found = mentionsIn(docWith([at(com, own)], [at(vie, own)]));
    expect(found).toEqual([
      { userId: vie.id, place: 'okr2', blockId: 'okr2', excerpt: '聚合支付：试点沟通 @Vie', by: own.id },
      { userId: com.id, place: 'doc', blockId: null, excerpt: '请 @Com 看一下', by: own.id },
    ]);
  });

  it('notifies members newly mentioned, once, live; not outsiders nor the writer', async () => {
    const stream = openEvents(com, '/api/notifications/events');
    await stream.ready;
    const first = docWith([at(com, own), { type: 'text', text: ' ' }, at(out, own), { type: 'text', text: ' ' }, at(own, own)], [at(vie, own)]);
    writeDoc(conn, first);
    const e = await eventually(() => stream.events.find((x) => x.event === 'notification'), 'Com told live') as { data: any };
    expect(e.data.notification).toMatchObject({ kind: 'doc_mention', reportId, commentId: null, blockId: null, actor: { id: own.id, name: 'Own' } });
    expect(e.data.notification.excerpt).toContain('@Com');
    stream.close();
    const v = await eventually(async () => (await inbox(vie)).items.find((n) => n.kind === 'doc_mention'), 'Vie told');
    expect(v.blockId).toBe('okr2');
    expect((await inbox(out)).items).toEqual([]);
    expect((await inbox(own)).items).toEqual([]);

    // More typing around the same mentions tells nobody again. The same typing mentions Neu for the first time:
    // Neu being told is the positive signal that the debounced check of this typing has run (one run, one
    // notification write for everyone it finds new); only then the absence of second notifications.
    const more = structuredClone(first);
    more.content!.push({ type: 'paragraph', content: [{ type: 'text', text: 'more text ' }, at(neu, own)] });
    writeDoc(conn, more);
    await eventually(async () => (await inbox(neu)).items.find((n) => n.kind === 'doc_mention' && n.reportId === reportId), 'Neu told: the check ran');
    expect((await inbox(com)).items.filter((n) => n.kind === 'doc_mention')).toHaveLength(1);
    expect((await inbox(vie)).items.filter((n) => n.kind === 'doc_mention')).toHaveLength(1);
  });

  it('does not tell again when next week carries the mention forward', async () => {
    const next = await own.call('POST', `/api/reports/${reportId}/next`);
    expect(next.status).toBe(201);
    const c2 = connect(own, next.json.id);
    await c2.synced;
    expect(c2.frag.toString()).toContain('mention'); // the OKR item's mention came along
    // An edit in the new week that mentions Com there: Com being told for next week shows the check ran on it.
    const json = yXmlFragmentToProsemirrorJSON(c2.frag) as DocNode;
    json.content!.push({ type: 'paragraph', content: [{ type: 'text', text: 'edit next week ' }, at(com, own)] });
    writeDoc(c2, json);
    await eventually(async () => (await inbox(com)).items.find((n) => n.kind === 'doc_mention' && n.reportId === next.json.id), 'Com told about next week: the check ran');
    expect((await inbox(vie)).items.filter((n) => n.kind === 'doc_mention')).toHaveLength(1);
    c2.close();
  });
});

describe('a second mention of the same person', () => {
  it('is told too when it was typed as a new mention (a second `@Com` days later went untold), once', async () => {
    const id = (await own.call('POST', `/api/spaces/${(await own.call('GET', `/api/reports/${reportId}`)).json.spaceId}/reports`, { week: '2024-W30' })).json.id as string;
    const c = connect(own, id);
    await c.synced;
    const typed = (mentionId: string): DocNode => ({ type: 'mention', attrs: { id: com.id, label: com.name, by: own.id, mentionId } });
    const told = async () => (await inbox(com)).items.filter((n) => n.kind === 'doc_mention' && n.reportId === id);
    const doc = sampleDoc();
    doc.content!.push({ type: 'paragraph', content: [{ type: 'text', text: '周一：请 ' }, typed('m-first'), { type: 'text', text: ' 确认' }] });
    writeDoc(c, doc);
    await eventually(async () => (await told()).length === 1, 'Com told of the first');
    // Days later, another paragraph mentions Com again.
    doc.content!.push({ type: 'paragraph', content: [{ type: 'text', text: '周四：上线时间？' }, typed('m-second')] });
    writeDoc(c, doc);
    const both = await eventually(async () => { const l = await told(); return l.length === 2 ? l : null; }, 'Com told of the second');
    expect(both!.map((n: any) => n.excerpt).join(' | ')).toContain('周四：上线时间？@Com');
    // The same two mentions, moved about and typed around, tell nobody again; a new mention of Neu shows the check ran.
    doc.content!.reverse();
    doc.content!.push({ type: 'paragraph', content: [{ type: 'text', text: '另外 ' }, { type: 'mention', attrs: { id: neu.id, label: neu.name, by: own.id, mentionId: 'm-neu' } }] });
    writeDoc(c, doc);
    await eventually(async () => (await inbox(neu)).items.find((n) => n.kind === 'doc_mention' && n.reportId === id), 'Neu told: the check ran');
    expect(await told()).toHaveLength(2);
    c.close();
  });
});

describe('who a mention is from', () => {
  it('is the person whose edit brought it, not the `by` a client wrote into it (probe: a restore sent it in the owner\'s name)', async () => {
    const [boss, ed, reader] = await signedUp(s.base, 'Boss', 'Ed', 'Reader');
    const spaceId = await spaceWith(boss, [[ed, 'editor'], [reader, 'viewer']]);
    const id = (await boss.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W20' })).json.id as string;
    const c = connect(ed, id);
    await c.synced;
    const plain = sampleDoc();
    const forged = structuredClone(plain);
    forged.content!.push({ type: 'paragraph', content: [{ type: 'text', text: '请 ' }, at(reader, boss)] });
    writeDoc(c, forged); // Ed types a mention that claims to be Boss's
    const snap = await ed.call('POST', `/api/reports/${id}/history`);
    expect(snap.status).toBe(201);
    writeDoc(c, plain); // and takes it out again before the check runs
    await sleep(1500); // the check of Ed's edits runs (800 ms after the last) and finds no mention
    expect((await inbox(reader)).items).toEqual([]);
    expect((await ed.call('POST', `/api/reports/${id}/history/${snap.json.id}/restore`)).status).toBe(200);
    const told = await eventually(async () => (await inbox(reader)).items.find((n) => n.kind === 'doc_mention' && n.reportId === id), 'Reader told after the restore');
    expect(told.actor.id).toBe(ed.id);
    c.close();
  });
});
