import type { BlockContent, ListItem, PhrasingContent, Root, RootContent, Table, TableCell, TableRow } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';
import { nodeText } from '../blocks/text.js';
import type { DocNode } from '../blocks/types.js';
import { isSafeHref } from './safeLink.js';

/**
 * Document nodes → mdast, written by mdast-util-to-markdown with the GFM extensions (issue 12): inline marks
 * (bold, italic, ~~strikethrough~~, code, links), pipe tables and task lists. The exporter writes text through this,
 * so escaping is the library's, and a GFM reader (the importer) reads back what was written.
 */

type Mark = NonNullable<DocNode['marks']>[number];
const has = (marks: Mark[], t: string) => marks.some((m) => m.type === t);

/** Inline content → mdast phrasing; a hard break stays a line break of the paragraph (as Notion writes them). */
export function phrasing(nodes: DocNode[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const n of nodes) {
    if (n.type === 'hardBreak') {
      out.push({ type: 'text', value: '\n' });
      continue;
    }
    // A mention is written as its name; other inline atoms as their text.
    const value = n.type === 'text' ? (n.text ?? '') : n.type === 'mention' ? `@${String(n.attrs?.label ?? n.attrs?.id ?? '')}` : nodeText(n);
    if (!value) continue;
    const marks = n.type === 'text' ? (n.marks ?? []) : [];
    let node: PhrasingContent = has(marks, 'code') ? { type: 'inlineCode', value } : { type: 'text', value };
    if (!has(marks, 'code')) {
      if (has(marks, 'strike')) node = { type: 'delete', children: [node] };
      if (has(marks, 'italic')) node = { type: 'emphasis', children: [node] };
      if (has(marks, 'bold')) node = { type: 'strong', children: [node] };
    }
    const link = marks.find((m) => m.type === 'link' && typeof m.attrs?.href === 'string');
    // A script or data link is exported as its text alone.
    // Angle brackets, backslashes and spaces are percent-encoded, so that no reader takes `<javascript:…>` as the destination.
    if (link && isSafeHref(String(link.attrs!.href))) node = { type: 'link', url: String(link.attrs!.href).replace(/[<>\\\s]/g, (c) => encodeURIComponent(c)), children: [node] };
    out.push(node);
  }
  // Spaces at either end of a line mean nothing in Markdown, and the serializer would keep them as `&#x20;` (a
  // mention at the end of a line is followed by the editor's space: `@李工&#x20;`).
  const first = out[0];
  if (first?.type === 'text') first.value = first.value.replace(/^[ \t]+/, '');
  const last = out.at(-1);
  if (last?.type === 'text') last.value = withoutTrailingSpaces(last.value);
  return out.filter((n) => n.type !== 'text' || n.value !== '');
}

/** `s` without spaces and tabs at its end; by hand: `/[ \t]+$/` tries again from every space of a long run (quadratic). */
function withoutTrailingSpaces(s: string): string {
  let end = s.length;
  while (end > 0 && (s[end - 1] === ' ' || s[end - 1] === '\t')) end--;
  return end === s.length ? s : s.slice(0, end);
}

const cell = (n: DocNode): TableCell => ({
  type: 'tableCell',
  // A cell's paragraphs on one line of the table (a pipe table has no room for more).
  children: (n.content ?? []).flatMap((p, i) => [...(i > 0 ? [{ type: 'text', value: ' ' } as PhrasingContent] : []), ...phrasing(p.content ?? [])]),
});

