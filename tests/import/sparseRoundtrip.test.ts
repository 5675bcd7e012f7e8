import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocNode } from '../../shared/blocks/types.js';
import { extractItems } from '../../shared/extract.js';
import { exportMarkdown } from '../../shared/markdown/export.js';
import { lostLines } from '../../shared/markdown/lostLines.js';
import { parseReport } from '../../shared/markdown/parse.js';
import { connect, eventually, signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { docUpdate } from '../search/docs.js';

/**
 * Export → import gives back the same items (API.md) also for blocks barely filled in: a KPI row with only its name
 * (what the `/` menu inserts, a name typed), an incident with only its summary. Both used to come back as text.
 */

const p = (t: string): DocNode => ({ type: 'paragraph', content: t ? [{ type: 'text', text: t }] : [] });
const kpiTable = (...rows: Record<string, unknown>[]): DocNode =>
  ({ type: 'kpiTable', attrs: { blockId: 't' }, content: rows.map((a, i) => ({ type: 'kpiRow', attrs: { blockId: `r${i}`, ...a } })) });
const incident = (attrs: Record<string, unknown>, ...text: string[]): DocNode =>
  ({ type: 'incident', attrs: { blockId: 'i', ...attrs }, content: (text.length ? text : ['']).map(p) });

/** Items without their random blockIds. */
const items = (doc: DocNode, year: number) => {
  const all = extractItems(doc, year) as unknown as Record<string, Record<string, unknown>[]>;
  return Object.fromEntries(Object.entries(all).map(([k, list]) => [k, list.map(({ blockId: _b, projectKey: _k, ...rest }) => rest)]));
};

const sparse: [string, DocNode[]][] = [
  ['a KPI row with only its name', [kpiTable({ name: '好店转化率' })]],
  ['a KPI row with a name and a unit', [kpiTable({ name: '好店转化率', unit: '%' })]],
  ['a KPI row with a name and a target', [kpiTable({ name: '好店转化率', unit: '%', target: 5 })]],
  ['a KPI row without a value among filled ones, under a title', [{ ...kpiTable({ name: '入金成功率', value: 99.9, unit: '%' }, { name: '好店转化率' }), attrs: { blockId: 't', title: '支付' } }]],
  ['KPI rows whose names start with a digit', [kpiTable({ name: '3日留存', value: 5, unit: '%' }, { name: '7日活跃', unit: '%', target: 20 })]],
  ['an incident with only its summary', [incident({}, '好店支付超时')]],
  ['an incident with nothing typed', [incident({})]],
  ['an incident with a summary, severity and review status but no times', [incident({ severity: 'C', status: 'review_pending' }, '好店支付超时')]],
  ['an incident without times whose text starts with a date', [incident({}, '3/21 15:43 好店支付超时')]],
  ['an incident without a start, with a recovery and a duration', [incident({ end: '2024-03-21T16:15', durationMinutes: 20 }, '好店支付超时')]],
  ['an incident without times after one with times', [incident({ start: '2024-03-21T15:43' }, '出金超时'), { ...incident({}, '好店支付超时', '第二段'), attrs: { blockId: 'j' } }]],
  ['an OKR item with only its text', [{ type: 'objective', attrs: { blockId: 'o', code: 'O1', title: '业务服务' } }, { type: 'okrItem', attrs: { blockId: 'a' }, content: [p('好店')] }]],
  ['an OKR item with a status and no text (its line only a fields group)', [{ type: 'objective', attrs: { blockId: 'o', code: 'O1', title: '业务服务' } }, { type: 'okrItem', attrs: { blockId: 'a', status: 'done' }, content: [p('')] }]],
  ['a risk with only its text', [{ type: 'risk', attrs: { blockId: 'k', status: 'open' }, content: [p('好店延期')] }]],
  ['a key project with only its name', [{ type: 'keyProject', attrs: { blockId: 'kp', project: '好店' }, content: [p('')] }]],
  ...okrOutsideObjectives(),
  ...insideKeyProjects(),
  ...okrInsideKeyProjects(),
];

/**
 * KPI tables and incidents inside a key project: export used to write them as the project's text (an incident only
 * its paragraphs, without its times), which came back as text.
 */
function insideKeyProjects(): [string, DocNode[]][] {
  // Incidents whose text already says their times and review status: export adds nothing to the project's text.
  const project = (...content: DocNode[]): DocNode => ({ type: 'keyProject', attrs: { blockId: 'kp', project: '好店' }, content });
  return [
    ['a KPI table inside a key project', [project(p('进展顺利'), { ...kpiTable({ name: '好店转化率', value: 5, unit: '%', target: 8 }, { name: '入金成功率' }), attrs: { blockId: 't', title: '支付' } })]],
    ['an incident with times and fields inside a key project', [project(p('进展顺利'), incident({ start: '2024-03-21T15:43', end: '2024-03-21T16:15', severity: 'C', impact: '好店支付', status: 'reviewed' }, '3/21 15:43 好店支付超时', '第二段，16:15 恢复【已复盘】'), p('之后'))]],
    ['an incident without a start inside a key project', [project(incident({ severity: 'B' }, '好店支付超时'))]],
    ['a KPI table and an incident one after the other inside a key project, then a list', [project(
      p('进展'),
      kpiTable({ name: '好店转化率', value: 5, unit: '%' }),
      incident({ start: '2024-03-21T15:43' }, '3/21 15:43 好店支付超时'),
      { type: 'bulletList', content: [{ type: 'listItem', content: [p('一项')] }] },
    )]],
  ];
}

/**
 * OKR items inside a key project (its content is `block+`: the `/` menu inserts one there): export used to write them
 * as a line of the project's text, which came back as text, their project, progress, go-live, status and owner lost.
 */
function okrInsideKeyProjects(): [string, DocNode[]][] {
  const okr = (blockId: string, text: string, attrs: Record<string, unknown> = {}): DocNode =>
    ({ type: 'okrItem', attrs: { blockId, ...attrs }, content: [p(text)] });
  const filled = { project: '好店', progress: 40, due: '2024-03-28', status: 'at_risk', owner: 'u1', owners: ['u1'] };
  const project = (...content: DocNode[]): DocNode => ({ type: 'keyProject', attrs: { blockId: 'kp', project: '好店' }, content });
  return [
    ['an OKR item with every field inside a key project', [project(p('进展顺利'), okr('a', '好店联调', filled), p('之后'))]],
    ['an OKR item with only its text, first in a key project', [project(okr('a', '好店联调'))]],
    ['an OKR item with a status and no text inside a key project', [project(p('进展'), okr('a', '', { status: 'done' }))]],
    ['an OKR item with a nested list inside a key project, then a KPI table, an incident and a list', [project(
      p('进展'),
      { type: 'okrItem', attrs: { blockId: 'a', progress: 60, status: 'on_track' }, content: [p('出金'), { type: 'bulletList', content: [{ type: 'listItem', content: [p('子项')] }] }] },
      okr('b', '好店联调', filled),
      kpiTable({ name: '好店转化率', value: 5, unit: '%' }),
      incident({ start: '2024-03-21T15:43' }, '3/21 15:43 好店支付超时'),
      { type: 'bulletList', content: [{ type: 'listItem', content: [p('一项')] }] },
    )]],
    ['an OKR item inside a key project, after an objective section\'s item', [
      { type: 'keyProject', attrs: { blockId: 'kp', project: '出金' }, content: [p('排期'), okr('a', '出金联调', { progress: 10, owner: 'u1', owners: ['u1'] })] },
      { type: 'objective', attrs: { blockId: 'o', code: 'O1', title: '业务服务' } },
      okr('b', '好店联调', filled),
    ]],
  ];
}

/**
 * OKR items outside any objective section (inserted with the `/` menu at the end of a report, or above the first
 * `## 【O1 …】`): export used to write them as a bare numbered list, which came back as a plain list.
 */
function okrOutsideObjectives(): [string, DocNode[]][] {
  const okr = (blockId: string, text: string, attrs: Record<string, unknown> = {}): DocNode =>
    ({ type: 'okrItem', attrs: { blockId, ...attrs }, content: [p(text)] });
  const filled = { project: '好店', progress: 40, due: '2024-03-28', status: 'at_risk', owner: 'u1', owners: ['u1'] };
  const o1: DocNode = { type: 'objective', attrs: { blockId: 'o', code: 'O1', title: '业务服务' } };
  const risk: DocNode = { type: 'risk', attrs: { blockId: 'k', status: 'open' }, content: [p('好店延期')] };
  return [
    ['an OKR item with every field, alone in a report', [okr('a', '好店联调', filled)]],
    ['an OKR item with every field at the end of a report, after a risk', [risk, okr('a', '好店联调', filled)]],
    ['an OKR item above the first objective section', [okr('a', '好店联调', filled), o1, okr('b', '出金', { progress: 10 })]],
    ['an OKR item with only its text after a KPI table', [kpiTable({ name: '入金成功率', value: 99.9, unit: '%' }), okr('a', '好店联调')]],
    ['an OKR item after a heading, then a key project', [{ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: '下周工作及目标' }] }, okr('a', '好店联调', filled), { type: 'keyProject', attrs: { blockId: 'kp', project: '出金' }, content: [p('排期')] }]],
  ];
}

