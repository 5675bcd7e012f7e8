import { nodeText } from '../blocks/text.js';
import type { DocNode } from '../blocks/types.js';

/**
 * Writing Markdown, the pieces that need no knowledge of blocks: line escapes and small document edits the
 * exporter makes on copies (never on the document). Block files use these for their export rules; inline marks are
 * written by mdast-util-to-markdown (toMdast.ts).
 */

export const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const pad2 = (n: number) => String(n).padStart(2, '0');

export const para = (text: string): DocNode => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] });

/** Changes the inline content of the first paragraph of a block list (copying, never changing the document). */
export function withFirstParagraph(content: DocNode[], change: (p: DocNode[]) => DocNode[]): DocNode[] {
  const [first, ...rest] = content;
  if (first?.type !== 'paragraph') return [para(nodeText({ type: 'p', content: change([]) })), ...content];
  return [{ ...first, content: change(first.content ?? []) }, ...rest];
}

/** Appends text to the last block of a block list (copying). */
export function appendText(content: DocNode[], text: string): DocNode[] {
  if (!content.length) return [para(text)];
  const last = content[content.length - 1];
  return [...content.slice(0, -1), { ...last, content: [...(last.content ?? []), { type: 'text', text }] }];
}

const TEXTBLOCKS = new Set(['paragraph', 'heading']);
const CONTAINERS = new Set(['bulletList', 'orderedList', 'taskList', 'listItem', 'taskItem', 'blockquote']);

/**
 * Appends text at the very end of a block list's text (copying): into its last paragraph, going down into a last
 * list or quote, so that it is the last thing read; a new paragraph when the list ends otherwise (code, a rule).
 */
export function appendAtEnd(content: DocNode[], text: string): DocNode[] {
  const last = content[content.length - 1];
  const init = content.slice(0, -1);
  if (last && TEXTBLOCKS.has(last.type)) return [...init, { ...last, content: [...(last.content ?? []), { type: 'text', text }] }];
  if (last && CONTAINERS.has(last.type) && last.content?.length) return [...init, { ...last, content: appendAtEnd(last.content, text) }];
  return [...content, para(text)];
}

/** A line that would read as a heading, quote, list item, rule or setext underline is escaped at its start. */
export function escapeLine(line: string): string {
  if (/^[#>+=|~-]/.test(line)) return '\\' + line;
  const ordered = /^(\d{1,9})([.)])(\s|$)/.exec(line);
  if (ordered) return `${ordered[1]}\\${line.slice(ordered[1].length)}`;
  return line;
}
