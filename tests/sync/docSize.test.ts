/**
 * Trust: a report's document has a size limit (shared/doc/limits.ts; here a small one). Before it, one editor could
 * send a 16 MB update every second on each of their sockets and the server held, stored and sent all of it until it
 * ran out of memory. Now an edit that would take the document past the limit closes that socket with 4413 and
 * nothing of it is applied, stored or relayed; edits that fit, and edits that only remove content, still land, for
 * a room loaded from storage too.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connect, eventually, signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { rawSocket, updateFrame, updateFrom } from '../helpers/rawSocket.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { DOC_TOO_LARGE_CLOSE } from '../../shared/doc/limits.js';

const LIMIT = 64 * 1024;
const TOKEN = 'metrics-token-docsize-0123456789';
let s: TestServer;
let owner: TestUser, editor: TestUser;
let spaceId: string;
let week = 1;
beforeAll(async () => {
  s = await startTestServer({ roomLimits: { maxDocBytes: LIMIT }, config: { metricsToken: TOKEN } });
  [owner, editor] = await signedUp(s.base, 'SizeOwner', 'SizeEditor');
  spaceId = await spaceWith(owner, [[editor, 'editor']]);
});
afterAll(async () => { await s.close(); });

const newReport = async () => (await owner.call('POST', `/api/spaces/${spaceId}/reports`, { week: `2025-W${String(week++).padStart(2, '0')}` })).json.id as string;
/** A paragraph of about `kb` kilobytes (ASCII, so bytes = characters), starting with `tag`. */
const paragraph = (tag: string, kb: number) => (d: Y.Doc) => {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(tag + ' ' + 'x'.repeat(kb * 1024))]);
  d.getXmlFragment('default').push([p]);
};
/** The close code, or 'still open' after 5 s. */
const closeCode = (sock: { closed: Promise<number> }) => Promise.race([sock.closed, new Promise((r) => setTimeout(() => r('still open'), 5000))]);
const markdown = async (id: string) => (await owner.call('GET', `/api/reports/${id}/markdown`)).text;

it('refuses an edit that would pass the limit; smaller edits and other people carry on', async () => {
  const id = await newReport();
  const reader = connect(owner, id);
  await reader.synced;
  const writer = await rawSocket(editor, id);
  writer.send(updateFrame(updateFrom(reader.doc, paragraph('first', 40), 7001)));
  await eventually(() => reader.text().includes('first'), 'the first 40 kB reached the reader');

  const big = await rawSocket(editor, id);
  big.send(updateFrame(updateFrom(reader.doc, paragraph('toolarge', 30), 7002)));
  expect(await closeCode(big)).toBe(DOC_TOO_LARGE_CLOSE);

  const small = await rawSocket(editor, id);
  small.send(updateFrame(updateFrom(reader.doc, paragraph('fits', 5), 7003)));
  await eventually(() => reader.text().includes('fits'), 'an edit that fits still lands');
  expect(small.isOpen()).toBe(true);
  expect(reader.text()).not.toContain('toolarge');
  const md = await markdown(id);
  expect(md).toContain('fits');
  expect(md).not.toContain('toolarge');
  for (const c of [writer, small]) c.close();
  reader.close();
});

it('takes deletions past the limit, and new content once they made room; also after a reload from storage', async () => {
  const id = await newReport();
  const reader = connect(owner, id);
  await reader.synced;
  reader.doc.transact(() => { paragraph('a', 30)(reader.doc); paragraph('b', 30)(reader.doc); });
  await eventually(async () => (await markdown(id)).includes('b xxx'), 'stored');
  reader.close();
  await eventually(async () => (await s.rooms.peek(id)) === null, 'room released');

  // Loaded from storage: the limit still holds.
  const again = connect(owner, id);
  await again.synced;
  const big = await rawSocket(editor, id);
  big.send(updateFrame(updateFrom(again.doc, paragraph('over', 20), 7101)));
  expect(await closeCode(big)).toBe(DOC_TOO_LARGE_CLOSE);

  // Removing a paragraph is an edit that adds nothing: it lands however full the document is.
  again.doc.transact(() => again.frag.delete(0, 1));
  await eventually(async () => !(await markdown(id)).includes('a xxx'), 'the deletion is stored');
  // Once the size is measured again (at most once a second), the room it made takes new content.
  await new Promise((r) => setTimeout(r, 1100));
  const after = await rawSocket(editor, id);
  after.send(updateFrame(updateFrom(again.doc, paragraph('room', 20), 7102)));
  await eventually(async () => (await markdown(id)).includes('room xxx'), 'new content fits after the deletion');
  expect(after.isOpen()).toBe(true);
  after.close();
  again.close();
});

it('weighs an update of many small items, every other one deleted, by what it keeps', async () => {
  const id = await newReport();
  // 60,000 one-character items, every other one deleted: as many deleted ranges as items kept.
  const update = updateFrom(null, (d) => {
    const text = new Y.XmlText();
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [text]);
    d.getXmlFragment('default').push([p]);
    for (let i = 0; i < 60_000; i++) text.insert(0, 'x');
    for (let i = 0; i < 60_000; i += 2) text.delete(i / 2, 1);
  }, 7201);
  const raw = await rawSocket(editor, id);
  raw.send(updateFrame(update));
  expect(await closeCode(raw)).toBe(DOC_TOO_LARGE_CLOSE);
  expect((await fetch(s.base + '/api/health')).status).toBe(200);
});

it('counts the refusals as rejected frames', async () => {
  const r = await fetch(s.base + '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(await r.text()).toMatch(/^cadence_rejected_frames_total\{code="4413"\} 3$/m);
});
