import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { Nodes, Root, RootContent } from 'mdast';

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
  const pieces = markdownPieces(source);
  if (!pieces) return fromMarkdown(source, options());
  const end = { line: countLines(source) + 1, column: source.length - source.lastIndexOf('\n'), offset: source.length };
  return { type: 'root', children: parsePieces(pieces), position: { start: { line: 1, column: 1, offset: 0 }, end } };
}

/**
 * The top-level nodes of `markdownTree(source)`, one piece parsed at a time as they are taken: a reader that converts
 * them as they come never holds the whole file's tree.
 */
export function* markdownBlocks(source: string): Generator<RootContent> {
  const pieces = markdownPieces(source);
  if (!pieces) {
    yield* fromMarkdown(source, options()).children;
    return;
  }
  for (const piece of pieces) yield* parsePieces([piece]);
}

/** A piece of a long file: its text, where it starts in the file, and how many lines come before it. */
export interface Piece { text: string; from: number; line: number }

/** The pieces a long file is parsed in (see above); null when it is parsed whole. */
export function markdownPieces(source: string): Piece[] | null {
  if (source.length < WHOLE_BELOW || CROSSES_HEADINGS.test(source)) return null;
  const cuts = cutPoints(source);
  if (!cuts) return null;
  const pieces: Piece[] = [];
  let line = 0;
  for (let i = 0; i < cuts.length; i++) {
    const text = source.slice(cuts[i], i + 1 < cuts.length ? cuts[i + 1] : source.length);
    pieces.push({ text, from: cuts[i], line });
    line += countLines(text);
  }
  return pieces;
}

/**
 * Pieces → their top-level nodes, positions shifted to the whole file. server/domain/markdownWorkers.ts runs the
 * same steps (same packages, options and shift) in worker threads: change both together.
 */
export function parsePieces(pieces: readonly Piece[]): RootContent[] {
  const out: RootContent[] = [];
  for (const { text, from, line } of pieces) {
    const tree = fromMarkdown(text, options());
    for (const n of tree.children) {
      shift(n, from, line);
      out.push(n);
    }
  }
  return out;
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
