import type { ListItem, RootContent } from 'mdast';
import { block, dropLeading, firstLink, firstParagraphText, flattenToParagraphs, list, listItem, paragraph, paragraphLines, withoutPrefix } from '../markdown/mdastToDoc.js';
import { fieldsText } from '../markdown/fields.js';
import { isSafeHref } from '../markdown/safeLink.js';
import { appendText, pad2, withFirstParagraph } from '../markdown/write.js';
import {
  causeFrom, dateOpening, durationFrom, impactFrom, incidentEnd, incidentOpening, incidentStart, NO_START, noStartOpening, reviewStatusFrom, severityFrom,
} from '../parse/incidentText.js';
import { attr, itemNode, newBlockId } from './attrs.js';
import { defineBlock, type MarkdownWriter, type ReadContext, type SectionReader } from './def.js';
import { nodeText, numOrNull, oneOf, str, strOrNull } from './text.js';
import { isoDateTime } from '../parse/dateInput.js';
import { reviewStatuses, severities, type DocNode, type IncidentItem } from './types.js';

const MINUTE = 60_000;

/** An incident's duration in minutes as stored: a number from 0 to a year (a client may write anything), else null. */
export function durationMinutes(v: unknown): number | null {
  const n = numOrNull(v);
  return n !== null && n >= 0 && n <= MAX_MINUTES ? n : null;
}
const MAX_MINUTES = 366 * 24 * 60;

/** Minutes between two `YYYY-MM-DDTHH:mm` times, or null. */
export function minutesBetween(start: string | null, end: string | null): number | null {
  if (!start || !end) return null;
  const a = Date.parse(start + ':00Z');
  const b = Date.parse(end + ':00Z');
  return Number.isFinite(a) && Number.isFinite(b) && b >= a ? Math.round((b - a) / MINUTE) : null;
}

/** A line opens an incident: a date and time at its start, or `（时间待定）` (one whose start is not known). */
const opens = (inlineNodes: DocNode[]) => {
  const text = nodeText({ type: 'x', content: inlineNodes });
  return incidentOpening(text) !== null || noStartOpening(text) > 0;
};

/**
 * A paragraph or list item starting with a date alone (`01/16 收银台个别请求超时，持续约15分钟`) opens an incident too
 * (it was taken as more of the incident above, whose minutes it then gave), unless it is that incident's own day (a
 * later note of it: `3/21 复盘会已召开`) or that incident has no date. Its start stays unknown: no time is made up.
 */
const opensOnDay = (inlineNodes: DocNode[], current: DocNode | null) => {
  const day = dateOpening(nodeText({ type: 'x', content: inlineNodes }));
  if (!day) return false;
  if (!current) return true;
  const first = current.content?.[0];
  const text = first ? nodeText(first) : '';
  const was = incidentOpening(text) ?? dateOpening(text);
  return !!was && (was.month !== day.month || was.day !== day.day);
};

/**
 * A line that is only a bracketed name (`【其他】`, `- 【下周计划】`): the title of what follows it, which is not the
 * last incident's (written as a list item or a paragraph where the author had no heading). Not a review status
 * (`【待复盘】` on a line of its own) nor a part of an incident's account (`【影响】`, `【处理过程】`…).
 */
const isTitle = (text: string) => {
  const name = /^\s*【\s*([^】]+?)\s*】\s*[:：]?\s*$/.exec(text)?.[1];
  return name !== undefined && !INCIDENT_PARTS.test(name);
};
const INCIDENT_PARTS = /^(级别|等级|影响|原因|根因|链接|恢复|处理|措施|改进|复盘|已复盘|待复盘|时间|现象|描述|详情|经过|说明|结论|后续|进展|问题)/;

/**
 * `## 【生产事件】`: a line or paragraph starting with a date and time (or `（时间待定）`) opens an incident; what follows, up to
 * the next one (or the next heading), belongs to it (incidents hold paragraphs, so a list inside one becomes lines of text).
 */
