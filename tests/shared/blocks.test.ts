import { describe, expect, it } from 'vitest';
import { incident, keyProject, kpiRow, kpiTable, objective, okrItem, reportSchema } from '../../shared/blocks/index.js';
import { minutesBetween } from '../../shared/blocks/incident.js';
import type { DocNode } from '../../shared/blocks/types.js';
import { extractItems } from '../../shared/extract.js';

// Document JSON as TipTap writes it (and as y-tiptap reads it out of the Yjs document).
const text = (t: string): DocNode => ({ type: 'text', text: t });
const p = (...t: string[]): DocNode => ({ type: 'paragraph', content: t.length ? t.map(text) : undefined });
const okr = (attrs: Record<string, unknown>, ...content: DocNode[]): DocNode => ({ type: 'okrItem', attrs, content });
const obj = (code: string, title: string, blockId = `o-${code}`): DocNode => ({ type: 'objective', attrs: { blockId, code, title } });
const row = (attrs: Record<string, unknown>): DocNode => ({ type: 'kpiRow', attrs });
const doc = (...content: DocNode[]): DocNode => ({ type: 'doc', content });
const ctx = { year: 2024, objective: 'O1' };

describe('okrItem.extract', () => {
  it('reads every attribute as given', () => {
    const item = okrItem.extract(okr({ blockId: 'b1', project: ' 物保三期 ', progress: 57, due: '2024-04-02', status: 'at_risk', owner: 'u1', fromId: 'old' },
      p('物保三期：进度95%，计划3/28上线')), ctx);
    expect(item).toEqual({
      blockId: 'b1', objective: 'O1', project: '物保三期', text: '物保三期：进度95%，计划3/28上线',
      progress: 57, due: '2024-04-02', status: 'at_risk', owner: 'u1', owners: ['u1'], fromId: 'old', projectKey: null,
    });
  });

  it('takes the project name from the text when the field is empty; progress and go-live are only suggested, in the report year', () => {
    const item = okrItem.extract(okr({ blockId: 'b2' }, p('物保三期：进度95%，计划3/28上线')), { year: 2023, objective: null });
    expect(item.project).toBe('物保三期');
    expect(item.progress).toBeNull();
    expect(item.due).toBeNull();
    expect(item.objective).toBeNull();
    expect(okrItem.suggest('物保三期：进度95%，计划3/28上线', 2023)).toMatchObject({ progress: 95, due: '2023-03-28' });
  });

  it('gives null progress and due when neither attribute nor text has them; vague dates stay null', () => {
    const item = okrItem.extract(okr({ blockId: 'b3' }, p('贝易转：联调中，预计7月底上线')), ctx);
    expect(item.progress).toBeNull();
    expect(item.due).toBeNull();
  });

  it('turns invalid numbers and values into null or a fallback, and clamps progress', () => {
    const bad = okrItem.extract(okr({ blockId: 'b4', progress: 'lots', due: 'next week', status: 'fine', owner: '  ' }, p('x：y')), ctx);
    expect(bad.progress).toBeNull();
    expect(bad.due).toBeNull();
    expect(bad.status).toBeNull();
    expect(bad.owner).toBeNull();
    expect(okrItem.extract(okr({ blockId: 'b5', progress: 140 }, p('a')), ctx).progress).toBe(100);
    expect(okrItem.extract(okr({ blockId: 'b6', progress: -3 }, p('a')), ctx).progress).toBe(0);
    // a number kept as a string (set by hand through Yjs) still counts
    expect(okrItem.extract(okr({ blockId: 'b7', progress: '42' }, p('a')), ctx).progress).toBe(42);
  });

  it('an explicit attribute wins over the text', () => {
    const item = okrItem.extract(okr({ blockId: 'b8', progress: 0, due: '2024-05-01' }, p('进度95%，计划3/28上线')), ctx);
    expect(item.progress).toBe(0);
    expect(item.due).toBe('2024-05-01');
  });

  it('joins nested blocks of the text line by line', () => {
    const item = okrItem.extract(okr({ blockId: 'b9' }, p('支付中台：进度40%'),
      { type: 'bulletList', content: [{ type: 'listItem', content: [p('子任务一')] }, { type: 'listItem', content: [p('子任务二')] }] }), ctx);
    expect(item.text).toBe('支付中台：进度40%\n子任务一\n子任务二');
  });

  it('reads a mention in the text as the name it shows (walkthrough: `联调找  确认排期` in items, status and search)', () => {
    const line: DocNode = { type: 'paragraph', content: [text('好店二期：联调找 '), { type: 'mention', attrs: { id: 'u-li', label: '李四', mentionId: 'm1' } }, text(' 确认排期')] };
    expect(okrItem.extract(okr({ blockId: 'b10' }, line), ctx).text).toBe('好店二期：联调找 @李四 确认排期');
  });

  it('suggest() reads project, progress and go-live from the text', () => {
    expect(okrItem.suggest('支付中台：整体进度40%，模块A进度90%，预计7月25日上线', 2024)).toEqual({ project: '支付中台', progress: 40, due: '2024-07-25', parts: [] });
  });

  it('suggest() in a December report reads an early-year go-live as next year\'s, as the date field does (it offered 11 months back)', () => {
    expect(okrItem.suggest('存管路由开发进度10%，计划1/15上线', 2026, 12).due).toBe('2027-01-15');
    expect(okrItem.suggest('物保三期，计划3/28上线', 2026, 12).due).toBe('2027-03-28');
    expect(okrItem.suggest('物保三期，计划12/28上线', 2026, 12).due).toBe('2026-12-28');
    expect(okrItem.suggest('物保三期，计划3/28上线', 2026, 3).due).toBe('2026-03-28');
  });

  it('issue 12: sub-parts without an overall figure suggest each part, and no progress', () => {
    const pos = 'POS收单系统建设，POC融合进度100%，上线完成；POS押金进度40%，对账提测完成；加密机对接进度80%。';
    expect(okrItem.suggest(pos, 2024)).toMatchObject({ progress: null, parts: [{ label: 'POC融合', value: 100 }, { label: 'POS押金', value: 40 }, { label: '加密机对接', value: 80 }] });
    expect(okrItem.extract(okr({ blockId: 'pos' }, p(pos)), ctx).progress).toBeNull();
  });

  it('issue 12: a suggestion nobody accepted is not a value (progress and go-live only from the fields)', () => {
    const item = okrItem.extract(okr({ blockId: 'sg' }, p('物保三期：进度95%，计划3/28上线')), ctx);
    expect(item).toMatchObject({ project: '物保三期', progress: null, due: null });
  });
});

