// The risk block (风险与求助), added through the registry alone: its fields, how they are read from the text,
// its Markdown section, the round trip through export, carry-forward, and the registry's loops picking it up.
import { describe, expect, it } from 'vitest';
import { blocks, blockTypes, headlessExtensions, reportSchema, searchKinds } from '../../shared/blocks/index.js';
import { reportShape } from '../../shared/blocks/docShape.js';
import { risk, riskDueFrom, riskHelpFrom, riskOwnerFrom, riskSeverityFrom, riskStatusFrom } from '../../shared/blocks/risk.js';
import type { DocNode } from '../../shared/blocks/types.js';
import { extractItems } from '../../shared/extract.js';
import { exportMarkdown } from '../../shared/markdown/export.js';
import { lostLines } from '../../shared/markdown/lostLines.js';
import { parseReport } from '../../shared/markdown/parse.js';
import { carryForward } from '../../server/domain/carryForward.js';
import { searchPieces } from '../../server/search/searchRows.js';
import { itemRows, rowsToItems } from '../../server/search/itemRows.js';
import { slashItems, filterSlashItems } from '../../web/editor/slash/items.js';

const p = (t: string): DocNode => ({ type: 'paragraph', content: [{ type: 'text', text: t }] });
const riskNode = (attrs: Record<string, unknown>, ...text: string[]): DocNode => ({ type: 'risk', attrs: { blockId: 'r1', ...attrs }, content: text.map(p) });
const doc = (...content: DocNode[]): DocNode => ({ type: 'doc', content });
const ctx = { year: 2024, objective: null };
/** The fields a round trip must keep (no blockIds). */
const fields = (d: DocNode, year = 2024) => extractItems(d, year).risks.map(({ blockId: _b, fromId: _f, text: _t, owners: _o, ...f }) => f);

const REPORT = `# 2024-W12

Created: 2024年3月22日 10:00

## 【O1 业务服务】

1. 物保三期：进度95%，计划3/28上线

## 【风险与求助】

- （高）工行联调排期未定，可能影响3/28上线，需要工行支持，负责人：张三，截止3/27
- 中风险：灰度监控告警阈值待定，需运维协助
- （低）文档评审延期【已解决】
    - 已补充评审纪要
1. 没有标记的风险

普通的说明文字

## 【系统运行数据】

- 入金有效成功率：99.997%
`;

describe('reading a risk out of its text', () => {
  it('severity from （高）/（中）/（低） or 高风险, the first one written', () => {
    expect(riskSeverityFrom('（高）联调未排期')).toBe('high');
    expect(riskSeverityFrom('(中) 告警阈值')).toBe('medium');
    expect(riskSeverityFrom('低风险：文档')).toBe('low');
    expect(riskSeverityFrom('存在高风险')).toBe('high');
    expect(riskSeverityFrom('（低）其实是（高）')).toBe('low');
    expect(riskSeverityFrom('高度关注')).toBeNull();
  });

  it('who help is needed from: 需要X支持 / 需X协助, the last one written', () => {
    expect(riskHelpFrom('联调排期未定，需要工行支持')).toBe('工行');
    expect(riskHelpFrom('需运维协助排查')).toBe('运维');
    expect(riskHelpFrom('需要产品和运营的支持')).toBe('产品和运营');
    expect(riskHelpFrom('需要工行支持，后来改为需要交行支持')).toBe('交行');
    expect(riskHelpFrom('需要协助')).toBeNull();
    expect(riskHelpFrom('支持工行')).toBeNull();
  });

  it('owner, due date and status', () => {
    expect(riskOwnerFrom('负责人：张三，截止3/27')).toBe('张三');
    expect(riskDueFrom('负责人：张三，截止3/27', 2024)).toBe('2024-03-27');
    expect(riskDueFrom('截止日期：2025/1/8', 2024)).toBe('2025-01-08');
    expect(riskDueFrom('4月2日前解决', 2024)).toBe('2024-04-02');
    expect(riskDueFrom('截止1/8', 2024, 12)).toBe('2025-01-08'); // a December report's January
    expect(riskDueFrom('月底解决', 2024)).toBeNull();
    expect(riskStatusFrom('已解决')).toBe('resolved');
    expect(riskStatusFrom('已解决，又出现，未解决')).toBe('open');
    expect(riskStatusFrom('跟进')).toBeNull();
  });
});

