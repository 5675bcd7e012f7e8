import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { webApp } from '../helpers/webApp.js';
import { connect, eventually, signedUp, spaceWith } from '../helpers/client.js';
import { browserAs, caretAtEnd, openReport, p, poll, seedReport } from '../helpers/reportPage.js';
import { createDocStore } from '../../server/db/docStore.js';
import { DOC_FIELD } from '../../shared/doc/field.js';

/**
 * Issue 17, opening a large report: the room answers a browser that has nothing with the stored snapshot and applies
 * it only when something needs it (server/sync/room.ts, load). In the app, with its offline copy (IndexedDB): the
 * first visit sees the whole report; typing at once lands after the last paragraph, for the other person too; a
 * reload, now with an offline copy, shows each paragraph once.
 */
const web = webApp();

const BLOCKS = 400;
const line = (i: number) => `第${i}段：收银台改版进度与贝易转联调，计划上线日期待定。`.repeat(3);

it('a large stored report opens whole, takes typing at once, and reloads without doubling', async () => {
  const [ada, bo] = await signedUp(web.server.base, 'Ada', 'Bo');
  const spaceId = await spaceWith(ada, [[bo, 'editor']]);
  const reportId = (await ada.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W40' })).json.id as string;
  await seedReport(ada, reportId, Array.from({ length: BLOCKS }, (_, i) => p(line(i))));
  await eventually(() => !web.server.rooms.has(reportId), 'room released', 15_000, 20);
  const stored = await createDocStore(web.server.db).load(reportId);
  expect(stored.updates).toEqual([]); // folded at release: the next open takes the early answer
  expect(stored.snapshot!.length).toBeGreaterThan(64 * 1024);

  const a = await browserAs(web.browser, web.server.base, ada);
  await openReport(a.page, reportId);
  const paragraphs = a.page.locator('.ProseMirror > p');
  await poll(() => paragraphs.count()).toBe(BLOCKS);
  await caretAtEnd(a.page, paragraphs.last());
  await a.page.keyboard.press('Enter');
  await a.page.keyboard.type('打开就写的一段');

  const b = connect(bo, reportId);
  await b.synced;
  await eventually(() => b.frag.length === BLOCKS + 1 && b.text().includes('打开就写的一段'), 'typing reached the other person', 30_000, 50);
  expect(b.text().indexOf(line(BLOCKS - 1))).toBeLessThan(b.text().indexOf('打开就写的一段'));
  b.close();

  await a.page.reload();
  await openReport(a.page, reportId);
  await poll(() => paragraphs.count()).toBe(BLOCKS + 1);
  expect(await a.page.locator('.ProseMirror > p', { hasText: line(0) }).count()).toBe(1);
  await a.context.close();

  await eventually(() => !web.server.rooms.has(reportId), 'room released', 15_000, 20);
  const doc = new Y.Doc();
  const after = await createDocStore(web.server.db).load(reportId);
  for (const u of [after.snapshot!, ...after.updates]) Y.applyUpdate(doc, u);
  expect(doc.getXmlFragment(DOC_FIELD).length).toBe(BLOCKS + 1);
}, 180_000);