describe('kpiTable / kpiRow extract', () => {
  it('reads rows; numbers only, invalid numbers are null; rows without a name are skipped', () => {
    const table: DocNode = {
      type: 'kpiTable', attrs: { blockId: 't1', title: '系统运行数据' }, content: [
        row({ blockId: 'r1', name: ' 入金有效成功率 ', value: 99.997, unit: '%', target: 99.99 }),
        row({ blockId: 'r2', name: '交易笔数', value: '1,234', unit: '笔', target: null }),
        row({ blockId: 'r3', name: '延迟', value: 'abc', unit: 'ms', target: 'n/a' }),
        row({ blockId: 'r4', name: '   ', value: 1 }),
      ],
    };
    expect(kpiTable.extract(table)).toEqual([
      { blockId: 'r1', name: '入金有效成功率', value: 99.997, unit: '%', target: 99.99, display: null },
      { blockId: 'r2', name: '交易笔数', value: 1234, unit: '笔', target: null, display: null },
      { blockId: 'r3', name: '延迟', value: null, unit: 'ms', target: null, display: null },
    ]);
    expect(kpiRow.extract(row({}))).toEqual({ blockId: '', name: '', value: null, unit: '', target: null, display: null });
    // Issue 12: the typed text beside the number, while it is that number.
    expect(kpiRow.extract(row({ blockId: 'r4', name: '年度可用性', value: 99.99, unit: '%', display: '99.990%' })).display).toBe('99.990%');
    expect(kpiRow.extract(row({ blockId: 'r5', name: '年度可用性', value: 99.5, unit: '%', display: '99.990%' })).display).toBeNull();
  });
});

