/**
 * How deeply a Markdown text nests its block quotes and lists, estimated line by line without parsing it.
 *
 * Parsing and converting a Markdown tree recurses once per level: 10,000 `>` overflowed the stack walking the tree,
 * and a list nested 500 levels blocked the process for seconds building its Yjs document. Real reports nest a few
 * levels (the samples: at most 4 by this estimate), so a file past NESTING_MAX is refused before it is parsed.
 *
 * The estimate is an upper bound: a line's containers are its `>` and list markers plus its leading indentation,
 * counting every 2 columns as a level (a nested list item is indented at least 2 columns more than its parent). Fenced code
 * is skipped: its lines nest nothing.
 */
export const NESTING_MAX = 40;

/** Leading block-quote and list markers (`> `, `- `, `* `, `+ `, `1. `, `1) `), each with the spaces before it. */
const MARKERS = /^(?:[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)))+/;
const FENCE = /^[ \t]*(`{3,}|~{3,})(.*)$/;

/** The first line (1-based) whose estimated nesting is past `max`, with that depth; null when none is. */
export function tooDeeplyNested(source: string, max = NESTING_MAX): { line: number; depth: number } | null {
  let fence: { char: string; len: number } | null = null;
  let line = 0;
  for (let at = 0; at <= source.length; line++) {
    const nl = source.indexOf('\n', at);
    const end = nl < 0 ? source.length : nl;
    const text = source.slice(at, end);
    at = end + 1;
    const f = FENCE.exec(text);
    if (fence) {
      if (f && f[1][0] === fence.char && f[1].length >= fence.len && f[2].trim() === '') fence = null;
      continue;
    }
    if (f && !(f[1][0] === '`' && f[2].includes('`'))) {
      fence = { char: f[1][0], len: f[1].length };
      continue;
    }
    const depth = estimate(text);
    if (depth > max) return { line: line + 1, depth };
    if (nl < 0) break;
  }
  return null;
}

function estimate(text: string): number {
  // Indentation before the first marker (or of a line with none: continuation lines), then one level per marker; the
  // spaces after a marker belong to it.
  const indent = /^[ \t]*/.exec(text)![0];
  let columns = 0;
  for (const c of indent) columns += c === '\t' ? 4 : 1;
  const markers = MARKERS.exec(text)?.[0].replace(/[\s\d]/g, '').length ?? 0;
  return markers + Math.floor(columns / 2);
}
