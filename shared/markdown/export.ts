import { blockOf, sectionOf } from '../blocks/index.js';
import { nameReadsBack } from '../blocks/owners.js';
import type { Chunk, MarkdownWriter } from '../blocks/def.js';
import { nodeText } from '../blocks/text.js';
import type { DocNode } from '../blocks/types.js';
import { titleWeek } from '../parse/reportHeader.js';
import { weekStart } from '../week.js';
import { inlineMarkdown, serialize, toMdast } from './toMdast.js';

/**
 * Document JSON → the report's Markdown, in the shape of the Notion exports (../shared/samples): `# 2024-W12`,
 * then each block as its `markdown.export` writes it (`- 【项目】` key projects, `## 【O1 业务服务】` sections of
 * numbered items, KPI lines under `## 【系统运行数据】`, incidents under `## 【生产事件】`, risks under
 * `## 【风险与求助】`…), a block's section heading written before it when the export is not in that section yet.
 * Fields set in the editor but not readable from the text are written into it, so that importing the export
 * gives the same items. Nothing here names a block.
 */

export interface ExportOptions {
  week: string;
  /** Members' names by userId, so that owners are written by name (`负责人：张三`). */
  people?: ReadonlyMap<string, string>;
}

const LISTS = new Set(['bulletList', 'orderedList', 'taskList']);

