import { fromMarkdown } from 'mdast-util-from-markdown';
import type { List, ListItem, RootContent } from 'mdast';
import { newBlockId } from '../blocks/attrs.js';
import { nodeText } from '../blocks/text.js';
import type { DocNode } from '../blocks/types.js';
import { causeFrom, durationFrom, impactFrom, incidentEnd, incidentOpening, incidentStart, reviewStatusFrom, severityFrom } from '../parse/incidentText.js';
import { kpiLine } from '../parse/kpiLine.js';
import { dueFrom, progressFrom, projectName } from '../parse/okrText.js';
import { findCreated, findTitleWeek, titleWeek } from '../parse/reportHeader.js';
import { weekOf, weekStart } from '../week.js';
import { block, list, listItem, paragraph, paragraphFirst } from './mdastToDoc.js';
import { keyProjectTitle, sectionOf, type Section } from './sections.js';

/**
 * A weekly report in its Markdown form (Notion export, see ../shared/samples) → TipTap document JSON with
 * the structured blocks of shared/blocks. Tolerant: what it cannot read as a block stays as rich text,
 * in place, so every line of the file is in the document.
 */

export interface ParsedReport {
  doc: DocNode;
  /** The week to import as: ?week when given, else the title's; null when neither. */
  week: string | null;
  titleWeek: string | null;
  created: Date | null;
  /** Year for dates written without one. */
  year: number;
  /** Whether the file looks like a report at all (title, Created line, or report sections/blocks). */
  recognised: boolean;
  warnings: string[];
}

export interface ParseOptions { week?: string | null }

type Context = { year: number; month: number | undefined; source: string };
type SectionState = Section | { kind: 'preamble' };

export function parseReport(markdown: string, opts: ParseOptions = {}): ParsedReport {
  const source = markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = source.split('\n');
  const title = findTitleWeek(lines);
  const created = findCreated(lines);
  const week = opts.week ?? title;
  const weekDate = week ? new Date(weekStart(week).getTime() + 3 * 86_400_000) : null; // the week's Thursday decides its year
  const ref = created ?? weekDate;
  const ctx: Context = { year: (ref ?? new Date()).getFullYear(), month: ref ? ref.getMonth() + 1 : undefined, source };

  const warnings: string[] = [];
  if (title && created && weekOf(created) !== title) {
    warnings.push(`The title says ${title} but the Created date (${fmtDate(created)}) is in ${weekOf(created)}; imported as ${week}.`);
  }
  if (opts.week && title && opts.week !== title) warnings.push(`Imported as ${opts.week} (?week) although the title says ${title}.`);

  const tree = fromMarkdown(source);
  const out: DocNode[] = [];
  let section: SectionState = { kind: 'preamble' };
  let structured = false;
  let incident: DocNode | null = null;

  let headedProject: { node: DocNode; depth: number } | null = null;
  for (const node of tree.children) {
    if (headedProject && (node.type !== 'heading' || node.depth > headedProject.depth)) {
      // Under a `### 【name】` heading of 【重点工作】: its content, up to the next heading as high.
      headedProject.node.content!.push(...(node.type === 'heading' ? block(node, source) : keyProjects(node, ctx)));
      continue;
    }
    headedProject = null;
    if (node.type === 'heading') {
      incident = null;
      const heading = block(node, source)[0];
      const text = nodeText({ type: 'x', content: heading?.content ?? [] });
      const title = section.kind === 'keyProjects' && node.depth >= 3 ? keyProjectTitle(text) : null;
      if (title) {
        const rest = paragraph(dropLeading(heading.content ?? [], title.length));
        const project: DocNode = { type: 'keyProject', attrs: { blockId: newBlockId(), project: title.name }, content: rest.content ? [rest] : [] };
        out.push(project);
        headedProject = { node: project, depth: node.depth };
        continue;
      }
      const s = titleWeek('#'.repeat(node.depth) + ' ' + text) ? null : sectionOf(text);
      if (s && (s.kind !== 'other' || node.depth <= 2)) section = s;
      if (s?.kind === 'objective') {
        out.push({ type: 'objective', attrs: { blockId: newBlockId(), code: s.code, title: s.title } });
        structured = true;
        continue;
      }
      if (s && s.kind !== 'other') structured = true;
      out.push(...block(node, source));
      continue;
    }
    switch (section.kind) {
      case 'preamble':
      case 'keyProjects':
        out.push(...keyProjects(node, ctx));
        break;
      case 'objective':
        out.push(...(node.type === 'list' ? node.children.map((item) => okrItem(item, ctx)) : block(node, source)));
        break;
      case 'kpis':
        out.push(...kpis(node, out, ctx));
        break;
      case 'incidents':
        incident = incidents(node, out, incident, ctx);
        break;
      default:
        out.push(...block(node, source));
    }
  }
  for (const n of out) if (n.type === 'keyProject' && !n.content?.length) n.content = [paragraph()];
  if (out.some((n) => n.type === 'keyProject' || n.type === 'okrItem' || n.type === 'kpiTable' || n.type === 'incident')) structured = true;
  for (const n of out) if (n.type === 'incident') fillIncident(n, ctx);
  return {
    doc: { type: 'doc', content: out.length ? out : [paragraph()] },
    week,
    titleWeek: title,
    created,
    year: ctx.year,
    recognised: Boolean(title || created || structured),
    warnings,
  };
}

