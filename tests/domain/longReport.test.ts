import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocNode } from '../../shared/blocks/types.js';
import { CACHED_FROM } from '../../server/domain/docJson.js';
import { connect, eventually, signedUp, spaceWith, type Conn, type TestUser } from '../helpers/client.js';
import { seedReport } from '../helpers/reportPage.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { h, keyProject, objective, okr, p } from '../search/docs.js';

/**
 * A report long enough that the server keeps its blocks' JSON between reads (domain/docJson.ts): that JSON is shared
 * and frozen, so every path that reads the live document must give the same answers as for a short report and never
 * change it (a change would throw and answer 500, or leak into the next reader's answer).
 */
let s: TestServer;
let own: TestUser;
let reportId: string;
let live: Conn;
const OKRS = 130;

function longReport(): DocNode[] {
  const content: DocNode[] = [h(2, '【O1 业务服务】'), objective('obj1', 'O1', '业务服务')];
  for (let i = 0; i < OKRS; i++) content.push(okr(`k${i}`, `项目${i} 进度 ${i % 100}%`, { project: `项目${i}` }), keyProject(`p${i}`, `贝易转${i}`, `备注 ${i}`), p(`第 ${i} 段`), p(`另 ${i} 段`));
  return content;
}
const okrText = (i: number): Y.XmlText => {
  const el = live.frag.toArray().find((b) => b instanceof Y.XmlElement && b.getAttribute('blockId') === `k${i}`) as Y.XmlElement;
  return el.createTreeWalker((n) => n instanceof Y.XmlText).next().value as Y.XmlText;
};

beforeAll(async () => {
  s = await startTestServer();
  [own] = await signedUp(s.base, 'Own');
  const spaceId = await spaceWith(own);
  reportId = (await own.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' })).json.id;
  const content = longReport();
  expect(content.length).toBeGreaterThanOrEqual(CACHED_FROM);
  await seedReport(own, reportId, content);
  live = connect(own, reportId); // the room stays open: reads go through its kept JSON
  await live.synced;
});
afterAll(async () => {
  live?.close();
  await s?.close();
});

describe('a long report, read through its kept JSON', () => {
  it('is indexed, edited, indexed again', async () => {
    await eventually(async () => (await own.call('GET', `/api/reports/${reportId}/items`)).json?.okrs?.length === OKRS, 'all items indexed', 15_000, 100);
    okrText(7).insert(0, '改过 ');
    await eventually(async () => (await own.call('GET', `/api/reports/${reportId}/items`)).json.okrs.find((o: any) => o.blockId === 'k7')?.text?.includes('改过'), 'edit indexed', 15_000, 100);
  });

  it('shows a version with what changed since, export, comments and next week', async () => {
    const version = (await own.call('POST', `/api/reports/${reportId}/history`)).json.id;
    okrText(9).insert(0, '再改 ');
    await eventually(async () => (await own.call('GET', `/api/reports/${reportId}/markdown`)).text.includes('再改 项目9'), 'export has the edit', 15_000, 100);

    const view = await own.call('GET', `/api/reports/${reportId}/history/${version}`);
    expect(view.status).toBe(200);
    expect(view.json.diff.changed.map((c: any) => c.blockId)).toEqual(['k9']);
    expect(view.json.diff.added).toEqual([]);
    expect(view.json.diff.removed).toEqual([]);
    expect(view.json.doc.content).toHaveLength(longReport().length);

    expect((await own.call('POST', `/api/reports/${reportId}/comments`, { blockId: 'k9', body: '看一下' })).status).toBe(201);
    expect((await own.call('POST', `/api/reports/${reportId}/comments`, { blockId: 'nowhere', body: '看一下' })).status).toBe(400);

    const next = await own.call('POST', `/api/reports/${reportId}/next`);
    expect(next.status).toBe(201);
    const items = await eventually(async () => {
      const r = (await own.call('GET', `/api/reports/${next.json.id}/items`)).json;
      return r?.okrs?.length === OKRS ? r : null;
    }, 'next week indexed', 15_000, 100);
    // New blockIds next week; this week's document keeps its own (the carried copy did not change what is kept).
    expect(items.okrs.some((o: any) => o.blockId === 'k9')).toBe(false);
    const again = await own.call('GET', `/api/reports/${reportId}/items`);
    expect(again.json.okrs.find((o: any) => o.blockId === 'k9').text).toContain('再改');
  });
});