describe('risk.extract', () => {
  it('attributes win over the text; empty ones fall back to it; status is open unless said otherwise', () => {
    expect(risk.extract(riskNode({ severity: 'low', owner: '李四', needHelpFrom: '交行', due: '2024-04-01', status: 'resolved', fromId: 'old', owners: 'u4, u5,u4' },
      '（高）需要工行支持，负责人：张三，截止3/27'), ctx)).toEqual({
      blockId: 'r1', text: '（高）需要工行支持，负责人：张三，截止3/27', owner: '李四', severity: 'low', needHelpFrom: '交行', due: '2024-04-01', status: 'resolved', fromId: 'old', owners: ['u4', 'u5'],
    });
    expect(risk.extract(riskNode({}, '（高）需要工行支持，负责人：张三，截止3/27'), ctx)).toMatchObject({
      owner: '张三', severity: 'high', needHelpFrom: '工行', due: '2024-03-27', status: 'open', fromId: null, owners: [],
    });
    expect(risk.extract(riskNode({ severity: 'severe', status: 'maybe', due: 'soon', owner: '  ' }, '说明'), ctx)).toMatchObject({
      severity: null, status: 'open', due: null, owner: null, needHelpFrom: null,
    });
  });
});

describe('the risk block in the registry', () => {
  it('is part of the headless schema, the server’s document shape, the search kinds and the / menu', () => {
    expect(blocks.map((b) => b.name)).toContain('risk');
    expect(blockTypes).toContain('risk');
    expect(headlessExtensions().map((e) => e.name)).toContain('risk');
    expect(reportSchema().nodes.risk).toBeDefined();
    expect(reportShape().topNodes.has('risk')).toBe(true); // so updates holding it are accepted (server/sync/updateCheck.ts)
    expect(searchKinds).toContain('risk');
    expect(slashItems.map((i) => i.id)).toContain('risk');
    expect(filterSlashItems('风险').map((i) => i.id)).toEqual(['risk']);
    expect(filterSlashItems('risk')[0].id).toBe('risk');
  });

  it('is indexed: items list, item rows (and back), search pieces', () => {
    const d = doc(p('前言'), riskNode({ severity: 'high', owner: '张三' }, '联调排期未定，需要工行支持'), p('之后'));
    const items = extractItems(d, 2024);
    expect(items.risks).toEqual([{ blockId: 'r1', text: '联调排期未定，需要工行支持', owner: '张三', severity: 'high', needHelpFrom: '工行', due: null, status: 'open', fromId: null, owners: [] }]);
    const rows = itemRows({ reportId: 'rep', spaceId: 'sp', week: '2024-W12' }, items);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'risk', block_id: 'r1', owner: '张三', severity: 'high', status: 'open', text: '联调排期未定，需要工行支持' });
    expect(rowsToItems(rows)).toEqual(items);
    const pieces = searchPieces(d, items);
    expect(pieces.find((x) => x.kind === 'risk')).toMatchObject({ blockId: 'r1', text: expect.stringContaining('工行') });
    // the text after the risk points at it
    expect(pieces.find((x) => x.text === '之后')).toMatchObject({ kind: 'text', blockId: 'r1' });
  });
});