describe('incident.extract', () => {
  const inc = (attrs: Record<string, unknown>, ...summary: string[]): DocNode => ({ type: 'incident', attrs, content: summary.map((s) => p(s)) });

  it('computes the duration from start and recovery when none was entered', () => {
    const item = incident.extract(inc({ blockId: 'i1', start: '2024-03-21T15:43', end: '2024-03-21T16:15', severity: 'B', status: 'review_pending',
      impact: '部分入金失败', cause: '证书过期', link: 'https://wiki/x' }, '3/21 15:43 入金通道异常', '16:15 恢复'));
    expect(item).toEqual({
      blockId: 'i1', start: '2024-03-21T15:43', end: '2024-03-21T16:15', durationMinutes: 32, severity: 'B',
      summary: '3/21 15:43 入金通道异常\n16:15 恢复', impact: '部分入金失败', cause: '证书过期', status: 'review_pending', link: 'https://wiki/x',
    });
  });

  it('an entered duration wins; across midnight is computed; recovery before start gives null', () => {
    expect(incident.extract(inc({ blockId: 'i2', start: '2024-03-21T15:43', end: '2024-03-21T16:15', durationMinutes: 45 }, 's')).durationMinutes).toBe(45);
    expect(incident.extract(inc({ blockId: 'i3', start: '2024-03-21T23:50', end: '2024-03-22T00:20' }, 's')).durationMinutes).toBe(30);
    expect(incident.extract(inc({ blockId: 'i4', start: '2024-03-21T16:00', end: '2024-03-21T15:00' }, 's')).durationMinutes).toBeNull();
    expect(incident.extract(inc({ blockId: 'i5', start: '2024-03-21T16:00' }, 's')).durationMinutes).toBeNull();
  });

  it('invalid severity, status, duration and empty link become null', () => {
    const item = incident.extract(inc({ blockId: 'i6', severity: 'E', status: 'maybe', durationMinutes: 'long', link: '' }, 's'));
    expect([item.severity, item.status, item.durationMinutes, item.link]).toEqual([null, null, null, null]);
    expect(minutesBetween('2024-03-21T15:43', 'garbage')).toBeNull();
  });
});

describe('keyProject and objective extract', () => {
  it('key project: trimmed name and its nested text', () => {
    const node: DocNode = { type: 'keyProject', attrs: { blockId: 'k1', project: ' 贝易转 ' }, content: [p('C转联调完成'), p('下周灰度')] };
    expect(keyProject.extract(node)).toEqual({ blockId: 'k1', project: '贝易转', text: 'C转联调完成\n下周灰度', projectKey: null, owners: [] });
  });
  it('objective: code and title', () => {
    expect(objective.extract(obj(' O2 ', ' 能力升级 ', 'x'))).toEqual({ blockId: 'x', code: 'O2', title: '能力升级' });
  });
});

