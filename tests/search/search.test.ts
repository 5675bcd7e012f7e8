import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, eventually, signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { doc, docUpdate, findBlock, h, incident, keyProject, kpis, objective, okr, p } from './docs.js';

let s: TestServer;
let ann: TestUser;
let spaceId: string;
const ids: Record<string, string> = {};

/** Writes a document into a new report through a real client, and waits for the indexer. */
async function reportWith(week: string, json: ReturnType<typeof doc>) {
  const r = await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week });
  const c = connect(ann, r.json.id);
  await c.synced;
  Y.applyUpdate(c.doc, docUpdate(json));
  await eventually(async () => (await ann.call('GET', `/api/reports/${r.json.id}/items`)).json.okrs.length > 0, `${week} indexed`);
  c.close();
  ids[week] = r.json.id;
  return r.json.id as string;
}
const search = async (q: string, space = spaceId) => (await ann.call('GET', `/api/spaces/${space}/search?q=${encodeURIComponent(q)}`));
const weeks = async (q: string) => [...new Set((await search(q)).json.results.map((r: any) => r.week))];

beforeAll(async () => {
  s = await startTestServer();
  [ann] = await signedUp(s.base, 'Ann');
  spaceId = await spaceWith(ann);
  await reportWith('2024-W12', doc(
    keyProject('kp12', '贝易转（C转）', '银行合作：平安，进展正常'),
    objective('o', 'O1', '业务服务'),
    okr('a12', '物保三期：进度95%，计划3/28上线', { progress: 95, due: '2024-03-28' }),
    okr('b12', 'POS押金：商户押金退还流程上线'),
    h(2, '【系统运行数据】'),
    kpis('t12', [{ blockId: 'k12', name: '入金有效成功率', value: 99.997, unit: '%' }]),
    p('收获与反思：团队节奏良好'),
  ));
  await reportWith('2024-W25', doc(
    keyProject('kp25', '贝易转', '省心租业务投产'),
    objective('o', 'O4', '支付 × AI'),
    okr('a25', 'DocAI：文档识别试点，进度40%', { progress: 40 }),
  ));
  await reportWith('2024-W34', doc(
    objective('o', 'O1', '业务服务'),
    okr('a34', '贝易转：好店活动接入，进度80%', { progress: 80 }),
    okr('b34', 'docai 二期上线'),
    incident('i34', '08/19 15:00 pos 终端支付超时', { start: '2024-08-19T15:00', durationMinutes: 20 }),
    p('其他：密评整改完成'),
  ));
});
afterAll(async () => { await s.close(); });

describe('search', () => {
  it('finds a decorated project name in every week, newest first', async () => {
    const r = await search('贝易转');
    expect(r.status).toBe(200);
    expect([...new Set(r.json.results.map((x: any) => x.week))]).toEqual(['2024-W34', '2024-W25', '2024-W12']);
    const w12 = r.json.results.find((x: any) => x.week === '2024-W12');
    expect(w12).toMatchObject({ reportId: ids['2024-W12'], kind: 'project', blockId: 'kp12', project: '贝易转（C转）' });
    expect(w12.snippet).toContain('贝易转');
    expect(w12.highlight).toContain('<mark>贝易转</mark>');
  });

  it('finds two-character Chinese terms', async () => {
    expect(await weeks('好店')).toEqual(['2024-W34']);
    expect(await weeks('密评')).toEqual(['2024-W34']);
    const hit = (await search('密评')).json.results[0];
    expect(hit).toMatchObject({ kind: 'text', blockId: 'i34' }); // plain text points at the nearest block above
  });

  it('matches Latin in any case, and mixed terms', async () => {
    expect(await weeks('DocAI')).toEqual(['2024-W34', '2024-W25']);
    expect(await weeks('docai')).toEqual(['2024-W34', '2024-W25']);
    expect(await weeks('POS')).toEqual(['2024-W34', '2024-W12']);
    expect(await weeks('POS押金')).toEqual(['2024-W12']);
    expect(await weeks('AI')).toEqual(['2024-W34', '2024-W25']); // 2 Latin characters: substring too
  });

  it('returns kind and progress of OKR items; all terms must match', async () => {
    const r = (await search('DocAI 进度')).json.results;
    expect(r).toEqual([expect.objectContaining({ week: '2024-W25', kind: 'okr', blockId: 'a25', project: 'DocAI', progress: 40 })]);
    expect((await search('入金有效成功率')).json.results[0]).toMatchObject({ kind: 'kpi', blockId: 'k12' });
    expect((await search('不存在的词')).json.results).toEqual([]);
  });

  it('follows live edits (the index is kept current, not rebuilt)', async () => {
    const c = connect(ann, ids['2024-W25']);
    await c.synced;
    c.doc.transact(() => {
      const t = (findBlock(c.frag, 'a25')!.get(0) as Y.XmlElement).get(0) as Y.XmlText;
      t.insert(t.length, '，新增灰度商户');
    });
    await eventually(async () => (await weeks('灰度商户')).join() === '2024-W25', 'edit searchable');
    c.close();
  });

  it('rejects a missing query and hides other spaces', async () => {
    const bad = await search('');
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('invalid_input');
    const [eve] = await signedUp(s.base, 'Eve');
    expect((await eve.call('GET', `/api/spaces/${spaceId}/search?q=POS`)).status).toBe(404);
    const other = await spaceWith(ann, [], 'Other');
    expect((await search('POS', other)).json.results).toEqual([]);
  });
});