function reader(ctx: ReadContext): SectionReader {
  const out = ctx.out;
  let open: DocNode | null = null;
  const start = (content: DocNode[]): DocNode => {
    const inc: DocNode = { type: 'incident', attrs: { blockId: newBlockId() }, content: [paragraph(content)] };
    out.push(inc);
    return inc;
  };
  const addTo = (inc: DocNode | null, p: DocNode) => {
    if (inc) inc.content!.push(p);
    else out.push(p);
  };
  // A paragraph's lines: each one starting with a date and time opens an incident.
  const intoIncidents = (p: DocNode, current: DocNode | null): DocNode | null => {
    let pending: DocNode[] = [];
    const flush = () => {
      if (pending.length) addTo(current, paragraph(pending));
      pending = [];
    };
    for (const [i, line] of paragraphLines(p).entries()) {
      if (opens(line) || (i === 0 && opensOnDay(line, current))) {
        flush();
        current = start(line);
        continue;
      }
      if (pending.length) pending.push({ type: 'hardBreak' });
      pending.push(...line);
    }
    flush();
    return current;
  };
  const read = (node: RootContent): DocNode | null => {
    if (node.type === 'paragraph') {
      const p = block(node, ctx.source)[0];
      if (!isTitle(nodeText(p))) return intoIncidents(p, open);
      out.push(p); // a title ends the incident
      return null;
    }
    if (node.type === 'list') {
      // From a title item on (`- 【其他】` and what is nested under it), the list is kept as written, and the incident ends.
      const at = node.children.findIndex((i) => isTitle(firstParagraphText(i, ctx.source)));
      if (at >= 0) {
        if (at > 0) read({ ...node, children: node.children.slice(0, at) });
        out.push(list({ ...node, start: (node.start ?? 1) + at }, node.children.slice(at), ctx.source));
        return null;
      }
      // `- 3/21 15:43 …` items each open an incident; a list under an open incident is kept as its lines.
      const items = node.children.map((i) => listItem(i, ctx.source));
      if (items.some((li) => opens(li.content?.[0]?.content ?? []))) {
        let current = open;
        items.forEach((li, i) => {
          const [first, ...rest] = flattenToParagraphs(li, node.ordered ? `${(node.start ?? 1) + i}. ` : '- ');
          const line = li.content?.[0]?.content ?? [];
          if (opens(line) || opensOnDay(line, current)) current = start(line);
          else addTo(current, first);
          for (const p of rest) current = intoIncidents(p, current);
        });
        return current;
      }
    }
    // Anything else (a list, a quote, a block Markdown took as code…): as it is when it holds no incident and
    // none is open; otherwise as lines of text, opening incidents where they start.
    const blocks = block(node, ctx.source);
    const paragraphs = blocks.flatMap((b) => flattenToParagraphs(b, ''));
    if (!open && !paragraphs.some((p) => paragraphLines(p).some(opens))) {
      out.push(...blocks);
      return open;
    }
    let current = open;
    for (const p of paragraphs) current = intoIncidents(p, current);
    return current;
  };
  return {
    heading() {
      open = null; // a heading ends the incident
      return false;
    },
    read(node) {
      open = read(node);
    },
  };
}

/**
 * The fields group an incident's export ends with (`（级别：C · 影响：… · 原因：… · 链接：…）`), where its text does
 * not say them; `恢复：2024-03-21 16:15` only for an incident without a start (else the text says it: `16:15 恢复`).
 */
const FIELD_LABELS = ['级别', '影响', '原因', '链接', '恢复'] as const;

/** `2024-03-21 16:15` of a `恢复` field → `2024-03-21T16:15`, or null. */
const fieldTime = (v: string | undefined) => isoDateTime(v?.trim().replace(' ', 'T'));

/** Takes a `（时间待定）` opening off an incident's first paragraph (in place): true when it had one. */
function takeNoStart(n: DocNode): boolean {
  const first = n.content?.[0];
  const length = first?.type === 'paragraph' ? noStartOpening(nodeText(first)) : 0;
  if (!length) return false;
  const rest = dropLeading(first!.content ?? [], length);
  if (rest.length) first!.content = rest;
  else delete first!.content;
  return true;
}

