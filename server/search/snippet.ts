/**
 * Lower case position for position: a character whose lower case is longer (`İ` → `i̇`) stays as it is, so an index
 * found in the result is the same index in the text (the highlight fell one character late after an `İ`).
 */
export function foldCase(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

/** A short plain-text excerpt around the first hit, and the same excerpt as HTML with every hit in <mark>. */
export function snippetOf(text: string, terms: string[], width = 80): { snippet: string; highlight: string } {
  const flat = joinLines(text);
  const lower = foldCase(flat);
  const needles = terms.map(foldCase).filter(Boolean);
  let first = -1;
  for (const n of needles) {
    const i = lower.indexOf(n);
    if (i >= 0 && (first < 0 || i < first)) first = i;
  }
  const start = first < 0 ? 0 : Math.max(0, first - Math.floor(width / 3));
  const end = Math.min(flat.length, start + width);
  const cut = flat.slice(start, end);
  const pre = start > 0 ? '…' : '';
  const post = end < flat.length ? '…' : '';
  return { snippet: pre + cut + post, highlight: pre + markAll(cut, needles) + post };
}

/**
 * Lines joined with ` · `, the white space around each line break (and blank lines) dropped: what replacing the
 * pattern "white space, line break, white space" with ` · ` gives, in linear time (that regular expression backtracks
 * quadratically over a long run of spaces, which anyone can type into a report).
 */
export function joinLines(text: string): string {
  const lines = text.split('\n');
  if (lines.length === 1) return text;
  const last = lines.length - 1;
  const kept = lines.map((l, i) => (i === 0 ? l.trimEnd() : i === last ? l.trimStart() : l.trim())).filter((l, i) => i === 0 || i === last || l !== '');
  return kept.join(' · ');
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function markAll(text: string, needles: string[]): string {
  const lower = foldCase(text);
  const marked = new Array<boolean>(text.length).fill(false);
  for (const n of needles) {
    for (let i = lower.indexOf(n); i >= 0; i = lower.indexOf(n, i + 1)) marked.fill(true, i, i + n.length);
  }
  let out = '';
  let open = false;
  for (let i = 0; i < text.length; i++) {
    if (marked[i] !== open) { out += marked[i] ? '<mark>' : '</mark>'; open = marked[i]; }
    out += escapeHtml(text[i]);
  }
  return open ? out + '</mark>' : out;
}
