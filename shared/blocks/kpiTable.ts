import { Node, mergeAttributes } from '@tiptap/core';
import type { List, ListItem, RootContent } from 'mdast';
import { block, firstParagraphText, list } from '../markdown/mdastToDoc.js';
import { escapeLine, escapeRe, para } from '../markdown/write.js';
import { kpiLine, kpiLineText, typedValue, type KpiLine } from '../parse/kpiLine.js';
import { targetOpOf, targetText } from '../kpiTarget.js';
import { attr, newBlockId } from './attrs.js';
import { defineBlock, type MarkdownWriter, type ReadContext, type SectionReader } from './def.js';
import { nodeText, numOrNull, str } from './text.js';
import type { DocNode, KpiItem } from './types.js';

function rowOf(node: DocNode): KpiItem {
  const a = node.attrs ?? {};
  const value = numOrNull(a.value);
  const unit = str(a.unit).trim();
  const target = numOrNull(a.target);
  // `targetOp` only when a target says "at most" or "at least" outright: rows without one keep the item they were
  // (the weekly rhythm compares items whole).
  const targetOp = target !== null ? targetOpOf(a.targetOp) : null;
  // The value as typed (`99.990%`), only while it is still the value.
  return { blockId: str(a.blockId), name: str(a.name).trim(), value, unit, target, display: typedValue(a.display, value, unit), ...(targetOp ? { targetOp } : {}) };
}

/** A row as its Markdown line: `name：value unit`, the value as typed, `（目标：…）` when it has a target. */
const rowLine = (r: DocNode) => {
  const unit = String(r.attrs?.unit ?? '');
  return kpiLineText(String(r.attrs?.name ?? ''), numOrNull(r.attrs?.value), unit, { display: r.attrs?.display as string | null, target: numOrNull(r.attrs?.target), targetOp: targetOpOf(r.attrs?.targetOp) });
};

/** One KPI row: metric name, value, unit, target (with `targetOp`, shared/kpiTarget.ts). Each cell is its own attribute, so two people can edit two cells at once. */
export const kpiRow = defineBlock({
  name: 'kpiRow',
  node: Node.create({
    name: 'kpiRow',
    content: '',
    atom: true,
    selectable: false,
    addAttributes: () => ({ ...attr('blockId'), ...attr('name', ''), ...attr('value', null, 'number'), ...attr('unit', ''), ...attr('target', null, 'number'), ...attr('targetOp'), ...attr('display') }),
    parseHTML: () => [{ tag: 'tr[data-type="kpiRow"]' }],
    renderHTML: ({ HTMLAttributes, node }) => ['tr', mergeAttributes(HTMLAttributes, { 'data-type': 'kpiRow' }),
      ['td', node.attrs.name], ['td', `${node.attrs.value ?? ''}${node.attrs.unit ?? ''}`], ['td', node.attrs.target === null ? '' : targetText(node.attrs.target, '', targetOpOf(node.attrs.targetOp))]],
  }),
  extract: rowOf,
  markdown: { shownText: (node) => rowLine(node) },
  /** Next week keeps the metric and its target; the value is this week's to fill in. */
  carry: (copy) => ({ ...copy, attrs: { ...copy.attrs, value: null, display: null } }),
  label: (a) => `KPI · ${a.name || 'row'}`,
});

const newRow = (line: KpiLine): DocNode =>
  ({ type: 'kpiRow', attrs: { blockId: newBlockId(), name: line.name, value: line.value, unit: line.unit, target: line.target, targetOp: line.targetOp, display: line.display } });

/**
 * A list item that is exactly one `name：number unit` line, or a row not filled in yet (`name：`, as export writes
 * one: a list item ending in `：` is no table title).
 */
function kpiOfItem(item: ListItem, source: string) {
  if (item.children.length !== 1 || item.children[0].type !== 'paragraph') return null;
  const p = block(item.children[0], source)[0];
  if ((p.content ?? []).some((c) => c.type !== 'text' || c.marks?.length)) return null;
  return kpiLine(nodeText(p), { blank: true });
}

/** A short `支付成功率：` paragraph right before a table names it. */
function tableTitle(before: DocNode | undefined): string {
  if (before?.type !== 'paragraph') return '';
  const m = /^\s*(.{1,20}?)\s*[：:]\s*$/.exec(nodeText(before));
  return m ? m[1] : '';
}

/** `## 【系统运行数据】`: runs of KPI lines become tables; every other line stays text where it was. */
function kpis(node: RootContent, ctx: ReadContext): DocNode[] {
  const out = ctx.out;
  const table = (rows: DocNode[], before: DocNode | undefined): DocNode =>
    ({ type: 'kpiTable', attrs: { blockId: newBlockId(), title: tableTitle(before) }, content: rows });
  if (node.type === 'paragraph') {
    const p = block(node, ctx.source)[0];
    const plainText = (p.content ?? []).every((c) => c.type === 'hardBreak' || (c.type === 'text' && !c.marks?.length));
    const lines = nodeText(p).split('\n').filter((l) => l.trim());
    const rows = plainText ? lines.map((l) => kpiLine(l)) : [];
    if (rows.length && rows.every(Boolean)) return [table(rows.map((r) => newRow(r!)), out.at(-1))];
    return [p];
  }
  if (node.type !== 'list') return block(node, ctx.source);
  const res: DocNode[] = [];
  let rows: DocNode[] = [];
  let plain: ListItem[] = [];
  const flushRows = () => {
    if (rows.length) res.push(table(rows, res.at(-1) ?? out.at(-1)));
    rows = [];
  };
  const flushPlain = () => {
    if (plain.length) res.push(list(node as List, plain, ctx.source));
    plain = [];
  };
  for (const item of node.children) {
    const k = kpiOfItem(item, ctx.source);
    if (k) {
      flushPlain();
      rows.push(newRow(k));
    } else {
      flushRows();
      plain.push(item);
    }
  }
  flushRows();
  flushPlain();
  return res;
}

