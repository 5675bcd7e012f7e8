import type { BlockContent, DefinitionContent, List, ListItem, Nodes, PhrasingContent, RootContent } from 'mdast';
import { nodeText } from '../blocks/text.js';
import type { DocNode } from '../blocks/types.js';

/**
 * Plain Markdown (mdast from micromark) → StarterKit document nodes: paragraphs, headings, lists,
 * blockquotes, code blocks, with bold/italic/link/code marks. Anything else is kept as its source text,
 * so no line of a file is ever dropped.
 */

type Mark = NonNullable<DocNode['marks']>[number];

export const paragraph = (content: DocNode[] = []): DocNode => (content.length ? { type: 'paragraph', content } : { type: 'paragraph' });
export const textNode = (text: string, marks: Mark[] = []): DocNode => (marks.length ? { type: 'text', text, marks } : { type: 'text', text });

/** Text with line breaks as hardBreak nodes (ProseMirror text nodes are never empty). */
function textWithBreaks(value: string, marks: Mark[]): DocNode[] {
  const out: DocNode[] = [];
  value.split('\n').forEach((line, i) => {
    if (i > 0) out.push({ type: 'hardBreak' });
    if (line.length) out.push(textNode(line, marks));
  });
  return out;
}

/**
 * The `code` mark excludes every other mark in TipTap's schema; a mark already on the text is not added twice
 * (`*a _b_ c*`: ProseMirror refuses a text with italic twice).
 */
const withMark = (marks: Mark[], mark: Mark): Mark[] =>
  marks.some((m) => m.type === 'code') ? marks : mark.type === 'code' ? [mark] : [...marks.filter((m) => m.type !== mark.type), mark];

export function inline(nodes: PhrasingContent[], source: string, marks: Mark[] = []): DocNode[] {
  const out: DocNode[] = [];
  for (const n of nodes) {
    switch (n.type) {
      case 'text':
        out.push(...textWithBreaks(n.value, marks));
        break;
      case 'strong':
        out.push(...inline(n.children, source, withMark(marks, { type: 'bold' })));
        break;
      case 'emphasis':
        out.push(...inline(n.children, source, withMark(marks, { type: 'italic' })));
        break;
      case 'delete':
        out.push(...inline(n.children, source, withMark(marks, { type: 'strike' })));
        break;
      case 'inlineCode':
        out.push(...textWithBreaks(n.value, withMark(marks, { type: 'code' })));
        break;
      case 'link': {
        const linkMarks = withMark(marks, { type: 'link', attrs: { href: n.url } });
        const kids = inline(n.children, source, linkMarks);
        out.push(...(kids.length ? kids : textWithBreaks(n.url, linkMarks)));
        break;
      }
      case 'image':
        out.push(...textWithBreaks(n.alt || n.url, withMark(marks, { type: 'link', attrs: { href: n.url } })));
        break;
      case 'break':
        out.push({ type: 'hardBreak' });
        break;
      default:
        // html, references, footnotes…: the source as written.
        out.push(...textWithBreaks(sourceOf(n, source), marks));
    }
  }
  return out;
}

export const sourceOf = (n: Nodes, source: string) =>
  n.position?.start.offset !== undefined && n.position.end.offset !== undefined ? source.slice(n.position.start.offset, n.position.end.offset) : 'value' in n ? String(n.value) : '';

/** Block content that must start with a paragraph (listItem, okrItem). */
export function paragraphFirst(blocks: DocNode[]): DocNode[] {
  return blocks[0]?.type === 'paragraph' ? blocks : [paragraph(), ...blocks];
}

export function listItem(item: ListItem, source: string): DocNode {
  return { type: 'listItem', content: paragraphFirst(item.children.flatMap((c) => block(c, source))) };
}

export function list(l: List, items: ListItem[] = l.children, source: string): DocNode {
  // A GFM task list (`- [ ]`, `- [x]`): a checklist.
  if (items.some((i) => typeof i.checked === 'boolean')) {
    return { type: 'taskList', content: items.map((i) => ({ type: 'taskItem', attrs: { checked: i.checked === true }, content: listItem(i, source).content })) };
  }
  const content = items.map((i) => listItem(i, source));
  return l.ordered ? { type: 'orderedList', attrs: { start: l.start ?? 1, type: null }, content } : { type: 'bulletList', content };
}

/** One mdast block → zero or more document blocks. */
export function block(n: RootContent | BlockContent | DefinitionContent, source: string): DocNode[] {
  switch (n.type) {
    case 'paragraph':
      return [paragraph(inline(n.children, source))];
    case 'heading':
      return [{ type: 'heading', attrs: { level: n.depth }, content: inline(n.children, source) }].map((h) => (h.content.length ? h : { type: h.type, attrs: h.attrs }));
    case 'list':
      return [list(n, n.children, source)];
    case 'listItem':
      return [listItem(n, source)];
    case 'blockquote': {
      const content = n.children.flatMap((c) => block(c, source));
      return [{ type: 'blockquote', content: content.length ? content : [paragraph()] }];
    }
    case 'code':
      return [{ type: 'codeBlock', attrs: { language: n.lang ?? null }, ...(n.value ? { content: [textNode(n.value)] } : {}) }];
    case 'thematicBreak':
      return [{ type: 'horizontalRule' }];
    case 'table':
      // A GFM pipe table: the first row is its header.
      return [{
        type: 'table',
        content: n.children.map((row, r) => ({
          type: 'tableRow',
          content: row.children.map((c) => ({ type: r === 0 ? 'tableHeader' : 'tableCell', content: [paragraph(inline(c.children, source))] })),
        })),
      }];
    default: {
      // html, definitions, tables without GFM…: kept as the text that was written.
      const text = sourceOf(n as Nodes, source);
      return text.trim() ? [paragraph(textWithBreaks(text, []))] : [];
    }
  }
}

/** Inline content without its first `count` characters, and without the spaces and line break after them. */
export function dropLeading(inlineNodes: DocNode[], count: number): DocNode[] {
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

/** A paragraph without the `prefix` its text starts with after any spaces (a nested block's `【生产事件】`, `【OKR】`). */
export function withoutPrefix(p: DocNode, prefix: string): DocNode {
  const text = nodeText(p);
  return paragraph(dropLeading(p.content ?? [], text.length - text.trimStart().length + prefix.length));
}

/** The text of a list item's first paragraph ('' when it starts otherwise). */
export function firstParagraphText(item: ListItem, source: string): string {
  const p = item.children[0];
  return p?.type === 'paragraph' ? nodeText(block(p, source)[0]) : '';
}

/** Splits a paragraph at its line breaks: [[inline…], …]. */
export function paragraphLines(p: DocNode): DocNode[][] {
  const lines: DocNode[][] = [[]];
  for (const c of p.content ?? []) {
    if (c.type === 'hardBreak') lines.push([]);
    else lines.at(-1)!.push(c);
  }
  return lines;
}

/** Any block → paragraphs of its lines (list markers written out), for blocks that hold paragraphs only. */
export function flattenToParagraphs(n: DocNode, prefix: string): DocNode[] {
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

/** The first link in a node: a link mark's href, else a bare http(s) URL in its text. */
export function firstLink(n: DocNode): string | null {
  for (const m of n.marks ?? []) if (m.type === 'link' && typeof m.attrs?.href === 'string') return m.attrs.href;
  for (const c of n.content ?? []) {
    const l = firstLink(c);
    if (l) return l;
  }
  const url = n.type === 'text' ? /https?:\/\/\S+/.exec(n.text ?? '')?.[0] : undefined;
  return url ?? null;
}
