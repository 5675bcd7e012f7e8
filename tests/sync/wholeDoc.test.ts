import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendParagraph, connect, eventually, signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * Issue 17, opening a large report: the room keeps the whole document encoded for clients that arrive with nothing
 * (server/sync/room.ts, wholeDocStep2) and drops it on any change. What must hold: a client that joins after any
 * edit (its own, another's, one made while others were joining) gets that edit; never the copy from before it.
 */
let s: TestServer;
let owner: TestUser, editor: TestUser;
let reportId: string;
beforeAll(async () => {
  s = await startTestServer();
  [owner, editor] = await signedUp(s.base, 'WholeOwner', 'WholeEditor');
  const spaceId = await spaceWith(owner, [[editor, 'editor']]);
  reportId = (await owner.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W20' })).json.id;
});
afterAll(async () => { await s.close(); });

const fresh = async (user: TestUser) => {
  const c = connect(user, reportId);
  await c.synced;
  return c;
};

it('fresh clients of a large report each get the document as it is when they join, edits included', async () => {
  const writer = await fresh(owner);
  // ~200 kB: above the size from which the encoded document is kept.
  writer.doc.transact(() => { for (let i = 0; i < 600; i++) appendParagraph(writer, `第${i}段：收银台改版进度与贝易转联调，计划上线日期待定。`.repeat(2)); });
  await eventually(async () => { const c = await fresh(editor); try { return c.frag.length === 600; } finally { c.close(); } }, 'stored', 15_000, 100);
  expect(Y.encodeStateAsUpdate(writer.doc).length).toBeGreaterThan(64 * 1024);

  const a = await fresh(editor); // encodes and keeps it
  const b = await fresh(editor); // served the kept copy
  expect(b.frag.length).toBe(600);
  expect(b.text()).toBe(a.text());

  // An edit by a connected client: the next fresh client has it.
  appendParagraph(writer, '编辑之后加入的人看得到这一段');
  await eventually(async () => a.text().includes('编辑之后加入的人看得到这一段'), 'broadcast', 10_000, 50);
  const c = await fresh(editor);
  expect(c.text()).toContain('编辑之后加入的人看得到这一段');

  // A deletion, then a client joining right behind it.
  writer.doc.transact(() => writer.frag.delete(0, 1));
  const d = await fresh(owner);
  expect(d.frag.length).toBe(600); // 600 + 1 - 1
  expect(d.text()).toBe(writer.text());
  for (const x of [writer, a, b, c, d]) x.close();
});
