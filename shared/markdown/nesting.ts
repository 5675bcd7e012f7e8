/**
 * How deeply a Markdown text nests, estimated line by line without parsing it.
 *
 * Parsing and converting a Markdown tree recurses once per level: 10,000 `>` overflowed the stack walking the tree,
 * a list nested 500 levels blocked the process for seconds building its Yjs document, and emphasis opened 2,000 times
 * before it closes (`*a *a … b* b*`) took micromark seconds (10,000 `*` around a word: 37 s, then a stack overflow).
 * Real reports nest a few levels (the samples: at most 7 by this estimate), so a file past NESTING_MAX is refused
 * before it is parsed.
 *
 * Both estimates are upper bounds. Blocks: a line's containers are its `>` and list markers plus its leading
 * indentation, counting every 2 columns as a level (a nested list item is indented at least 2 columns more than its
 * parent). Emphasis: within a paragraph, the `*` and `_` of runs that can only open, less those of runs that can
 * close. Fenced code is skipped: its lines nest nothing.
 *
 * Square brackets too: micromark matches each `]` against the `[`s before it in its paragraph, so brackets cost
 * quadratic time — 2,000 nested images (`![![…x](u)](u)`) took 5 s, 20,000 `[INFO]` lines in one paragraph 5 s. A
 * `]` closing past NESTING_MAX open `[` is too deep; a paragraph with more than BRACKETS_MAX brackets is refused as
 * such (a blank line between its lines makes them paragraphs of their own).
 */
export const NESTING_MAX = 40;
/** The most `[` and `]` one paragraph may hold (the samples: 2 at most). */
export const BRACKETS_MAX = 1000;

/** Leading block-quote and list markers (`> `, `- `, `* `, `+ `, `1. `, `1) `), each with the spaces before it. */
const MARKERS = /^(?:[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)))+/;
const FENCE = /^[ \t]*(`{3,}|~{3,})(.*)$/;
/** A line that starts a new block (blank, heading, quote, list item): emphasis never reaches into it from above. */
const NEW_BLOCK = /^[ \t]*(?:$|#{1,6}(?:[ \t]|$)|>|(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$))/;
/** Runs of `*` or `_`, with the characters either side (to tell whether they open or close). */
const EMPHASIS_RUN = /(^|[^*_])(\*+|_+)(?=([^*_]|$))/g;

/** What makes a Markdown text too costly to parse, at the first line (1-based) where it shows. */
export type TooDeep = { line: number; depth: number; brackets?: undefined } | { line: number; brackets: number; depth?: undefined };

/**
 * The first line whose estimated nesting is past `max` (with that depth), or where a paragraph passes BRACKETS_MAX
 * brackets; null when none is.
 */
export function tooDeeplyNested(source: string, max = NESTING_MAX): TooDeep | null {
  let fence: { char: string; len: number } | null = null;
  let open = 0; // emphasis delimiters open in the current paragraph
  let brackets = { open: 0, seen: 0 }; // `[` not yet closed, and every `[` and `]`, in the current paragraph
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
      open = 0;
      continue;
    }
    if (NEW_BLOCK.test(text)) {
      open = 0;
      brackets = { open: 0, seen: 0 };
    }
    const inline = text.slice(MARKERS.exec(text)?.[0].length ?? 0);
    const emphasis = openEmphasis(inline, open);
    open = emphasis.open;
    const square = countBrackets(inline, brackets);
    const depth = Math.max(blockDepth(text), emphasis.deepest, square.deepest);
    if (depth > max) return { line: line + 1, depth };
    if (brackets.seen > BRACKETS_MAX) return { line: line + 1, brackets: brackets.seen };
    if (nl < 0) break;
  }
  return null;
}

function blockDepth(text: string): number {
  // Indentation before the first marker (or of a line with none: continuation lines), then one level per marker; the
  // spaces after a marker belong to it.
  const indent = /^[ \t]*/.exec(text)![0];
  let columns = 0;
  for (const c of indent) columns += c === '\t' ? 4 : 1;
  const markers = MARKERS.exec(text)?.[0].replace(/[\s\d]/g, '').length ?? 0;
  return markers + Math.floor(columns / 2);
}

const SPACE = /\s/;
const PUNCTUATION = /[\p{P}\p{S}]/u;

/**
 * `open` after the line's emphasis runs, and the most open on the way, by CommonMark's flanking rules: a run that can
 * only open adds its length, one that can close (only, or either way, as `a*b*c` pairs up as it goes) takes it off.
 */
function openEmphasis(text: string, open: number): { open: number; deepest: number } {
  let deepest = open;
  for (const m of text.matchAll(EMPHASIS_RUN)) {
    const before = m[1] || ' ';
    const after = m[3] || ' ';
    const left = !SPACE.test(after) && (!PUNCTUATION.test(after) || SPACE.test(before) || PUNCTUATION.test(before));
    const right = !SPACE.test(before) && (!PUNCTUATION.test(before) || SPACE.test(after) || PUNCTUATION.test(after));
    if (right) open = Math.max(0, open - m[2].length);
    else if (left) deepest = Math.max(deepest, (open += m[2].length));
  }
  return { open, deepest };
}

/**
 * Counts a line's unescaped `[` and `]` into its paragraph's (`state`, updated); `deepest`: the most `[` open when
 * one of them closes (a `[` never closed costs nothing: only a `]` makes micromark look back).
 */
function countBrackets(text: string, state: { open: number; seen: number }): { deepest: number } {
  let deepest = 0;
  for (let i = text.indexOf('['), j = text.indexOf(']'); i >= 0 || j >= 0;) {
    const at = i < 0 ? j : j < 0 ? i : Math.min(i, j);
    if (!escaped(text, at)) {
      state.seen++;
      if (at === i) state.open++;
      else {
        deepest = Math.max(deepest, state.open);
        state.open = Math.max(0, state.open - 1);
      }
    }
    if (at === i) i = text.indexOf('[', at + 1);
    else j = text.indexOf(']', at + 1);
  }
  return { deepest };
}

/** Whether the character at `at` follows an odd number of backslashes. */
function escaped(text: string, at: number): boolean {
  let n = 0;
  while (at - n - 1 >= 0 && text[at - n - 1] === '\\') n++;
  return n % 2 === 1;
}