describe('risks in Markdown', () => {
  it('a 【风险与求助】 section: each list item one risk with its fields; other text stays; nothing lost', () => {
    const parsed = parseReport(REPORT);
    expect(lostLines(REPORT, parsed.doc)).toEqual([]);
    expect(() => reportSchema().nodeFromJSON(parsed.doc).check()).not.toThrow();
    const items = extractItems(parsed.doc, parsed.year);
    expect(items.okrs).toHaveLength(1);
    expect(items.kpis).toHaveLength(1);
    expect(items.risks.map(({ blockId: _b, ...r }) => r)).toEqual([
      { text: '（高）工行联调排期未定，可能影响3/28上线，需要工行支持，负责人：张三，截止3/27', severity: 'high', needHelpFrom: '工行', owner: '张三', due: '2024-03-27', status: 'open', fromId: null, owners: [] },
      { text: '中风险：灰度监控告警阈值待定，需运维协助', severity: 'medium', needHelpFrom: '运维', owner: null, due: null, status: 'open', fromId: null, owners: [] },
      { text: '（低）文档评审延期【已解决】\n已补充评审纪要', severity: 'low', needHelpFrom: null, owner: null, due: null, status: 'resolved', fromId: null, owners: [] },
      { text: '没有标记的风险', severity: null, needHelpFrom: null, owner: null, due: null, status: 'open', fromId: null, owners: [] },
    ]);
    expect(parsed.doc.content!.some((n) => n.type === 'paragraph' && n.content?.[0]?.text === '普通的说明文字')).toBe(true);
  });

  it('export → import keeps every field, also fields set in the editor that the text does not say', () => {
    const parsed = parseReport(REPORT);
    const risks = parsed.doc.content!.filter((n) => n.type === 'risk');
    // Edit fields as the editor would: change some, set some the text lacks, clear one back to the text.
    Object.assign(risks[0].attrs!, { severity: 'medium', needHelpFrom: '交行', owner: 'Ada Lovelace', due: '2025-01-15', status: 'resolved' });
    Object.assign(risks[1].attrs!, { owner: '王五', due: '2024-04-02' });
    Object.assign(risks[2].attrs!, { status: 'open' });
    Object.assign(risks[3].attrs!, { severity: 'high', status: 'resolved' });
    const before = fields(parsed.doc);
    const md = exportMarkdown(parsed.doc, { week: '2024-W12' });
    expect(md).toContain('## 【风险与求助】');
    const again = parseReport(md);
    expect(lostLines(md, again.doc)).toEqual([]);
    expect(fields(again.doc)).toEqual(before);
    expect(before[0]).toEqual({ severity: 'medium', needHelpFrom: '交行', owner: 'Ada Lovelace', due: '2025-01-15', status: 'resolved' });
    // and a second export is the same text
    expect(exportMarkdown(again.doc, { week: '2024-W12' })).toBe(md);
  });

  it('risks written outside a 【风险与求助】 section get the heading on export', () => {
    const d = doc({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: '【其他】' }] }, p('杂项'),
      riskNode({ severity: 'high', needHelpFrom: '安全团队' }, '证书即将过期'));
    const md = exportMarkdown(d, { week: '2024-W12' });
    expect(md).toMatch(/## 【风险与求助】\n\n- （高）证书即将过期，需要安全团队支持\n$/);
    expect(fields(parseReport(md).doc)).toEqual(fields(d));
  });
});

describe('Start next week', () => {
  it('carries open risks (linked back with fromId), leaves resolved ones behind', () => {
    const d = doc(
      riskNode({ blockId: 'open1', severity: 'high', status: 'open' }, '联调排期'),
      riskNode({ blockId: 'done1', status: 'resolved' }, '评审延期'),
      riskNode({ blockId: 'text1' }, '监控告警【已解决】'), // resolved by its text
      riskNode({ blockId: 'open2' }, '无状态的风险'),
    );
    const next = carryForward(d, { week: '2024-W12' }, { week: '2024-W13' });
    const carried = next.content!.filter((n) => n.type === 'risk');
    expect(carried.map((n) => n.attrs!.fromId)).toEqual(['open1', 'open2']);
    expect(carried.every((n) => !['open1', 'open2'].includes(n.attrs!.blockId as string))).toBe(true);
    expect(carried[0].attrs).toMatchObject({ severity: 'high', status: 'open' });
    expect(() => reportSchema().nodeFromJSON(next).check()).not.toThrow();
  });
});