/** A row nothing was typed into (a fresh row left empty): no line of its own (walkthrough: it exported as `- ：`). */
const emptyRow = (r: DocNode) => !str(r.attrs?.name).trim() && numOrNull(r.attrs?.value) === null && numOrNull(r.attrs?.target) === null && !str(r.attrs?.unit).trim();
const rowsText = (node: DocNode) => (node.content ?? []).filter((r) => !emptyRow(r)).map((r) => `- ${escapeLine(rowLine(r))}`).join('\n');

const HEADING = '【系统运行数据】';

/**
 * Inside a key project, where no section heading can go: `- 【系统运行数据】支付` (the heading, then its title), its
 * rows nested under it. Import reads it back (fromNested), so the table and its rows stay inside the project.
 */
const nestedTable = (node: DocNode, w: MarkdownWriter) => {
  const rows = rowsText(node);
  return `${w.item('- ', [para(HEADING + String(node.attrs?.title ?? '').trim())])}${rows ? `\n${rows.replace(/^/gm, '    ')}` : ''}`;
};

/** `- 【系统运行数据】title` with a nested list of rows only (as nestedTable writes it) → the table; null otherwise. */
function tableFromNested(item: ListItem, ctx: ReadContext): DocNode | null {
  const [first, rows, ...more] = item.children;
  if (more.length || first?.type !== 'paragraph' || rows?.type !== 'list') return null;
  const lines = rows.children.map((i) => kpiOfItem(i, ctx.source));
  if (!lines.length || !lines.every(Boolean)) return null;
  const title = firstParagraphText(item, ctx.source).trim().slice(HEADING.length).trim();
  return { type: 'kpiTable', attrs: { blockId: newBlockId(), title }, content: lines.map((l) => newRow(l!)) };
}

/** KPI table (`## 【系统运行数据】`): rows of metrics; lines that are not metrics stay as text around it. */
export const kpiTable = defineBlock({
  name: 'kpiTable',
  node: Node.create({
    name: 'kpiTable',
    group: 'block',
    content: 'kpiRow+',
    draggable: true,
    isolating: true,
    addAttributes: () => ({ ...attr('blockId'), ...attr('title', '') }),
    parseHTML: () => [{ tag: 'table[data-type="kpiTable"]' }],
    renderHTML: ({ HTMLAttributes }) => ['table', mergeAttributes(HTMLAttributes, { 'data-type': 'kpiTable' }), ['tbody', 0]],
  }),
  extract(node: DocNode): KpiItem[] {
    return (node.content ?? []).filter((r) => r.type === 'kpiRow').map(rowOf).filter((k) => k.name !== '');
  },
  items: {
    key: 'kpis',
    kind: 'kpi',
    label: 'KPI',
    row: (k) => ({ text: k.name, name: k.name, value: k.value, unit: k.unit, target: k.target, targetOp: k.targetOp ?? null }),
    search: (k) => ({ project: null, progress: null, text: `${k.name}：${k.value ?? ''}${k.unit}` }),
  },
  // Tab goes round the title and every cell; Enter in a cell goes down to the same cell of the next row.
  editor: { fields: '.cb-kpi-title, .cb-kpi-row input', enterInField: 'nextRow' },
  slash: {
    title: 'KPI table', hint: 'Metrics with targets and last week', icon: '▦',
    keywords: ['kpi', 'table', 'metric', '指标', '数据', '系统运行数据'],
    content: () => [{ type: 'kpiTable', attrs: { blockId: newBlockId() }, content: [{ type: 'kpiRow', attrs: { blockId: newBlockId() } }] }, { type: 'paragraph' }],
    focus: '.cb-kpi-name',
  },
  markdown: {
    section: {
      match: (text) => (/(系统)?运行数据|^KPIs?$|^(关键|核心|系统)?指标(数据|情况|汇总)?(（[^）]*）|\([^)]*\))?$/i.test(text.replace(/[【】[\]\s]/g, '')) ? {} : null),
      heading: HEADING,
      reader: (ctx): SectionReader => ({ read: (node) => { ctx.out.push(...kpis(node, ctx)); } }),
    },
    export(node, w) {
      const title = String(node.attrs?.title ?? '').trim();
      const before = w.prev;
      const titled = before?.type === 'paragraph' && new RegExp(`^\\s*${escapeRe(title)}\\s*[：:]\\s*$`).test(nodeText(before));
      const rows = rowsText(node);
      return [...(title && !titled ? [{ text: `${escapeLine(title)}：` }] : []), ...(rows ? [{ text: rows }] : [])];
    },
    nested: nestedTable,
    fromNested: tableFromNested,
    // Inside a key project its title is on the heading's line (else a paragraph of its own before it).
    shownText: (node, inner, nested) => (nested ? `${HEADING}${String(node.attrs?.title ?? '')}\n${inner}` : inner),
  },
  carry: (copy) => copy,
  label: (a) => `KPI table${a.title ? ` · ${a.title}` : ''}`,
});
