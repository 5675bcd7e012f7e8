import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { appendParagraph, connect, eventually, signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { rawSocket, updateFrame } from '../helpers/rawSocket.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { createDocStore } from '../../server/db/docStore.js';
import { DOC_FIELD } from '../../shared/doc/field.js';

/**
 * Issue 17, cold open of a large report: a room compacts its log into one snapshot when it is released, and the next
 * room for the report answers a client that has nothing with those stored bytes before applying them itself
 * (server/sync/room.ts, load). What must hold: the first answer is the whole document; a client with edits of its
 * own, and any edit sent at once, are applied to the whole document, never to the empty one; readers (the indexer)
 * see the whole document.
 */
let s: TestServer;
let owner: TestUser, editor: TestUser;
let spaceId: string;
beforeAll(async () => {
  s = await startTestServer();
  [owner, editor] = await signedUp(s.base, 'EarlyOwner', 'EarlyEditor');
  spaceId = await spaceWith(owner, [[editor, 'editor']]);
});
afterAll(async () => { await s.close(); });

const BLOCKS = 600;
const line = (i: number) => `第${i}段：收银台改版进度与贝易转联调，计划上线日期待定。`.repeat(2);

/** A report holding a ~200 kB document (above the size from which the room keeps it encoded), released. */
async function largeReport(week: string) {
  const reportId = (await owner.call('POST', `/api/spaces/${spaceId}/reports`, { week })).json.id as string;
  const writer = connect(owner, reportId);
  await writer.synced;
  writer.doc.transact(() => { for (let i = 0; i < BLOCKS; i++) appendParagraph(writer, line(i)); });
  expect(Y.encodeStateAsUpdate(writer.doc).length).toBeGreaterThan(64 * 1024);
  await eventually(async () => { const c = connect(editor, reportId); try { await c.synced; return c.frag.length === BLOCKS; } finally { c.close(); } }, 'stored', 15_000, 100);
  writer.close();
  await eventually(() => !s.rooms.has(reportId), 'room released', 10_000, 20);
  return reportId;
}

/** The sync messages a raw socket received, as [sub-type, payload] (0 step 1, 1 step 2, 2 update). */
function syncMessages(received: Uint8Array[]) {
  return received.filter((m) => m[0] === 0).map((m) => {
    const d = decoding.createDecoder(m);
    decoding.readVarUint(d);
    return [decoding.readVarUint(d), decoding.readVarUint8Array(d)] as const;
  });
}
const step1 = (sv: Uint8Array) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint8Array(e, sv);
  return encoding.toUint8Array(e);
};

it('a released room leaves its log folded into one snapshot', async () => {
  const reportId = await largeReport('2024-W30');
  const stored = await createDocStore(s.db).load(reportId);
  expect(stored.updates).toEqual([]);
  expect(stored.snapshot!.length).toBeGreaterThan(64 * 1024);
});

it('a client with nothing is answered with the whole stored document; the room sends its own step 1 once an edit needs the document', async () => {
  const reportId = await largeReport('2024-W31');
  const raw = await rawSocket(editor, reportId);
  raw.send(step1(new Uint8Array([0])));
  await eventually(() => syncMessages(raw.received).length >= 1, 'step 2', 10_000, 10);
  const [first] = syncMessages(raw.received);
  expect(first[0]).toBe(1); // step 2 first: the room had not applied the document (it used to send step 1 on join)
  const doc = new Y.Doc();
  Y.applyUpdate(doc, first[1]);
  expect(doc.getXmlFragment(DOC_FIELD).length).toBe(BLOCKS);
  // An edit: the room applies the stored document, sends its state vector (the document's: nothing for the client to
  // send back), then applies the edit on top.
  const before = Y.encodeStateVector(doc);
  doc.transact(() => {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('打开之后的第一笔编辑')]);
    doc.getXmlFragment(DOC_FIELD).push([p]);
  });
  raw.send(updateFrame(Y.encodeStateAsUpdate(doc, before)));
  await eventually(() => syncMessages(raw.received).some(([t]) => t === 0), 'step 1', 10_000, 10);
  const serverSv = syncMessages(raw.received).find(([t]) => t === 0)![1];
  expect(Y.decodeStateVector(serverSv)).toEqual(Y.decodeStateVector(before));
  const other = connect(owner, reportId);
  await other.synced;
  await eventually(() => other.frag.length === BLOCKS + 1 && other.text().includes('打开之后的第一笔编辑'), 'edit broadcast', 10_000, 20);
  other.close();
  raw.close();
});