/** A block → mdast blocks. */
export function toMdast(n: DocNode): RootContent[] {
  const kids = () => (n.content ?? []).flatMap(toMdast) as BlockContent[];
  switch (n.type) {
    case 'paragraph':
      return [{ type: 'paragraph', children: phrasing(n.content ?? []) }];
    case 'heading':
      return [{ type: 'heading', depth: Math.min(6, Math.max(1, Number(n.attrs?.level ?? 2))) as 1, children: phrasing(n.content ?? []) }];
    case 'bulletList':
    case 'orderedList':
    case 'taskList': {
      const ordered = n.type === 'orderedList';
      const items: ListItem[] = (n.content ?? []).map((li) => ({
        type: 'listItem', spread: false,
        checked: n.type === 'taskList' ? Boolean(li.attrs?.checked) : null,
        children: (li.content ?? []).flatMap(toMdast) as BlockContent[],
      }));
      return [{ type: 'list', ordered, start: ordered ? Number(n.attrs?.start ?? 1) || 1 : null, spread: false, children: items }];
    }
    case 'blockquote':
      return [{ type: 'blockquote', children: kids() }];
    case 'codeBlock':
      return [{ type: 'code', lang: (n.attrs?.language as string | null) ?? null, value: nodeText(n) }];
    case 'horizontalRule':
      return [{ type: 'thematicBreak' }];
    case 'table': {
      const rows: TableRow[] = (n.content ?? []).map((r) => ({ type: 'tableRow', children: (r.content ?? []).map(cell) }));
      const width = Math.max(1, ...rows.map((r) => r.children.length));
      // A pipe table's rows are as wide as its header.
      for (const r of rows) while (r.children.length < width) r.children.push({ type: 'tableCell', children: [] });
      const table: Table = { type: 'table', align: Array.from({ length: width }, () => null), children: rows };
      return [table];
    }
    default:
      return n.content ? kids() : [{ type: 'paragraph', children: [{ type: 'text', value: nodeText(n) }] }];
  }
}

/**
 * The serializer's options, made once: export calls it per block (tens of thousands of times for a 2 MB report), and
 * GFM's escaping patterns are compiled once per pattern object — with a fresh extension per call they were compiled
 * again every time.
 */
let options: Parameters<typeof toMarkdown>[1] | undefined;
const serializeOptions = () => (options ??= {
  // Cells unpadded: column widths counted in characters would misalign Chinese text anyway.
  extensions: [gfmToMarkdown({ tablePipeAlign: false })],
  bullet: '-', emphasis: '*', strong: '*', fence: '`', fences: true, listItemIndent: 'one', rule: '-', tightDefinitions: true,
});

/** mdast → Markdown with the GFM extensions, in the samples' style (`-` bullets, `*` emphasis, fenced code). */
export function serialize(nodes: RootContent[]): string {
  const root: Root = { type: 'root', children: nodes };
  return toMarkdown(root, serializeOptions()).replace(/\n+$/, '');
}

/** Inline content as Markdown (one paragraph; its line breaks kept). */
export function inlineMarkdown(nodes: DocNode[]): string {
  const plain = plainText(nodes);
  return plain !== null ? plain : serializeInline(nodes);
}
export const serializeInline = (nodes: DocNode[]) => serialize([{ type: 'paragraph', children: phrasing(nodes) }]);

/**
 * Text that Markdown writes as it is: letters (Chinese included), digits, CJK and full-width punctuation, `%` and `,`,
 * single spaces inside. No character here is one mdast-util-to-markdown escapes anywhere in a paragraph, so the
 * serializer (a few tens of microseconds a call, most of a 2 MB report's export) is skipped for it
 * (tests/import/roundtrip.test.ts checks both give the same for every paragraph of the samples).
 */
const NOT_PLAIN = /[^\p{L}\p{N}\u3001-\u303F\uFF01-\uFF5E%, ]/u;
function plainText(nodes: DocNode[]): string | null {
  let text = '';
  for (const n of nodes) {
    if (n.type !== 'text' || n.marks?.length || typeof n.text !== 'string') return null;
    text += n.text;
  }
  // A search for one character that is not plain, and the spaces checked apart: a pattern matching the whole text
  // (`^x+(?: x+)*$`, even `^[…]*$` with \p classes) keeps a backtracking entry per character, and a paragraph of a
  // few million characters overflowed the stack in export (hostile probe: the route answered 500).
  return text !== '' && text[0] !== ' ' && !text.endsWith(' ') && !text.includes('  ') && !NOT_PLAIN.test(text) ? text : null;
}
