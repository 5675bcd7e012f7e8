import { titleWeek } from '../../shared/parse/reportHeader.js';
import { newBlockId } from '../../shared/blocks/attrs.js';
import { blockOf } from '../../shared/blocks/index.js';
import { nodeText } from '../../shared/blocks/text.js';
import type { DocNode, ExtractContext } from '../../shared/blocks/types.js';
import { parseWeek } from '../../shared/week.js';
import { withTrailingParagraph } from '../../shared/doc/trailingParagraph.js';

/** The section whose content becomes next week's checklist (`# 下周工作及目标`). */
const isNextWeekHeading = (n: DocNode) => n.type === 'heading' && /下周/.test(textOf(n));
const startsSection = (n: DocNode) => n.type === 'heading' || n.type === 'objective';

const textOf = nodeText;

/**
 * A deep copy in which every structured block gets a new blockId and then goes through its block's `carry`
 * (an OKR item links back with fromId, a KPI row loses its value, a resolved risk is left behind: null).
 */
function carryBlock(n: DocNode, ctx: ExtractContext, projectKeys: ReadonlyMap<string, string>): DocNode | null {
  const copy: DocNode = { ...n, attrs: n.attrs ? { ...n.attrs } : undefined };
  if (n.content) {
    copy.content = n.content.map((c) => carryBlock(c, ctx, projectKeys)).filter((c): c is DocNode => c !== null);
    // A container whose every block stayed behind keeps an empty line (its content may not be empty).
    if (copy.content.length === 0 && n.content.length > 0) copy.content = [paragraph('')];
  }
  const block = blockOf(n.type);
  // The project it names stays the same project next week (issue 12): the key it resolved to, else its own.
  const project = block?.projectAttr && projectKeys.get(String(n.attrs?.blockId ?? ''));
  if (block?.projectAttr && project) copy.attrs = { ...copy.attrs, [block.projectAttr]: project };
  if (copy.attrs && 'blockId' in copy.attrs) copy.attrs.blockId = newBlockId();
  if (copy.content === undefined) delete copy.content;
  if (copy.attrs === undefined) delete copy.attrs;
  return block?.carry ? block.carry(copy, n, ctx) : copy;
}

/**
 * Plain-text lines of a section: one per list item or paragraph (nested list items each give their own line).
 * Structured blocks are no lines: those that carry go into next week themselves, the others stay.
 */
function planLines(nodes: DocNode[]): DocNode[][] {
  const lines: DocNode[][] = [];
  const walk = (n: DocNode) => {
    // A structured block is no plan line: one that carries goes itself, an incident stays with its week.
    if (blockOf(n.type)) return;
    if (n.type === 'paragraph' || n.type === 'heading') {
      // As written: links and bold stay, a mention stays as its text (`需协调@李工` came over as `需协调`). Not as a live
      // mention: mentions outside structured blocks are told once per person and report, so a carried one would
      // silence the next real one in that week.
      const inline = trimInline((n.content ?? []).map(mentionAsText));
      if (inline.length) lines.push(inline);
      return;
    }
    for (const c of n.content ?? []) walk(c);
  };
  nodes.forEach(walk);
  return lines;
}

/** Top-level blocks that go into next week: those whose block says how (`carry`). */
const carried = (n: DocNode) => !!blockOf(n.type)?.carry;
/** The outermost carried blocks inside a node that is not itself carried. */
function structuredInside(n: DocNode): DocNode[] {
  return (n.content ?? []).flatMap((c) => (carried(c) ? [c] : structuredInside(c)));
}

const paragraph = (text: string): DocNode => (text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' });

/** A mention as the text it shows (`@李工`); anything else as it is. */
const mentionAsText = (c: DocNode): DocNode => (c.type === 'mention' ? { type: 'text', text: `@${String(c.attrs?.label ?? '')}` } : c);

/** Inline content without the white space at its two ends (and without text nodes left empty). */
function trimInline(content: DocNode[]): DocNode[] {
  const out = content.map((c) => ({ ...c }));
  const trim = (at: number, side: 'start' | 'end') => {
    const c = out[at];
    if (c?.type !== 'text') return;
    c.text = side === 'start' ? (c.text ?? '').trimStart() : (c.text ?? '').trimEnd();
  };
  while (out[0]?.type === 'hardBreak') out.shift();
  while (out.at(-1)?.type === 'hardBreak') out.pop();
  trim(0, 'start');
  trim(out.length - 1, 'end');
  return out.filter((c) => c.type !== 'text' || c.text);
}

/**
 * Next week's document from this week's (ProseMirror JSON, pure): headings, and the blocks whose registry entry
 * says how they carry — key projects, objective sections, OKR items (text, progress, due, status, owner; fromId =
 * the item they continue), KPI tables (same metrics and targets, values empty; last week's values stay in last
 * week's report), open risks (fromId = last week's). Incidents, resolved risks and the week's loose prose are not. Last week's `下周工作及目标` becomes an unchecked checklist at the top, and its
 * heading stays in place, empty, for this week's plan (with the blocks in that section that carry, as anywhere else).
 */
export function carryForward(doc: DocNode, from: { week: string }, to: { week: string }, opts: { projectKeys?: ReadonlyMap<string, string> } = {}): DocNode {
  const ctx: ExtractContext = { year: parseWeek(from.week)?.year ?? new Date().getFullYear(), objective: null };
  const carry = (n: DocNode) => carryBlock(n, ctx, opts.projectKeys ?? new Map()) ?? [];
  const out: DocNode[] = [];
  let plan: DocNode[][] = [];
  const nodes = doc.content ?? [];
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (isNextWeekHeading(n)) {
      let j = i + 1;
      const level = Number(n.attrs?.level ?? 1);
      while (j < nodes.length && !(startsSection(nodes[j]) && Number(nodes[j].attrs?.level ?? 1) <= level)) j++;
      const section = nodes.slice(i + 1, j);
      plan = plan.concat(planLines(section));
      // Its text becomes the checklist; blocks that carry (a key project typed at the end of the report lands here)
      // go on as anywhere else, below the heading.
      out.push(n, paragraph(''), ...section.flatMap((c) => (carried(c) ? [carry(c)].flat() : structuredInside(c).flatMap(carry))));
      i = j - 1;
      continue;
    }
    if (n.type === 'heading') {
      // A title naming the week follows the week.
      // So does the report's first line when it is a title naming another week (imported as another week).
      const t = textOf(n).trim();
      const named = i === 0 ? titleWeek(`# ${t}`) : null;
      out.push(t.toUpperCase() === from.week || (named !== null && named !== to.week) ? { ...n, content: [{ type: 'text', text: to.week }] } : n);
    } else if (carried(n)) out.push(...[carry(n)].flat());
    // Incidents and this week's prose stay with this week; carried blocks wrapped in other nodes still go.
    else out.push(...structuredInside(n).flatMap(carry));
  }
  if (plan.length > 0) {
    // At the top, below the report's title when it starts with one.
    const at = out[0]?.type === 'heading' && textOf(out[0]).trim() === to.week ? 1 : 0;
    out.splice(at, 0,
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: `上周计划（${from.week} 下周工作及目标）` }] },
      { type: 'taskList', content: plan.map((inline) => ({ type: 'taskItem', attrs: { checked: false }, content: [{ type: 'paragraph', content: inline }] })) },
    );
  }
  return { type: 'doc', content: withTrailingParagraph(out) };
}