/** Owners are written by name and read back as the member of that name. */
const people = new Map([['u1', '张三']]);

describe('export → import keeps blocks with only a name or a text filled in', () => {
  it.each(sparse)('%s', (_name, content) => {
    const doc: DocNode = { type: 'doc', content };
    const md = exportMarkdown(doc, { week: '2024-W12', people });
    const back = parseReport(md, { people: [...people].map(([id, name]) => ({ id, name })) });
    const [want, got] = [items(doc, 2024), items(back.doc, back.year)];
    // An incident's summary keeps what it said, with the fields its text can say written into it (`【待复盘】`,
    // `持续20min`, the start), as for any incident; every other field comes back as it was.
    const withoutSummary = (list: Record<string, unknown>[]) => list.map(({ summary: _s, ...rest }) => rest);
    expect({ ...got, incidents: withoutSummary(got.incidents) }, md).toEqual({ ...want, incidents: withoutSummary(want.incidents) });
    got.incidents.forEach((inc, i) => expect(inc.summary).toContain(want.incidents[i].summary));
    // No line lost: the `（时间待定）` import takes off an incident included, and the fields groups (`（级别：C）`)
    // that went into the blocks' fields.
    expect(lostLines(md, back.doc, back.fieldGroups)).toEqual([]);
    // And from there on, nothing changes.
    expect(exportMarkdown(back.doc, { week: '2024-W12', people })).toBe(md);
  });

  it('in a KPI section, a line starting with a date or a time is no row whose name starts with a digit', () => {
    const back = parseReport('# 2024-W12\n\n## 【系统运行数据】\n\n- 3/21 15:43 支付超时\n- 15:43\n- 3月21日 15:43 支付\n- 2024-03-21：\n- 3日留存：5%\n');
    expect(items(back.doc, back.year).kpis.map((k) => k.name)).toEqual(['3日留存']);
  });

  it('a numbered list outside an objective section, as the samples have them, stays a list', () => {
    const back = parseReport('# 2024-W12\n\n1. 好店联调（进度：40%）\n2. 出金\n\n## 【其他】\n\n1. 好店\n');
    expect(items(back.doc, back.year).okrs).toEqual([]);
    expect(back.doc.content?.map((n) => n.type)).toEqual(['heading', 'orderedList', 'heading', 'orderedList', 'paragraph']); // the last: the editor's trailing line
  });
});

