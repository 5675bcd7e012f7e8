import type { List, ListItem, Paragraph, RootContent } from 'mdast';
import { markdownBlocks } from './tree.js';
import { blockOf, blocks, sectionOf, type AnyBlockDef } from '../blocks/index.js';
import { newBlockId } from '../blocks/attrs.js';
import type { ReadContext, SectionReader } from '../blocks/def.js';
import { nodeText } from '../blocks/text.js';
import type { DocNode } from '../blocks/types.js';
import { notice, type ImportNotice } from '../importNotices.js';
import { findCreated, findTitleWeek, impossibleTitleWeek, titleWeek } from '../parse/reportHeader.js';
import { weekOf, weekStart } from '../week.js';
import { block, firstParagraphText } from './mdastToDoc.js';
import { takeFields } from './fields.js';
import { personIdOf, splitNames } from '../blocks/owners.js';
import { withTrailingParagraph } from '../doc/trailingParagraph.js';

/**
 * A weekly report in its Markdown form (Notion export, see ../shared/samples) → TipTap document JSON with
 * the structured blocks of shared/blocks. Tolerant: what it cannot read as a block stays as rich text,
 * in place, so every line of the file is in the document.
 *
 * The file is read section by section: a heading that a block's `markdown.section.match` recognises
 * (`## 【O1 业务服务】`, `## 【系统运行数据】`, `## 【风险与求助】`…) hands what follows to that block's reader,
 * up to the next such heading or the next ordinary heading of level 1–2; what comes before any section goes to the
 * block that reads the preamble (key projects). Nothing here names a block.
 */

export interface ParsedReport {
  doc: DocNode;
  /** The week to import as: ?week when given, else the title's; null when neither. */
  week: string | null;
  titleWeek: string | null;
  /** A title line's week that does not exist (`# 2024-W54`), when the file has no real title week. */
  impossibleTitle: string | null;
  created: Date | null;
  /** Year for dates written without one. */
  year: number;
  /** Whether the file looks like a report at all (title, Created line, or report sections/blocks). */
  recognised: boolean;
  /** What the reader should check (codes with parameters, shared/importNotices.ts; worded by the web app's catalogues). */
  warnings: ImportNotice[];
  /** Owners written by name that are no member of the space (`负责人：王五`): left out of the owners (issue 15). */
  unknownPeople: string[];
  /** The fields groups (`（状态：已完成）`) taken off the text into blocks' fields, in file order: for lostLines. */
  fieldGroups: string[];
}

/** A member of the space, to read names written in a report (`负责人：张三`) as the member they stand for. */
export interface Person { id: string; name: string }

export interface ParseOptions { week?: string | null; people?: readonly Person[] }

export function parseReport(markdown: string, opts: ParseOptions = {}): ParsedReport {
  const reader = reportReader(markdown, opts);
  // GFM (issue 12): pipe tables, `- [x]` task lists, ~~strikethrough~~ (a single `~` is text: `15:43~16:15`), autolinks.
  // Long files in pieces, each converted before the next is parsed (shared/markdown/tree.ts).
  for (const node of markdownBlocks(reader.source)) reader.read(node);
  return reader.done();
}

/**
 * parseReport in steps, for a caller that has the Markdown tree's top-level nodes some other way (the server parses
 * long files in worker threads: server/domain/markdownWorkers.ts): `read` every node of `markdownBlocks(source)` in
 * order, then `done`.
 */
