import { newBlockId } from '../../shared/blocks/attrs.js';
import type { DocNode } from '../../shared/blocks/types.js';

/** The section whose content becomes next week's checklist (`# 下周工作及目标`). */
const isNextWeekHeading = (n: DocNode) => n.type === 'heading' && /下周/.test(textOf(n));
const startsSection = (n: DocNode) => n.type === 'heading' || n.type === 'objective';

export const textOf = (n: DocNode): string => (n.text ?? '') + (n.content ?? []).map(textOf).join('');

/** A deep copy in which every structured block gets a new blockId; OKR items link back with fromId. */
function carryBlock(n: DocNode): DocNode {
  const copy: DocNode = { ...n, attrs: n.attrs ? { ...n.attrs } : undefined, content: n.content?.map(carryBlock) };
  if (copy.attrs && 'blockId' in copy.attrs) {
    if (n.type === 'okrItem') copy.attrs.fromId = n.attrs?.blockId ?? null;
    copy.attrs.blockId = newBlockId();
  }
  if (n.type === 'kpiTable') copy.content = (n.content ?? []).map((row) => ({ ...row, attrs: { ...row.attrs, blockId: newBlockId(), value: null } }));
  if (copy.content === undefined) delete copy.content;
  if (copy.attrs === undefined) delete copy.attrs;
  return copy;
}

/** Plain-text lines of a section: one per list item or paragraph (nested list items each give their own line). */
function planLines(nodes: DocNode[]): string[] {
  const lines: string[] = [];
  const walk = (n: DocNode) => {
    if (n.type === 'paragraph' || n.type === 'heading') {
      const t = textOf(n).trim();
      if (t) lines.push(t);
      return;
    }
    for (const c of n.content ?? []) walk(c);
  };
  nodes.forEach(walk);
  return lines;
}

const carried = new Set(['objective', 'keyProject', 'okrItem', 'kpiTable']);
/** The outermost carried blocks inside a node that is not itself carried. */
function structuredInside(n: DocNode): DocNode[] {
  return (n.content ?? []).flatMap((c) => (carried.has(c.type) ? [c] : structuredInside(c)));
}

const paragraph = (text: string): DocNode => (text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' });

/**
 * Next week's document from this week's (ProseMirror JSON, pure): headings, key projects, objective sections,
 * OKR items (text, progress, due, status, owner; fromId = the item they continue) and KPI tables (same metrics
 * and targets, values empty; last week's values stay in last week's report) are carried. Incidents and the
 * week's loose prose are not. Last week's `下周工作及目标` becomes an unchecked checklist at the top, and its
 * heading stays in place, empty, for this week's plan.
 */
export function carryForward(doc: DocNode, from: { week: string }, to: { week: string }): DocNode {
  const out: DocNode[] = [];
  let plan: string[] = [];
  const nodes = doc.content ?? [];
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (isNextWeekHeading(n)) {
      let j = i + 1;
      const level = Number(n.attrs?.level ?? 1);
      while (j < nodes.length && !(startsSection(nodes[j]) && Number(nodes[j].attrs?.level ?? 1) <= level)) j++;
      plan = plan.concat(planLines(nodes.slice(i + 1, j)));
      out.push(n, paragraph(''));
      i = j - 1;
      continue;
    }
    switch (n.type) {
      case 'heading': {
        // A title naming the week follows the week.
        const t = textOf(n).trim();
        out.push(t.toUpperCase() === from.week ? { ...n, content: [{ type: 'text', text: to.week }] } : n);
        break;
      }
      case 'objective':
      case 'keyProject':
      case 'okrItem':
      case 'kpiTable':
        out.push(carryBlock(n));
        break;
      default:
        // Incidents and this week's prose stay with this week; structured blocks wrapped in other nodes still go.
        out.push(...structuredInside(n).map(carryBlock));
        break;
    }
  }
  if (plan.length > 0) {
    // At the top, below the report's title when it starts with one.
    const at = out[0]?.type === 'heading' && textOf(out[0]).trim() === to.week ? 1 : 0;
    out.splice(at, 0,
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: `上周计划（${from.week} 下周工作及目标）` }] },
      { type: 'taskList', content: plan.map((t) => ({ type: 'taskItem', attrs: { checked: false }, content: [paragraph(t)] })) },
    );
  }
  if (out.length === 0) out.push(paragraph(''));
  return { type: 'doc', content: out };
}