describe('over HTTP: what the `/` menu inserts, only a name or a summary typed, exported and imported into another space', () => {
  let s: TestServer;
  let ann: TestUser;
  beforeAll(async () => {
    s = await startTestServer();
    [ann] = await signedUp(s.base, 'Ann');
  });
  afterAll(async () => { await s?.close(); });

  it('gives back the KPI row and the incident with their fields', async () => {
    const spaceId = await spaceWith(ann, [], 'Sparse');
    const r = await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' });
    const doc: DocNode = { type: 'doc', content: [kpiTable({ name: '好店转化率' }), p(''), incident({}, '好店支付超时')] };
    const c = connect(ann, r.json.id);
    await c.synced;
    Y.applyUpdate(c.doc, docUpdate(doc));
    await eventually(async () => {
      const got = (await ann.call('GET', `/api/reports/${r.json.id}/items`)).json;
      return got.kpis.length === 1 && got.incidents.length === 1;
    }, 'indexed');
    c.close();
    const before = (await ann.call('GET', `/api/reports/${r.json.id}/items`)).json;
    const md = await ann.call('GET', `/api/reports/${r.json.id}/markdown`);

    const other = await spaceWith(ann, [], 'Other');
    const imported = await ann.call('POST', `/api/spaces/${other}/import`, md.text, { 'content-type': 'text/markdown' });
    expect(imported.status, imported.text).toBe(201);
    expect(imported.json.counts).toMatchObject({ kpis: 1, incidents: 1 });
    const after = (await ann.call('GET', `/api/reports/${imported.json.report.id}/items`)).json;
    const strip = (list: any[]) => list.map(({ blockId: _b, ...rest }) => rest);
    expect(strip(after.kpis)).toEqual(strip(before.kpis));
    expect(strip(after.incidents)).toEqual(strip(before.incidents));
    expect(after.incidents[0]).toMatchObject({ summary: '好店支付超时', start: null });
  });

  it('warns of no lost line for fields groups that went into fields (`（状态：已完成）`, `（级别：C）`)', async () => {
    const spaceId = await spaceWith(ann, [], 'Grouped');
    const r = await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' });
    const doc: DocNode = { type: 'doc', content: [
      { type: 'objective', attrs: { blockId: 'o', code: 'O1', title: '业务服务' } },
      { type: 'okrItem', attrs: { blockId: 'a', status: 'done' }, content: [p('好店联调')] },
      incident({ start: '2024-03-21T15:43', severity: 'C' }, '3/21 15:43 好店支付超时'),
    ] };
    const c = connect(ann, r.json.id);
    await c.synced;
    Y.applyUpdate(c.doc, docUpdate(doc));
    await eventually(async () => (await ann.call('GET', `/api/reports/${r.json.id}/items`)).json.incidents.length === 1, 'indexed');
    c.close();
    const md = await ann.call('GET', `/api/reports/${r.json.id}/markdown`);
    expect(md.text).toContain('（状态：已完成）');
    expect(md.text).toContain('（级别：C）');

    const other = await spaceWith(ann, [], 'Grouped too');
    const imported = await ann.call('POST', `/api/spaces/${other}/import`, md.text, { 'content-type': 'text/markdown' });
    expect(imported.status, imported.text).toBe(201);
    expect(imported.json.warnings).toEqual([]);
  });
});