const fmtDate = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const firstParagraphText = (item: ListItem, ctx: Context) => {
  const p = item.children[0];
  return p?.type === 'paragraph' ? nodeText(block(p, ctx.source)[0]) : '';
};

/** Top-level `- 【name】` items become key projects holding their nested content; other items stay a list. */
function keyProjects(node: RootContent, ctx: Context): DocNode[] {
  if (node.type !== 'list') return block(node, ctx.source);
  const out: DocNode[] = [];
  let plain: ListItem[] = [];
  const flush = () => {
    if (plain.length) out.push(list(node, plain, ctx.source));
    plain = [];
  };
  for (const item of node.children) {
    const title = keyProjectTitle(firstParagraphText(item, ctx));
    if (!title) {
      plain.push(item);
      continue;
    }
    flush();
    // The `【name】` title is the block's project field (shown as its heading); the rest of that line stays text.
    const [first, ...rest] = item.children.flatMap((c) => block(c, ctx.source));
    const remainder = paragraph(dropLeading(first.content ?? [], title.length));
    const content = remainder.content ? [remainder, ...rest] : rest;
    out.push({ type: 'keyProject', attrs: { blockId: newBlockId(), project: title.name }, content: content.length ? content : [paragraph()] });
  }
  flush();
  return out;
}

/** Inline content without its first `count` characters, and without the spaces and line break after them. */
function dropLeading(inlineNodes: DocNode[], count: number): DocNode[] {
  const out: DocNode[] = [];
  let left = count;
  for (const n of inlineNodes) {
    if (left > 0 && n.type === 'text') {
      const text = (n.text ?? '').slice(left);
      left -= Math.min(left, (n.text ?? '').length);
      if (text) out.push({ ...n, text });
    } else out.push(n);
  }
  while (out[0] && (out[0].type === 'hardBreak' || (out[0].type === 'text' && !out[0].text?.trim()))) out.shift();
  if (out[0]?.type === 'text') out[0] = { ...out[0], text: out[0].text!.trimStart() };
  return out;
}