/** Reads an incident's fields from its text once all of it is collected; a trailing fields group wins and leaves the text. */
function fillIncident(n: DocNode, ctx: ReadContext) {
  const fields = ctx.takeFields(n.content?.at(-1), FIELD_LABELS) ?? {};
  // `（时间待定）…`: no start, whatever date the text goes on with.
  const noStart = takeNoStart(n);
  const text = nodeText(n);
  const opening = noStart ? null : incidentOpening(text);
  const start = opening ? incidentStart(opening, ctx.year, ctx.month) : null;
  n.attrs = {
    blockId: n.attrs?.blockId ?? newBlockId(),
    start,
    end: start ? incidentEnd(text, start) : fieldTime(fields['恢复']),
    durationMinutes: durationMinutes(durationFrom(text)),
    severity: oneOf(fields['级别']?.replace(/级$/, ''), severities) ?? severityFrom(text),
    impact: fields['影响'] ?? impactFrom(text),
    cause: fields['原因'] ?? causeFrom(text),
    status: reviewStatusFrom(text),
    link: fields['链接'] ?? firstLink(n),
  };
}

/**
 * Paragraphs, the first opening with its start `MM/DD HH:mm` (`（时间待定）` when it has none, so that it still reads
 * back as an incident); recovery, duration and review status kept readable.
 */
function incidentMarkdown(node: DocNode, year: number, month: number): DocNode[] {
  const a = node.attrs ?? {};
  let content = (node.content ?? []).filter((p) => nodeText(p).trim() !== '' || p === node.content?.[0]);
  const start = isoDateTime(a.start);
  const end = isoDateTime(a.end);
  const text = () => nodeText({ type: 'incident', content });
  if (start) {
    const o = incidentOpening(text());
    const [y, mo, d] = start.slice(0, 10).split('-').map(Number);
    const stamp = `${pad2(mo)}/${pad2(d)} ${start.slice(11)}`;
    const readBack = o ? incidentStart(o, year, month) : null;
    if (readBack !== start) {
      const withYear = incidentStart({ year: null, month: mo, day: d, hour: 0, minute: 0, length: 0 }, year, month)?.slice(0, 4) === String(y);
      content = withFirstParagraph(content, (inl) => [{ type: 'text', text: `${withYear ? '' : `${y}/`}${stamp} ` }, ...inl]);
    }
    if (end && incidentEnd(text(), start) !== end) content = appendText(content, `，${end.slice(11)} 恢复`);
  } else {
    // Always, even before a text that starts with a date: import takes it off again and reads no start.
    content = withFirstParagraph(content, (inl) => [{ type: 'text', text: NO_START }, ...inl]);
  }
  const want = durationMinutes(a.durationMinutes) ?? minutesBetween(start, end);
  const got = durationFrom(text()) ?? (start ? minutesBetween(start, incidentEnd(text(), start)) : null);
  if (want !== null && got !== want) content = appendText(content, `，持续${want}min`);
  const status = a.status === 'review_pending' || a.status === 'reviewed' ? a.status : null;
  if (status && reviewStatusFrom(text()) !== status) content = appendText(content, status === 'reviewed' ? '【已复盘】' : '【待复盘】');
  // Severity, impact, cause and link, where the text would not give them back.
  const severity = oneOf(a.severity, severities);
  const impact = str(a.impact).trim();
  const cause = str(a.cause).trim();
  const link = strOrNull(a.link);
  const group = fieldsText([
    ['级别', severity && severityFrom(text()) !== severity ? severity : null],
    ['影响', impact && impactFrom(text()) !== impact ? impact : null],
    ['原因', cause && causeFrom(text()) !== cause ? cause : null],
    ['链接', link && isSafeHref(link) && firstLink({ type: 'incident', content }) !== link ? link : null],
    ['恢复', !start && end ? end.replace('T', ' ') : null],
  ]);
  if (group) content = appendText(content, group);
  return content;
}

const HEADING = '【生产事件】';

/**
 * Inside a key project, where no section heading can go: one list item `- 【生产事件】3/21 15:43 …`, its other
 * paragraphs indented under it, so that import reads it back as an incident (fromNested) with all of its fields.
 */
const nestedIncident = (node: DocNode, w: MarkdownWriter) =>
  w.item('- ', withFirstParagraph(incidentMarkdown(node, w.year, w.month), (inl) => [{ type: 'text', text: HEADING }, ...inl]));