it('an edit sent at once, before the room applied the document, lands in the whole document and is found by readers', async () => {
  const reportId = await largeReport('2024-W32');
  // What the client knows from an earlier visit, plus a paragraph typed offline.
  const known = connect(editor, reportId);
  await known.synced;
  const offline = new Y.Doc();
  Y.applyUpdate(offline, Y.encodeStateAsUpdate(known.doc));
  known.close();
  await eventually(() => !s.rooms.has(reportId), 'room released', 10_000, 20);
  const before = Y.encodeStateVector(offline);
  offline.transact(() => {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('离线时写的一段')]);
    offline.getXmlFragment(DOC_FIELD).push([p]);
  });
  const raw = await rawSocket(editor, reportId);
  raw.send(step1(new Uint8Array([0])));
  raw.send(updateFrame(Y.encodeStateAsUpdate(offline, before)));
  await eventually(async () => { const c = connect(owner, reportId); try { await c.synced; return c.frag.length === BLOCKS + 1 && c.text().includes('离线时写的一段'); } finally { c.close(); } }, 'edit applied to the whole document', 10_000, 50);
  expect(raw.isOpen()).toBe(true);
  // The indexer reads the live room: the whole document with the edit, not the edit alone.
  const json = await eventually(async () => {
    const r = await s.rooms.peek(reportId);
    return r && r.doc.getXmlFragment(DOC_FIELD).length === BLOCKS + 1 && r.doc.getXmlFragment(DOC_FIELD).toString();
  }, 'live room read', 10_000, 20);
  expect(json).toContain(line(0).slice(0, 10));
  raw.close();
  const after = await createDocStore(s.db).load(reportId);
  const stored = new Y.Doc();
  for (const u of [after.snapshot!, ...after.updates]) Y.applyUpdate(stored, u);
  expect(stored.getXmlFragment(DOC_FIELD).length).toBe(BLOCKS + 1);
});

it('content the report shape does not allow, in a stored snapshot, is removed once the room applies it, for everyone', async () => {
  const reportId = (await owner.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W33' })).json.id as string;
  // A snapshot as an older version could have left it: a large document with an element today's shape does not know.
  const old = new Y.Doc();
  old.transact(() => {
    const frag = old.getXmlFragment(DOC_FIELD);
    for (let i = 0; i < BLOCKS; i++) {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(line(i))]);
      frag.push([p]);
    }
    const gone = new Y.XmlElement('marquee');
    gone.insert(0, [new Y.XmlText('旧版本的块')]);
    frag.push([gone]);
  });
  const store = createDocStore(s.db);
  await store.append(reportId, [Y.encodeStateAsUpdate(old)]);
  await store.compact(reportId);
  expect((await store.load(reportId)).updates).toEqual([]);

  // A client with nothing gets the stored bytes as they are; the room has not looked at them yet.
  const raw = await rawSocket(editor, reportId);
  raw.send(step1(new Uint8Array([0])));
  await eventually(() => syncMessages(raw.received).length >= 1, 'step 2', 10_000, 10);
  const seen = new Y.Doc();
  Y.applyUpdate(seen, syncMessages(raw.received)[0][1]);
  expect(seen.getXmlFragment(DOC_FIELD).length).toBe(BLOCKS + 1);
  // Its first edit makes the room apply the document: the element is removed, and the removal reaches that client.
  const before = Y.encodeStateVector(seen);
  seen.transact(() => {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('之后的编辑')]);
    seen.getXmlFragment(DOC_FIELD).insert(0, [p]);
  });
  raw.send(updateFrame(Y.encodeStateAsUpdate(seen, before)));
  await eventually(() => {
    for (const [type, payload] of syncMessages(raw.received)) if (type === 2) Y.applyUpdate(seen, payload);
    raw.received.length = 0;
    return !seen.getXmlFragment(DOC_FIELD).toString().includes('marquee');
  }, 'removal sent', 10_000, 20);
  const fresh = connect(owner, reportId);
  await fresh.synced;
  expect(fresh.frag.length).toBe(BLOCKS + 1);
  expect(fresh.frag.toString()).not.toContain('marquee');
  expect(fresh.text()).toContain('之后的编辑');
  fresh.close();
  raw.close();
});
