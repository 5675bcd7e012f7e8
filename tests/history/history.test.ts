import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { createDocStore, foldUpdates } from '../../server/db/docStore.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connect, eventually, signedUp, spaceWith, type Conn, type TestUser } from '../helpers/client.js';
import { sampleDoc, writeDoc } from '../comments/docs.js';
import { openEvents } from '../comments/sse.js';

let s: TestServer;
let own: TestUser, edi: TestUser, com: TestUser, vie: TestUser;
let reportId: string;
let a: Conn, b: Conn;

const json = (c: Conn) => JSON.stringify(yXmlFragmentToProsemirrorJSON(c.frag));
const history = async () => (await own.call('GET', `/api/reports/${reportId}/history`)).json as any[];
/** The server's live document. */
const roomJson = async () => JSON.stringify(yXmlFragmentToProsemirrorJSON((await s.rooms.peek(reportId))!.doc.getXmlFragment('default')));
/** The document as stored (read back from the database, not from the open room). */
async function storedText() {
  const stored = await createDocStore(s.db).load(reportId);
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, foldUpdates(stored.snapshot, stored.updates));
    return doc.getXmlFragment('default').toString();
  } finally {
    doc.destroy();
  }
}

beforeAll(async () => {
  s = await startTestServer();
  [own, edi, com, vie] = await signedUp(s.base, 'Own', 'Editor', 'Com', 'Vie');
  const spaceId = await spaceWith(own, [[edi, 'editor'], [com, 'commenter'], [vie, 'viewer']]);
  reportId = (await own.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' })).json.id;
  a = connect(own, reportId);
  b = connect(edi, reportId);
  await Promise.all([a.synced, b.synced]);
});
afterAll(async () => {
  a?.close();
  b?.close();
  await s?.close();
});

describe('version history', () => {
  it('takes an automatic snapshot while a report is edited, at most one per hour, with its authors', async () => {
    writeDoc(a, sampleDoc());
    await eventually(() => json(b) === json(a), 'b has the document');
    const auto = (await eventually(async () => {
      const list = await history();
      return list.filter((h) => h.reason === 'auto').length === 1 ? list : null;
    }, 'auto snapshot')) as any[];
    for (let i = 0; i < 5; i++) {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(`edit ${i}`)]);
      b.frag.push([p]);
      await eventually(async () => (await s.rooms.peek(reportId))?.doc.getXmlFragment('default').toString().includes(`edit ${i}`), 'received');
      // Stored: flushed() resolves once the store has the edit and the onStored hooks (where an auto snapshot
      // would be taken) have run, so a second auto snapshot would be in the history by now.
      await (await s.rooms.peek(reportId))!.flushed();
      expect(await storedText()).toContain(`edit ${i}`);
    }
    expect((await history()).filter((h) => h.reason === 'auto')).toHaveLength(1);
    const authors = auto.find((h: any) => h.reason === 'auto').authors.map((u: any) => u.name).sort();
    expect(authors).toEqual(['Own']); // who wrote before it; an editor who was connected but typed nothing is not an author
    expect(Date.parse(auto[0]!.createdAt)).not.toBeNaN();
  });

  it('shows a snapshot with what changed since, and restores it as a new change both clients follow', async () => {
    const saved = await edi.call('POST', `/api/reports/${reportId}/history`);
    expect(saved.status).toBe(201);
    const atSnapshot = json(a);

    // Edit after the snapshot: delete OKR item okr2, change okr1's progress, add a paragraph.
    a.doc.transact(() => {
      const nodes = a.frag.toArray() as Y.XmlElement[];
      a.frag.delete(nodes.findIndex((n) => n.getAttribute('blockId') === 'okr2'), 1);
      nodes.find((n) => n.getAttribute('blockId') === 'okr1')!.setAttribute('progress', 99 as any);
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('after the snapshot')]);
      a.frag.push([p]);
    });
    await eventually(() => json(b) === json(a), 'b follows the edit');
    await eventually(async () => (await s.rooms.peek(reportId))?.doc.getXmlFragment('default').toString().includes('after the snapshot'), 'stored');

    const view = await vie.call('GET', `/api/reports/${reportId}/history/${saved.json.id}`);
    expect(view.status).toBe(200);
    expect(view.json.reason).toBe('manual');
    expect(JSON.stringify(view.json.doc)).toBe(atSnapshot);
    expect(view.json.diff.removed.map((x: any) => x.blockId)).toEqual(['okr2']);
    expect(view.json.diff.changed.map((x: any) => x.blockId)).toEqual(['okr1']);
    expect(view.json.diff.added.map((x: any) => x.text)).toEqual(['after the snapshot']);

    // Only owners and editors restore; a refused restore writes nothing (no snapshot, no change to the document).
    const historyBefore = await history();
    const docBefore = await roomJson();
    expect(docBefore).toBe(json(a));
    for (const u of [com, vie]) {
      expect((await u.call('POST', `/api/reports/${reportId}/history/${saved.json.id}/restore`)).status).toBe(403);
      expect(await history()).toEqual(historyBefore);
      expect(await roomJson()).toBe(docBefore);
      expect(await storedText()).toContain('after the snapshot');
    }
    const stream = openEvents(vie, `/api/reports/${reportId}/events`);
    await stream.ready;
    const r = await own.call('POST', `/api/reports/${reportId}/history/${saved.json.id}/restore`);
    expect(r.status).toBe(200);
    // Both connected clients converge on the snapshot's content, without reconnecting.
    await eventually(() => json(a) === atSnapshot && json(b) === atSnapshot, 'both clients show the restored content');
    await eventually(() => stream.events.find((e) => e.event === 'restored'), 'restore announced');
    stream.close();

    // Nothing rewritten: the replaced state is a snapshot of its own, and the current one diffs as unchanged.
    const list = await history();
    expect(list.map((h) => h.reason)).toContain('before_restore');
    const before = await own.call('GET', `/api/reports/${reportId}/history/${r.json.before}`);
    expect(JSON.stringify(before.json.doc)).toContain('after the snapshot');
    const again = (await own.call('GET', `/api/reports/${reportId}/history/${saved.json.id}`)).json.diff;
    expect(again).toEqual({ added: [], removed: [], changed: [] });

    // Clients keep editing on top of the restore.
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('after restore')]);
    b.frag.push([p]);
    await eventually(() => json(a).includes('after restore'), 'a sees b after the restore');
    // And it survives the room being closed and read from storage.
    a.close();
    b.close();
    await eventually(async () => !(await s.rooms.peek(reportId)), 'room released');
    a = connect(own, reportId);
    await a.synced;
    expect(json(a)).toContain('after restore');
    expect(json(a)).toContain('聚合支付');
    b = connect(edi, reportId);
    await b.synced;
  });

  it('answers 404 for unknown snapshots and other reports', async () => {
    expect((await own.call('GET', `/api/reports/${reportId}/history/nope`)).status).toBe(404);
    expect((await own.call('POST', `/api/reports/${reportId}/history/nope/restore`)).status).toBe(404);
    const [out] = await signedUp(s.base, 'Out');
    expect((await out.call('GET', `/api/reports/${reportId}/history`)).status).toBe(404);
  });
});