/** `- 【生产事件】…` (as nestedIncident writes it) → the incident, its fields read as for one of the section's. */
function incidentFromNested(item: ListItem, ctx: ReadContext): DocNode {
  const [first, ...rest] = flattenToParagraphs(listItem(item, ctx.source), '');
  const n: DocNode = { type: 'incident', attrs: { blockId: newBlockId() }, content: [withoutPrefix(first, HEADING), ...rest] };
  fillIncident(n, ctx);
  return n;
}

/**
 * What the editor offers for fields left empty, read from the text as import reads it (`8/28 10:05 …，10:47 恢复【待复盘】`):
 * typed into the editor, an incident's times stayed empty, so it fell out of the dashboard's dated views.
 */
function suggest(text: string, year: number, reportMonth?: number) {
  const opening = noStartOpening(text) ? null : incidentOpening(text);
  const start = opening ? incidentStart(opening, year, reportMonth) : null;
  return {
    start,
    end: start ? incidentEnd(text, start) : null,
    durationMinutes: durationMinutes(durationFrom(text)),
    severity: severityFrom(text),
    status: reviewStatusFrom(text),
  };
}

/** Production incident: start, recovery, duration (entered, or computed), severity, impact, cause, review status, link; the text is the summary. */
export const incident = Object.assign(defineBlock({
  name: 'incident',
  node: itemNode('incident', 'paragraph+', {
    ...attr('start'),
    ...attr('end'),
    ...attr('durationMinutes', null, 'number'),
    ...attr('severity'),
    ...attr('impact', ''),
    ...attr('cause', ''),
    ...attr('status'),
    ...attr('link'),
  }),
  extract(node: DocNode): IncidentItem {
    const a = node.attrs ?? {};
    const start = isoDateTime(a.start);
    const end = isoDateTime(a.end);
    return {
      blockId: str(a.blockId),
      start,
      end,
      durationMinutes: durationMinutes(a.durationMinutes) ?? minutesBetween(start, end),
      severity: oneOf(a.severity, severities),
      summary: nodeText(node),
      impact: str(a.impact),
      cause: str(a.cause),
      status: oneOf(a.status, reviewStatuses),
      link: strOrNull(a.link),
    };
  },
  items: {
    key: 'incidents',
    kind: 'incident',
    label: 'Incident',
    row: (n) => ({ text: n.summary, start: n.start, end: n.end, durationMinutes: n.durationMinutes, severity: n.severity, review: n.status }),
    search: (n) => ({ project: null, progress: null, text: [n.summary, n.impact, n.cause].filter(Boolean).join('\n') }),
  },
  editor: { leaf: true, fields: 'select, input:not([type="range"]), textarea', firstField: '.cb-incident-fields input', exitAtEnd: true, exitOnEmptyLine: true },
  slash: {
    title: 'Incident', hint: 'Start, recovery, severity, review', icon: '⚠',
    keywords: ['incident', 'outage', '生产事件', '事件', '故障'],
    content: () => [{ type: 'incident', attrs: { blockId: newBlockId() }, content: [{ type: 'paragraph' }] }],
  },
  markdown: {
    section: {
      match: (text) => (/^.{0,4}(生产|线上)(事件|事故|故障)(汇总|记录|情况|及处理|与处理|复盘)?(（[^）]*）|\([^)]*\))?$|^事故$|^故障$/.test(text.replace(/[【】[\]\s]/g, '')) ? {} : null),
      heading: HEADING,
      reader,
    },
    export: (node, w) => [{ text: incidentMarkdown(node, w.year, w.month).map(w.blockText).filter((t) => t.trim() !== '').join('\n\n') }],
    nested: nestedIncident,
    fromNested: incidentFromNested,
    finish: fillIncident,
    // One without a start was read from a `（时间待定）` line, which import took off its text; one inside a key
    // project from a `【生产事件】` line.
    shownText: (node, inner, nested) => (nested ? HEADING : '') + (node.attrs?.start ? inner : NO_START + inner),
  },
  // Incidents stay with their week.
  label: (a) => `Incident${a.start ? ` · ${String(a.start).replace('T', ' ')}` : ''}`,
}), { suggest });