/** One top-level item of an objective section → one OKR item, nested lines inside it, fields read from its text. */
function okrItem(item: ListItem, ctx: Context): DocNode {
  const blocks = item.children.flatMap((c) => block(c, ctx.source));
  // An item's text is its first paragraph, even when Markdown read it as a heading (`1. ## …`, a stray `-` under it).
  if (blocks[0]?.type === 'heading') blocks[0] = paragraph(blocks[0].content ?? []);
  const content = paragraphFirst(blocks);
  const node: DocNode = { type: 'okrItem', attrs: {}, content };
  const text = nodeText(node);
  node.attrs = {
    blockId: newBlockId(),
    project: projectName(text),
    progress: progressFrom(text),
    due: dueFrom(text, ctx.year, ctx.month),
    status: null,
    owner: null,
    fromId: null,
  };
  return node;
}

const kpiRow = (line: { name: string; value: number; unit: string }): DocNode =>
  ({ type: 'kpiRow', attrs: { blockId: newBlockId(), name: line.name, value: line.value, unit: line.unit, target: null } });

/** A list item that is exactly one `name：number unit` line. */
function kpiOfItem(item: ListItem, ctx: Context) {
  if (item.children.length !== 1 || item.children[0].type !== 'paragraph') return null;
  const p = block(item.children[0], ctx.source)[0];
  if ((p.content ?? []).some((c) => c.type !== 'text' || c.marks?.length)) return null;
  return kpiLine(nodeText(p));
}

/** A short `支付成功率：` paragraph right before a table names it. */
function tableTitle(before: DocNode | undefined): string {
  if (before?.type !== 'paragraph') return '';
  const m = /^\s*(.{1,20}?)\s*[：:]\s*$/.exec(nodeText(before));
  return m ? m[1] : '';
}

/** `## 【系统运行数据】`: runs of KPI lines become tables; every other line stays text where it was. */
function kpis(node: RootContent, out: DocNode[], ctx: Context): DocNode[] {
  const table = (rows: DocNode[], before: DocNode | undefined): DocNode =>
    ({ type: 'kpiTable', attrs: { blockId: newBlockId(), title: tableTitle(before) }, content: rows });
  if (node.type === 'paragraph') {
    const p = block(node, ctx.source)[0];
    const plainText = (p.content ?? []).every((c) => c.type === 'hardBreak' || (c.type === 'text' && !c.marks?.length));
    const lines = nodeText(p).split('\n').filter((l) => l.trim());
    const rows = plainText ? lines.map(kpiLine) : [];
    if (rows.length && rows.every(Boolean)) return [table(rows.map((r) => kpiRow(r!)), out.at(-1))];
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
    const k = kpiOfItem(item, ctx);
    if (k) {
      flushPlain();
      rows.push(kpiRow(k));
    } else {
      flushRows();
      plain.push(item);
    }
  }
  flushRows();
  flushPlain();
  return res;
}

/** Splits a paragraph at its line breaks: [[inline…], …]. */
function paragraphLines(p: DocNode): DocNode[][] {
  const lines: DocNode[][] = [[]];
  for (const c of p.content ?? []) {
    if (c.type === 'hardBreak') lines.push([]);
    else lines.at(-1)!.push(c);
  }
  return lines;
}

const opens = (inlineNodes: DocNode[]) => incidentOpening(nodeText({ type: 'x', content: inlineNodes })) !== null;

/**
 * `## 【生产事件】`: a line or paragraph starting with a date and time opens an incident; what follows, up to
 * the next one, belongs to it (incidents hold paragraphs, so a list inside one becomes lines of text).
 * Returns the incident still open.
 */