export function reportReader(markdown: string, opts: ParseOptions = {}): { source: string; read(node: RootContent): void; done(): ParsedReport } {
  const source = markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = source.split('\n');
  const title = findTitleWeek(lines);
  const impossibleTitle = title ? null : impossibleTitleWeek(lines);
  const created = findCreated(lines);
  const week = opts.week ?? title;
  const weekDate = week ? new Date(weekStart(week).getTime() + 3 * 86_400_000) : null; // the week's Thursday decides its year
  const ref = created ?? weekDate;
  const out: DocNode[] = [];
  // A name stands for the one member of that name (or is a member's id, as an export without names writes it).
  const people = opts.people ?? [];
  const personId = (name: string) => personIdOf(name, people);
  const unknownPeople = new Set<string>();
  const personIds = (names: string) => splitNames(names).flatMap((n) => {
    const id = personId(n);
    if (!id) unknownPeople.add(n);
    return id ? [id] : [];
  });
  // Inside a key project, a list item starting with a section's heading is that section's block (as `nested` wrote it).
  const nestedBlock = (item: ListItem): DocNode | null => {
    const text = firstParagraphText(item, source).trimStart();
    const def = (blocks as readonly AnyBlockDef[]).find((b) => b.markdown?.fromNested && b.markdown.section?.heading && text.startsWith(b.markdown.section.heading));
    return def ? def.markdown!.fromNested!(item, ctx) : null;
  };
  const fieldGroups: string[] = [];
  const takeNoted = (p: DocNode | undefined, labels: readonly string[]) => {
    const before = p ? nodeText(p) : '';
    const fields = takeFields(p, labels);
    if (fields) fieldGroups.push(before.trimEnd().slice(nodeText(p!).length));
    return fields;
  };
  const ctx: ReadContext = {
    year: (ref ?? new Date()).getFullYear(), month: ref ? ref.getMonth() + 1 : undefined, source, out, personId, personIds, nestedBlock, takeFields: takeNoted,
  };

  const warnings: ImportNotice[] = [];
  if (title && created && week && weekOf(created) !== title) {
    warnings.push(notice('import.weekMismatch', { title, created: fmtDate(created), createdWeek: weekOf(created), week }));
  }
  if (opts.week && title && opts.week !== title) warnings.push(notice('import.weekOverride', { week: opts.week, title }));

  const plain: SectionReader = { read: (node) => { out.push(...block(node, source)); } };
  const preamble = (blocks as readonly AnyBlockDef[]).find((b) => b.markdown?.section?.preamble);
  let reader: SectionReader = preamble ? preamble.markdown!.section!.reader(ctx, { preamble: true }) : plain;
  let structured = false;

  // A list item that is only a section's bracketed name (`- 【OKR】`, `- 【生产事件】`: how some write section headings,
  // also under a `### 【project】`) is no key project: it starts that section as its heading would (so level 2, which
  // ends a project's heading too); the items around it are read as two lists, what is nested under it as the section's.
  const sectionItem = (item: ListItem): boolean => {
    const first = item.children[0];
    const text = first?.type === 'paragraph' && first.children.length === 1 && first.children[0].type === 'text' ? first.children[0].value : '';
    const name = /^\s*【[^】]+】\s*$/.exec(text);
    return typeof item.checked !== 'boolean' && name !== null && sectionOf(name[0]) !== null;
  };
  const readList = (node: List) => {
    let from = 0;
    const items = (to: number) => {
      const children = node.children.slice(from, to);
      if (!children.length) return;
      const [first, last] = [children[0].position, children.at(-1)!.position];
      const position = first && last ? { start: first.start, end: last.end } : undefined;
      read({ ...node, start: node.ordered ? (node.start ?? 1) + from : node.start, children, position });
    };
    node.children.forEach((item, i) => {
      if (!sectionItem(item)) return;
      items(i);
      from = i + 1;
      const [name, ...nested] = item.children as [Paragraph, ...RootContent[]];
      read({ type: 'heading', depth: 2, children: name.children, position: name.position });
      nested.forEach(read);
    });
    items(node.children.length);
  };

  const read = (node: RootContent): void => {
    if (node.type === 'list' && node.children.some(sectionItem)) return readList(node);
    if (reader.take?.(node)) return;
    if (node.type === 'heading') {
      const heading = block(node, source)[0];
      const text = nodeText({ type: 'x', content: heading?.content ?? [] });
      // The `# 2024-W12` title neither opens nor ends a section.
      const isTitle = titleWeek('#'.repeat(node.depth) + ' ' + text) !== null;
      const opened = isTitle ? null : sectionOf(text);
      // A section's heading is that section wherever it stands (`### 【生产事件】` among `### 【project】` headings).
      if (!opened && reader.heading?.(node, heading, text)) return;
      if (opened) {
        const section = opened.block.markdown!.section!;
        reader = section.reader(ctx, { preamble: false });
        structured = true;
        if (section.asBlock) {
          out.push({ type: opened.block.name, attrs: { blockId: newBlockId(), ...opened.attrs } });
          return;
        }
      } else if (!isTitle && node.depth <= 2) reader = plain;
      out.push(...block(node, source));
      return;
    }
    reader.read(node);
  };

  const done = (): ParsedReport => {
    for (const n of out) blockOf(n.type)?.markdown?.finish?.(n, ctx);
    if (out.some((n) => blockOf(n.type)?.items)) structured = true;
    return {
      doc: { type: 'doc', content: withTrailingParagraph(out) },
      week,
      titleWeek: title,
      impossibleTitle,
      created,
      year: ctx.year,
      recognised: Boolean(title || created || structured),
      warnings,
      unknownPeople: [...unknownPeople],
      fieldGroups,
    };
  };
  return { source, read, done };
}

const fmtDate = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
