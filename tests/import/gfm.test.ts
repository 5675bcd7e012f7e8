import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportSchema } from '../../shared/blocks/index.js';
import type { DocNode } from '../../shared/blocks/types.js';
import { extractItems } from '../../shared/extract.js';
import { exportMarkdown } from '../../shared/markdown/export.js';
import { lostLines } from '../../shared/markdown/lostLines.js';
import { parseReport } from '../../shared/markdown/parse.js';
import { signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** Issue 12: Notion's Markdown extras — pipe tables, `- [x]` checklists, ~~strikethrough~~ — import and export (GFM). */

const source = [
  '# 2024-W30',
  '',
  '## 【重点工作】',
  '',
  '- 【贝易转】',
  '    - [x] 工行联调完成',
  '    - [ ] 交行方案评审',
  '',
  '## 【O1 业务服务】',
  '',
  '- 物保三期：~~计划3/28上线~~ 改期，进度95%',
  '',
  '## 【系统运行数据】',
  '',
  '- 入金有效成功率：99.997%',
  '',
  '| 指标 | 本周 | 目标 |',
  '| --- | :-: | --: |',
  '| 出金有效成功率 | 99.976% | 99.95% |',
  '| 平均响应时间 | 120ms | 150ms |',
  '',
  '## 【生产事件】',
  '',
  '07/23 15:43 出金超时，15:43~16:15 期间失败率升高【待复盘】',
  '',
  '# 下周工作及目标',
  '',
  '- [ ] 团队述职',
  '- [x] 支付安全方案汇报',
  '',
].join('\n');

const find = (n: DocNode, type: string): DocNode[] => [...(n.type === type ? [n] : []), ...(n.content ?? []).flatMap((c) => find(c, type))];
const cells = (t: DocNode) => (t.content ?? []).map((r) => (r.content ?? []).map((c) => [c.type, (c.content ?? []).map((p) => (p.content ?? []).map((x) => x.text).join('')).join('\n')]));

describe('GFM import', () => {
  const r = parseReport(source);

  it('reads a pipe table as a table (header row, cells), a checklist as a task list, strikethrough as a mark', () => {
    expect(() => reportSchema().nodeFromJSON(r.doc).check()).not.toThrow();
    const [table] = find(r.doc, 'table');
    expect(cells(table)).toEqual([
      [['tableHeader', '指标'], ['tableHeader', '本周'], ['tableHeader', '目标']],
      [['tableCell', '出金有效成功率'], ['tableCell', '99.976%'], ['tableCell', '99.95%']],
      [['tableCell', '平均响应时间'], ['tableCell', '120ms'], ['tableCell', '150ms']],
    ]);
    const tasks = find(r.doc, 'taskItem').map((t) => [t.attrs?.checked, (t.content?.[0].content ?? []).map((x) => x.text).join('')]);
    expect(tasks).toEqual([[true, '工行联调完成'], [false, '交行方案评审'], [false, '团队述职'], [true, '支付安全方案汇报']]);
    const struck = find(r.doc, 'text').filter((t) => t.marks?.some((m) => m.type === 'strike')).map((t) => t.text);
    expect(struck).toEqual(['计划3/28上线']);
    expect(lostLines(source, r.doc)).toEqual([]);
  });

  it('leaves a single ~ as text (a time range), and reads the blocks as before', () => {
    const items = extractItems(r.doc, r.year);
    expect(items.incidents[0]).toMatchObject({ start: '2024-07-23T15:43', end: '2024-07-23T16:15', status: 'review_pending' });
    expect(items.okrs.map((o) => [o.project, o.progress])).toEqual([['物保三期', 95]]);
    expect(items.kpis.map((k) => k.name)).toEqual(['入金有效成功率']);
    expect(items.projects[0]).toMatchObject({ project: '贝易转' });
  });
});

describe('GFM export', () => {
  const r = parseReport(source);
  const md = exportMarkdown(r.doc, { week: '2024-W30' });

  it('writes tables, task lists and strikethrough with mdast-util-to-markdown, and reads back the same', () => {
    expect(md).toContain('| 指标 | 本周 | 目标 |');
    expect(md).toMatch(/\| 出金有效成功率 \| 99\.976% \| 99\.95% +\|/);
    expect(md).toContain('- [ ] 团队述职\n- [x] 支付安全方案汇报');
    expect(md).toContain('~~计划3/28上线~~');
    const again = parseReport(md);
    expect(find(again.doc, 'table').map(cells)).toEqual(find(r.doc, 'table').map(cells));
    expect(find(again.doc, 'taskItem').map((t) => t.attrs?.checked)).toEqual([true, false, false, true]);
    expect(extractItems(again.doc, again.year)).toEqual(expect.objectContaining({ okrs: [expect.objectContaining({ project: '物保三期', progress: 95 })] }));
    expect(lostLines(source, again.doc)).toEqual([]);
    expect(exportMarkdown(again.doc, { week: '2024-W30' })).toBe(md);
  });
});

describe('over HTTP', () => {
  let s: TestServer;
  let ann: TestUser;
  beforeAll(async () => {
    s = await startTestServer();
    [ann] = await signedUp(s.base, 'Ann');
  });
  afterAll(async () => { await s?.close(); });

  it('imports a report with a table and a checklist into a live document, and exports them', async () => {
    const spaceId = await spaceWith(ann);
    const r = await ann.call('POST', `/api/spaces/${spaceId}/import`, source, { 'content-type': 'text/markdown' });
    expect(r.status, r.text).toBe(201);
    expect(r.json.warnings).toEqual([]);
    const md = (await ann.call('GET', `/api/reports/${r.json.report.id}/markdown`)).text;
    expect(md).toContain('| 平均响应时间 | 120ms | 150ms |');
    expect(md).toContain('- [x] 支付安全方案汇报');
    expect(md).toContain('~~计划3/28上线~~');
  });
});