function incidents(node: RootContent, out: DocNode[], open: DocNode | null, ctx: Context): DocNode | null {
  const start = (content: DocNode[]): DocNode => {
    const inc: DocNode = { type: 'incident', attrs: { blockId: newBlockId() }, content: [paragraph(content)] };
    out.push(inc);
    return inc;
  };
  const addTo = (inc: DocNode | null, p: DocNode) => {
    if (inc) inc.content!.push(p);
    else out.push(p);
  };
  // A paragraph's lines: each one starting with a date and time opens an incident.
  const intoIncidents = (p: DocNode, current: DocNode | null): DocNode | null => {
    let pending: DocNode[] = [];
    const flush = () => {
      if (pending.length) addTo(current, paragraph(pending));
      pending = [];
    };
    for (const line of paragraphLines(p)) {
      if (opens(line)) {
        flush();
        current = start(line);
        continue;
      }
      if (pending.length) pending.push({ type: 'hardBreak' });
      pending.push(...line);
    }
    flush();
    return current;
  };
  if (node.type === 'paragraph') return intoIncidents(block(node, ctx.source)[0], open);
  if (node.type === 'list') {
    // `- 3/21 15:43 …` items each open an incident; a list under an open incident is kept as its lines.
    const items = node.children.map((i) => listItem(i, ctx.source));
    if (items.some((li) => opens(li.content?.[0]?.content ?? []))) {
      let current = open;
      items.forEach((li, i) => {
        const [first, ...rest] = flattenToParagraphs(li, node.ordered ? `${(node.start ?? 1) + i}. ` : '- ');
        if (opens(li.content?.[0]?.content ?? [])) current = start(li.content![0].content ?? []);
        else addTo(current, first);
        for (const p of rest) current = intoIncidents(p, current);
      });
      return current;
    }
  }
  // Anything else (a list, a quote, a block Markdown took as code…): as it is when it holds no incident and
  // none is open; otherwise as lines of text, opening incidents where they start.
  const blocks = block(node, ctx.source);
  const paragraphs = blocks.flatMap((b) => flattenToParagraphs(b, ''));
  if (!open && !paragraphs.some((p) => paragraphLines(p).some(opens))) {
    out.push(...blocks);
    return open;
  }
  let current = open;
  for (const p of paragraphs) current = intoIncidents(p, current);
  return current;
}

/** Any block → paragraphs of its lines (list markers written out), for the paragraph-only incident. */
function flattenToParagraphs(n: DocNode, prefix: string): DocNode[] {
  if (n.type === 'paragraph' || n.type === 'heading') {
    const content = n.content ?? [];
    return [paragraph(prefix ? [{ type: 'text', text: prefix }, ...content] : content)];
  }
  if (n.type === 'codeBlock') return nodeText(n).split('\n').filter((l) => l.trim()).map((l) => paragraph([{ type: 'text', text: l }]));
  if (n.type === 'horizontalRule') return [];
  if (n.type === 'bulletList' || n.type === 'orderedList') {
    const start = Number(n.attrs?.start ?? 1);
    return (n.content ?? []).flatMap((li, i) => flattenToParagraphs(li, n.type === 'orderedList' ? `${start + i}. ` : '- '));
  }
  const kids = n.content ?? [];
  return kids.flatMap((k, i) => flattenToParagraphs(k, i === 0 ? prefix : ''));
}

/** Reads an incident's fields from its text once all of it is collected. */
function fillIncident(n: DocNode, ctx: Context) {
  const text = nodeText(n);
  const opening = incidentOpening(text);
  const start = opening ? incidentStart(opening, ctx.year, ctx.month) : null;
  n.attrs = {
    blockId: n.attrs?.blockId ?? newBlockId(),
    start,
    end: start ? incidentEnd(text, start) : null,
    durationMinutes: durationFrom(text),
    severity: severityFrom(text),
    impact: impactFrom(text),
    cause: causeFrom(text),
    status: reviewStatusFrom(text),
    link: firstLink(n),
  };
}

function firstLink(n: DocNode): string | null {
  for (const m of n.marks ?? []) if (m.type === 'link' && typeof m.attrs?.href === 'string') return m.attrs.href;
  for (const c of n.content ?? []) {
    const l = firstLink(c);
    if (l) return l;
  }
  const url = n.type === 'text' ? /https?:\/\/\S+/.exec(n.text ?? '')?.[0] : undefined;
  return url ?? null;
}