describe('an imported report', () => {
  // Walkthrough: the history's oldest version already held the first keystroke after an import, so the report as
  // imported could not be read or restored once edited.
  it('has the report as imported as its first version, with who imported it', async () => {
    const spaceId = await spaceWith(own, [], 'Imported');
    const r = await own.call('POST', `/api/spaces/${spaceId}/import?week=2024-W20`, '# 2024-W20\n\n本周完成联调\n', { 'content-type': 'text/markdown' });
    expect(r.status).toBe(201);
    const id = r.json.report.id as string;
    const c = connect(own, id);
    await c.synced;
    const edited = yXmlFragmentToProsemirrorJSON(c.frag) as any;
    edited.content.push({ type: 'paragraph', content: [{ type: 'text', text: '导入之后的第一笔' }] });
    writeDoc(c, edited);
    const list = await eventually(async () => {
      const l = (await own.call('GET', `/api/reports/${id}/history`)).json as any[];
      return l.length ? l : null;
    }, 'a version');
    const first = list!.at(-1);
    expect(first.reason).toBe('import');
    expect(first.authors.map((x: { id: string }) => x.id)).toEqual([own.id]);
    const version = JSON.stringify((await own.call('GET', `/api/reports/${id}/history/${first.id}`)).json.doc);
    expect(version).toContain('本周完成联调');
    expect(version).not.toContain('导入之后的第一笔');
    c.close();
  });
});
