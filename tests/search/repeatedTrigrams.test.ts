import * as Y from 'yjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, eventually, signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { doc, docUpdate, okr, p } from './docs.js';

/**
 * A term whose trigrams repeat (`xxx…`, `哈哈哈哈`), searched as an FTS5 phrase, had each of its trigrams checked at
 * every position of every row holding them: with a paragraph of a million `x` written anywhere, a 200-character
 * `xxx…` held the whole server 3.7 s per search (hostile probe). Such a term now asks its distinct trigrams and checks
 * the rows found for the term itself. Ten such searches took over a minute before; the test's time limit is what fails.
 */
let s: TestServer;
let ann: TestUser;
let spaceId: string;
beforeAll(async () => {
  s = await startTestServer();
  [ann] = await signedUp(s.base, 'Ann');
  spaceId = await spaceWith(ann);
  const r = await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' });
  const c = connect(ann, r.json.id);
  await c.synced;
  Y.applyUpdate(c.doc, docUpdate(doc(okr('o1', '物保三期：进度95%'), p('x'.repeat(1_000_000)), p('哈哈哈哈哈好'), p('哈哈哈好'), p('ABABAB 联调'))));
  await eventually(async () => (await ann.call('GET', `/api/reports/${r.json.id}/items`)).json.okrs.length > 0, 'indexed');
  c.close();
}, 60_000);
afterAll(async () => { await s.close(); });

const search = async (q: string) => {
  const r = await ann.call('GET', `/api/spaces/${spaceId}/search?q=${encodeURIComponent(q)}`);
  expect(r.status).toBe(200);
  return r.json.results as { snippet: string }[];
};

it('finds exactly what such a term says, and answers at once', { timeout: 45_000 }, async () => {
  for (let i = 0; i < 10; i++) expect(await search('x'.repeat(200 - i))).toHaveLength(1);
  expect(await search(`${'x'.repeat(150)}y`)).toHaveLength(0);
  expect(await search('X'.repeat(50))).toHaveLength(1);
  const haha = await search('哈哈哈哈');
  expect(haha).toHaveLength(1);
  expect(haha[0].snippet).toContain('哈哈哈哈哈好');
  expect(await search('哈哈哈好')).toHaveLength(2);
  expect(await search('ababab')).toHaveLength(1);
  expect(await search('abababab')).toHaveLength(0);
});
