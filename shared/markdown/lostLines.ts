import { blockOf } from '../blocks/index.js';
import type { DocNode } from '../blocks/types.js';

/**
 * The "nothing is dropped" check: every non-empty line of a Markdown file must appear, as text, in the
 * document made from it. Both sides are compared without Markdown syntax and whitespace; blocks count with
 * the text they show beside their text nodes (their `markdown.shownText`: an objective its `【O1 业务服务】`,
 * a KPI row its `name：value unit`, a key project its `【name】` title).
 */

/** The document's visible text, atoms included; `nested` inside a block that holds blocks (a key project). */
export function documentText(node: DocNode, nested = false): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  const block = blockOf(node.type);
  const inner = (node.content ?? []).map((c) => documentText(c, nested || Boolean(block?.container))).join('');
  const shown = block?.markdown?.shownText;
  return (shown ? shown(node, inner, nested) : inner) + '\n';
}

/** Same normal form for both sides: no whitespace, no emphasis/escape characters, one kind of colon and percent. */
const normal = (s: string) => s.replace(/[\s*_`\\]/g, '').replace(/：/g, ':').replace(/％/g, '%')
  // A KPI row shows `99.99` for a written `99.990`: the same number.
  .replace(/(\d\.\d*?)0+(?!\d)/g, '$1').replace(/(\d)\.(?!\d)/g, '$1');

const STRUCTURAL = /^\s*(?:(?:[-*_]\s*){3,}|=+|`{3,}.*|~{3,}.*|\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?)\s*$/;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const decodeEntities = (s: string) => s
  .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
  .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
  .replace(/&([a-z]+);/gi, (m, n: string) => ENTITIES[n.toLowerCase()] ?? m);

/** Line markers: heading marks, quote and list markers. */
function withoutMarkers(line: string): string {
  let s = line.replace(/^\s*(?:>\s*)*/, '').replace(/^#{1,6}\s*/, '');
  for (let i = 0; i < 4; i++) s = s.replace(/^\s*(?:[-*+]|\d{1,9}[.)])(?:\s+|$)/, '');
  return s;
}

/**
 * The forms in which a source line's text may stand in the document: read as Markdown (no markers, link text
 * instead of link syntax, entities decoded), or verbatim (a line that Markdown took as code keeps its syntax).
 */
export function lineForms(line: string): string[] {
  if (STRUCTURAL.test(line)) return [];
  return [...new Set([markdownForm(line), normal(withoutMarkers(line)), normal(line)])].filter(Boolean);
}

/** The first of lineForms: the line read as Markdown. */
function markdownForm(line: string): string {
  let s = withoutMarkers(line);
  s = s.replace(/!?\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g, (_, text: string, url: string) => text || url);
  s = s.replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1');
  // A pipe table's row: its cells' text, one after another; a checklist item: its text without `[ ]`.
  if (/^\s*\|.*\|\s*$/.test(s)) s = s.replace(/\\\|/g, '\u0000').replace(/\|/g, '').replace(/\u0000/g, '|');
  s = s.replace(/^\[[ xX]\]\s+/, '');
  s = s.replace(/~~/g, '');
  return normal(decodeEntities(s));
}

/** A source line without its Markdown syntax. */
export const lineText = (line: string): string => lineForms(line)[0] ?? '';

/**
 * Source lines whose text is not in the document (empty when nothing was lost). `fieldGroups`: the groups import took
 * off the text into blocks' fields (ParsedReport.fieldGroups); a line ending in one is found by its text before it.
 */
export const lostLines = (source: string, doc: DocNode, fieldGroups: readonly string[] = []): string[] =>
  lostLinesAt(source, doc, fieldGroups).map((l) => l.text);

/** The same, each with its line number in the file (1-based). */
export function lostLinesAt(source: string, doc: DocNode, fieldGroups: readonly string[] = []): { line: number; text: string }[] {
  const text = normal(documentText(doc));
  const groups = [...new Set(fieldGroups.map(normal).filter(Boolean))];
  // The line without a group that went into fields, when it ends with one ('' for a line that was only the group).
  const withoutGroup = (forms: string[]) => forms.flatMap((f) => groups.filter((g) => f.endsWith(g)).map((g) => f.slice(0, -g.length)));
  const lost: { line: number; text: string }[] = [];
  let from = 0;
  let n = 0;
  for (const line of source.replace(/\r\n?/g, '\n').split('\n')) {
    n++;
    if (STRUCTURAL.test(line)) continue;
    // Forms in order, the first found wins: the Markdown reading almost always, so the others are only made when not.
    const first = markdownForm(line);
    const at = first ? text.indexOf(first, from) : -1;
    if (at >= 0) {
      from = at + first.length;
      continue;
    }
    const written = lineForms(line);
    if (!written.length) continue;
    const forms = [...written, ...withoutGroup(written)];
    let found = false;
    for (const t of forms) {
      if (t === first) continue; // looked for above
      const at = text.indexOf(t, from);
      if (at >= 0) {
        from = at + t.length;
        found = true;
        break;
      }
    }
    if (!found && !forms.some((t) => text.includes(t))) lost.push({ line: n, text: line });
  }
  return lost;
}
