import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { Nodes, Root } from 'mdast';

/**
 * Markdown → mdast (micromark, GFM), in linear time on long files.
 *
 * micromark's document tokenizer splices every container's events (list items, block quotes) into one array for the
 * whole file, so its time grows with the square of the number of list items: a 2 MB report took over 30 s, almost
 * all in `micromark-util-edit-map`. Small pieces also keep micromark's event arrays short-lived (less GC). A top-level ATX heading (`#` at the start of a line, outside fenced code) always
 * ends every open block and container, so the file is parsed in pieces of at least CHUNK characters cut before such
 * headings, and the pieces' trees are joined with their positions shifted back to offsets in the whole source.
 * Files with anything whose meaning crosses headings (link reference definitions, footnotes, raw HTML blocks that
 * run to an end marker) or a fence left open are parsed whole, as before; so are short files.
 */
const CHUNK = 4 * 1024;
/** Shorter files are parsed whole: one piece costs nothing quadratic to speak of. */
const WHOLE_BELOW = 64 * 1024;

/** Built once: the extensions hold no state of their own, and combining them per piece cost more than parsing a short one. */
let built: Parameters<typeof fromMarkdown>[1] | undefined;
const options = () => (built ??= { extensions: [gfm({ singleTilde: false })], mdastExtensions: [gfmFromMarkdown()] });

/** Constructs that reach across a heading: a piece on its own would read them differently. */
const CROSSES_HEADINGS = /^ {0,3}(\[[^\]\n]+\]:|\[\^[^\]\n]+\]:|<!--|<\?|<![A-Za-z[]|<(script|pre|style|textarea)[\s>]|<\/?(script|pre|style|textarea)>)/im;

export function markdownTree(source: string): Root {
  if (source.length < WHOLE_BELOW || CROSSES_HEADINGS.test(source)) return fromMarkdown(source, options());
  const cuts = cutPoints(source);
  if (!cuts) return fromMarkdown(source, options());
  const root: Root = { type: 'root', children: [], position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } };
  let line = 0; // lines before the piece
  for (let i = 0; i < cuts.length; i++) {
    const from = cuts[i];
    const to = i + 1 < cuts.length ? cuts[i + 1] : source.length;
    const piece = source.slice(from, to);
    const tree = fromMarkdown(piece, options());
    for (const n of tree.children) shift(n, from, line);
    root.children.push(...tree.children);
    line += countLines(piece);
  }
  root.position!.end = { line: line + 1, column: source.length - source.lastIndexOf('\n'), offset: source.length };
  return root;
}

/** Offsets of the pieces' starts: 0, then line starts of top-level ATX headings outside fences, CHUNK apart or more. */
function cutPoints(source: string): number[] | null {
  const cuts = [0];
  let fence: { char: string; len: number } | null = null;
  let at = 0;
  while (at < source.length) {
    const nl = source.indexOf('\n', at);
    const end = nl < 0 ? source.length : nl;
    const text = source.slice(at, end);
    const f = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(text);
    if (fence) {
      if (f && f[1][0] === fence.char && f[1].length >= fence.len && f[2].trim() === '') fence = null;
    } else if (f && !(f[1][0] === '`' && f[2].includes('`'))) {
      fence = { char: f[1][0], len: f[1].length };
    } else if (/^#{1,6}(\s|$)/.test(text) && at - cuts[cuts.length - 1] >= CHUNK) {
      cuts.push(at);
    }
    at = end + 1;
  }
  return fence ? null : cuts;
}

function shift(n: Nodes, offset: number, lines: number) {
  const p = n.position;
  if (p) {
    p.start = { ...p.start, line: p.start.line + lines, offset: (p.start.offset ?? 0) + offset };
    p.end = { ...p.end, line: p.end.line + lines, offset: (p.end.offset ?? 0) + offset };
  }
  if ('children' in n) for (const c of n.children as Nodes[]) shift(c, offset, lines);
}

function countLines(s: string) {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