describe('extractItems', () => {
  const report = doc(
    { type: 'keyProject', attrs: { blockId: 'k1', project: '贝易转' }, content: [
      p('联调完成'),
      okr({ blockId: 'nested' }, p('贝易转C转：进度30%')),
    ] },
    obj('O1', '业务服务'),
    okr({ blockId: 'a', progress: 95, due: '2024-03-28' }, p('物保三期：进度95%，计划3/28上线')),
    { type: 'bulletList', content: [{ type: 'listItem', content: [p('a note inside O1')] }] },
    okr({ blockId: 'b', progress: 10 }, p('存管路由：开发中')),
    obj('O2', '能力升级'),
    { type: 'heading', attrs: { level: 3 }, content: [text('小标题')] },
    okr({ blockId: 'c', progress: 80 }, p('DocAI：进度约80%')),
    { type: 'heading', attrs: { level: 2 }, content: [text('【系统运行数据】')] },
    okr({ blockId: 'd' }, p('无归属的事项')),
    { type: 'kpiTable', attrs: { blockId: 't' }, content: [row({ blockId: 'r1', name: '入金有效成功率', value: 99.997, unit: '%' })] },
    { type: 'incident', attrs: { blockId: 'i', start: '2024-03-21T15:43', end: '2024-03-21T16:15' }, content: [p('入金异常')] },
  );

  it('attributes OKR items to the objective section they are in; level 1–2 headings end a section', () => {
    const items = extractItems(report, 2024);
    expect(items.okrs.map((o) => [o.blockId, o.objective])).toEqual([['nested', null], ['a', 'O1'], ['b', 'O1'], ['c', 'O2'], ['d', null]]);
    expect(items.okrs.find((o) => o.blockId === 'a')).toMatchObject({ project: '物保三期', progress: 95, due: '2024-03-28' });
    expect(items.okrs.find((o) => o.blockId === 'b')?.progress).toBe(10);
    expect(items.okrs.find((o) => o.blockId === 'c')?.progress).toBe(80);
  });

  it('collects projects, KPIs and incidents (duration computed)', () => {
    const items = extractItems(report, 2024);
    expect(items.projects).toEqual([{ blockId: 'k1', project: '贝易转', text: '联调完成\n贝易转C转：进度30%', projectKey: null, owners: [] }]);
    expect(items.kpis).toEqual([{ blockId: 'r1', name: '入金有效成功率', value: 99.997, unit: '%', target: null, display: null }]);
    expect(items.incidents).toHaveLength(1);
    expect(items.incidents[0]).toMatchObject({ blockId: 'i', durationMinutes: 32, summary: '入金异常', status: null });
  });

  it('an empty document has no items', () => {
    expect(extractItems(doc(), 2024)).toEqual({ okrs: [], kpis: [], incidents: [], projects: [], risks: [] });
  });

  it('the test documents are valid in the shared schema (what the server reads)', () => {
    const schema = reportSchema();
    expect(() => schema.nodeFromJSON(report).check()).not.toThrow();
    // and the schema refuses what the blocks forbid: a KPI table without rows
    expect(() => schema.nodeFromJSON(doc({ type: 'kpiTable', attrs: {}, content: [] })).check()).toThrow();
  });
});

describe('export writes what extract reads (no drifted number parsing)', () => {
  it('a KPI value kept as a string with a separator, and an OKR progress out of range, come back as extract read them', async () => {
    const { exportMarkdown } = await import('../../shared/markdown/export.js');
    const { parseReport } = await import('../../shared/markdown/parse.js');
    const d = doc(
      { type: 'heading', attrs: { level: 2 }, content: [text('【系统运行数据】')] },
      { type: 'kpiTable', attrs: { blockId: 't1', title: '' }, content: [row({ blockId: 'r1', name: '交易笔数', value: '1,234', unit: '笔' })] },
      obj('O1', '业务服务'),
      okr({ blockId: 'k1', project: '物保三期', progress: 140 }, p('物保三期：联调')),
    );
    const before = extractItems(d, 2024);
    const after = extractItems(parseReport(exportMarkdown(d, { week: '2024-W12' })).doc, 2024);
    expect(after.kpis.map((k) => [k.name, k.value])).toEqual([['交易笔数', 1234]]);
    expect(after.kpis.map((k) => k.value)).toEqual(before.kpis.map((k) => k.value));
    expect(after.okrs.map((o) => o.progress)).toEqual([100]);
    expect(after.okrs.map((o) => o.progress)).toEqual(before.okrs.map((o) => o.progress));
  });
});