export function exportMarkdown(doc: DocNode, opts: ExportOptions): string {
  const steps = exportSteps(doc, opts);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * exportMarkdown letting others have turns: `turn()` is awaited after every `every` top-level blocks (a 2 MB report's
 * export took a second and more of the server's one thread; four at once held every request for nine).
 */
export async function exportMarkdownInTurns(doc: DocNode, opts: ExportOptions, turn: () => Promise<void>, every = 500): Promise<string> {
  const steps = exportSteps(doc, opts);
  for (let n = 1; ; n++) {
    const step = steps.next();
    if (step.done) return step.value;
    if (n % every === 0) await turn();
  }
}

/** The export, one top-level block per step. */
function* exportSteps(doc: DocNode, opts: ExportOptions): Generator<void, string> {
  const thursday = new Date(weekStart(opts.week).getTime() + 3 * 86_400_000);
  const created = (doc.content ?? []).map(nodeText).map((t) => /^\s*Created\s*[:：]\s*(\d{4})\s*年\s*(\d{1,2})\s*月/i.exec(t)).find(Boolean);
  const year = created ? Number(created[1]) : thursday.getFullYear();
  const month = created ? Number(created[2]) : thursday.getMonth() + 1;

  const out: Chunk[] = [{ text: `# ${opts.week}`, list: false }];
  const push = (c: Chunk) => { if (c.text.trim() !== '') out.push(c); };
  // The section the export is in: a block's name, 'preamble' before any, 'other' under an ordinary heading.
  let section = 'preamble';
  let run = 0;
  const nodes = doc.content ?? [];
  const one = (node: DocNode, i: number) => {
    run = i > 0 && nodes[i - 1].type === node.type ? run + 1 : 0;
    if (node.type === 'heading') {
      const text = inlineMarkdown(node.content ?? []).replace(/\n/g, ' ');
      const level = Math.min(6, Math.max(1, Number(node.attrs?.level ?? 2)));
      if (i === 0 && titleWeek(`# ${nodeText(node)}`)) return; // the title is written from the report's week
      const opened = sectionOf(nodeText(node));
      if (opened || level <= 2) section = opened?.block.name ?? 'other';
      push({ text: `${'#'.repeat(level)} ${text}` });
      return;
    }
    const block = blockOf(node.type);
    const rules = block?.markdown;
    if (block && rules?.export) {
      const s = rules.section;
      if (s && section !== block.name && section !== s.alsoIn && !(s.preamble && section === 'preamble')) {
        if (s.heading) push({ text: `## ${s.heading}` });
        section = block.name;
      }
      for (const c of rules.export(node, writer({ year, month, prev: nodes[i - 1], run, people: opts.people }))) push(c);
      return;
    }
    push({ text: blockText(node, { year, month }), list: LISTS.has(node.type) });
  };
  for (let i = 0; i < nodes.length; i++) {
    one(nodes[i], i);
    yield;
  }
  // Blocks are separated by a blank line; consecutive list items of one kind stay one list.
  const oneList = (a: Chunk, b: Chunk) => a.list && b.list && (a.marker ?? '-') === (b.marker ?? '-');
  const markdown = out.reduce((acc, b, i) => acc + (i === 0 ? '' : oneList(out[i - 1], b) ? '\n' : '\n\n') + b.text, '') + '\n';
  // Control characters (a NUL, an ESC) can reach a report through the socket or a paste; nobody reads them, and the
  // import takes a file with a NUL for a binary one, so the export of such a report could not be imported back.
  return markdown.replace(CONTROL, '');
}

/** C0 controls but tab and line feed, and DEL. */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/g;

type At = Pick<MarkdownWriter, 'year' | 'month'>;

function writer(at: Pick<MarkdownWriter, 'year' | 'month' | 'prev' | 'run'> & { people?: ReadonlyMap<string, string> }): MarkdownWriter {
  const { people, ...rest } = at;
  return { ...rest, blockText: (n) => blockText(n, at), item: (marker, content) => item(marker, content, at), personName: (id) => (people && nameReadsBack(id, people) ? people.get(id)!.trim() : null) };
}

/** A list item: marker, first line, the rest indented under it. */
function item(marker: string, content: DocNode[], at: At): string {
  const indent = ' '.repeat(Math.max(4, marker.length));
  const parts: string[] = [];
  content.forEach((b, i) => {
    const t = blockText(b, at);
    if (t === '' && i > 0) return;
    const prev = content[i - 1];
    const tight = prev && (b.type === 'bulletList' || b.type === 'orderedList') && prev.type === 'paragraph';
    if (i > 0) parts.push(tight ? '\n' : '\n\n');
    parts.push(t);
  });
  const lines = parts.join('').split('\n');
  return lines.map((l, i) => (i === 0 ? marker + l : l === '' ? '' : indent + l)).join('\n');
}

/** Any block as Markdown (no trailing newline); a structured block nested in another as its `nested` rule writes it. */
export function blockText(node: DocNode, at: At = { year: new Date().getFullYear(), month: 1 }): string {
  switch (node.type) {
    // Text, task lists and tables are written by mdast-util-to-markdown with the GFM extensions (toMdast.ts).
    case 'paragraph':
      return inlineMarkdown(node.content ?? []);
    case 'heading':
      return `${'#'.repeat(Math.min(6, Math.max(1, Number(node.attrs?.level ?? 2))))} ${inlineMarkdown(node.content ?? []).replace(/\n/g, ' ')}`;
    case 'taskList':
    case 'table':
      return serialize(toMdast(node));
    case 'bulletList':
      return (node.content ?? []).map((li) => item('- ', li.content ?? [], at)).join('\n');
    case 'orderedList': {
      const start = Number(node.attrs?.start ?? 1) || 1;
      return (node.content ?? []).map((li, i) => item(`${start + i}. `, li.content ?? [], at)).join('\n');
    }
    case 'listItem':
      return item('- ', node.content ?? [], at);
    case 'blockquote':
      return (node.content ?? []).map((b) => blockText(b, at)).join('\n\n').split('\n').map((l) => (l ? `> ${l}` : '>')).join('\n');
    case 'codeBlock': {
      const code = nodeText(node);
      const fence = '`'.repeat(Math.max(3, ...[...code.matchAll(/`+/g)].map((m) => m[0].length + 1)));
      return `${fence}${node.attrs?.language ?? ''}\n${code}\n${fence}`;
    }
    case 'horizontalRule':
      return '---';
    default: {
      const rules = blockOf(node.type)?.markdown;
      const w = writer({ ...at, prev: undefined, run: 0 });
      if (rules?.nested) return rules.nested(node, w);
      if (rules?.export) return rules.export(node, w).map((c) => c.text).join('\n\n');
      return node.content ? node.content.map((b) => blockText(b, at)).join('\n\n') : nodeText(node);
    }
  }
}
