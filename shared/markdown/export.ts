import { minutesBetween } from '../blocks/incident.js';
import { nodeText } from '../blocks/text.js';
import type { DocNode } from '../blocks/types.js';
import { durationFrom, incidentEnd, incidentOpening, incidentStart, reviewStatusFrom } from '../parse/incidentText.js';
import { kpiLineText } from '../parse/kpiLine.js';
import { dueFrom, progressFrom, projectName } from '../parse/okrText.js';
import { titleWeek } from '../parse/reportHeader.js';
import { weekStart } from '../week.js';
import { isSafeHref, markdownHref } from './safeLink.js';
import { INCIDENT_HEADING, KEY_PROJECT_HEADING, KPI_HEADING, objectiveHeading, sectionOf } from './sections.js';

/**
 * Document JSON → the report's Markdown, in the shape of the Notion exports (../shared/samples):
 * `# 2024-W12`, `- 【项目】` key projects, `## 【O1 业务服务】` sections of numbered items, KPI lines under
 * `## 【系统运行数据】`, incidents opening with `MM/DD HH:mm` under `## 【生产事件】`.
 * Fields set in the editor but not readable from the text are written into it, so that importing the
 * export gives the same items.
 */

export interface ExportOptions { week: string }

type Section = 'preamble' | 'keyProjects' | 'objective' | 'kpis' | 'incidents' | 'other';
interface Ctx { year: number; month: number }

export function exportMarkdown(doc: DocNode, opts: ExportOptions): string {
  const thursday = new Date(weekStart(opts.week).getTime() + 3 * 86_400_000);
  const created = (doc.content ?? []).map(nodeText).map((t) => /^\s*Created\s*[:：]\s*(\d{4})\s*年\s*(\d{1,2})\s*月/i.exec(t)).find(Boolean);
  const ctx: Ctx = created ? { year: Number(created[1]), month: Number(created[2]) } : { year: thursday.getFullYear(), month: thursday.getMonth() + 1 };

  const out: { text: string; list: boolean }[] = [{ text: `# ${opts.week}`, list: false }];
  const push = (text: string, list = false) => { if (text.trim() !== '') out.push({ text, list }); };
  let section: Section = 'preamble';
  let okrNumber = 0;
  const nodes = doc.content ?? [];
  nodes.forEach((node, i) => {
    if (node.type !== 'okrItem') okrNumber = 0;
    switch (node.type) {
      case 'heading': {
        const text = inlineText(node.content ?? []).replace(/\n/g, ' ');
        const level = Math.min(6, Math.max(1, Number(node.attrs?.level ?? 2)));
        if (i === 0 && titleWeek(`# ${nodeText(node)}`)) return; // the title is written from the report's week
        const s = sectionOf(nodeText(node)).kind;
        if (s !== 'other' || level <= 2) section = s === 'objective' ? 'objective' : s;
        push(`${'#'.repeat(level)} ${text}`);
        return;
      }
      case 'objective':
        section = 'objective';
        push(`## ${objectiveHeading(String(node.attrs?.code ?? ''), String(node.attrs?.title ?? ''))}`);
        return;
      case 'keyProject':
        if (section !== 'preamble' && section !== 'keyProjects') {
          push(`## ${KEY_PROJECT_HEADING}`);
          section = 'keyProjects';
        }
        push(keyProject(node), true);
        return;
      case 'okrItem':
        okrNumber += 1;
        push(item(`${okrNumber}. `, okrContent(node, ctx)), true);
        return;
      case 'kpiTable': {
        if (section !== 'kpis') {
          push(`## ${KPI_HEADING}`);
          section = 'kpis';
        }
        const title = String(node.attrs?.title ?? '').trim();
        const before = nodes[i - 1];
        if (title && !(before?.type === 'paragraph' && new RegExp(`^\\s*${escapeRe(title)}\\s*[：:]\\s*$`).test(nodeText(before)))) push(`${escapeLine(title)}：`);
        push((node.content ?? []).map((r) => `- ${escapeLine(kpiLineText(String(r.attrs?.name ?? ''), numberOrNull(r.attrs?.value), String(r.attrs?.unit ?? '')))}`).join('\n'));
        return;
      }
      case 'incident':
        if (section !== 'incidents') {
          push(`## ${INCIDENT_HEADING}`);
          section = 'incidents';
        }
        push(incident(node, ctx));
        return;
      default:
        push(blockText(node), node.type === 'bulletList' || node.type === 'orderedList' || node.type === 'taskList');
    }
  });
  // Blocks are separated by a blank line; consecutive list items stay one list.
  return out.reduce((acc, b, i) => acc + (i === 0 ? '' : b.list && out[i - 1].list ? '\n' : '\n\n') + b.text, '') + '\n';
}

const numberOrNull = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pad = (n: number) => String(n).padStart(2, '0');

/** Key project: `- 【name】` then its content, indented. */
function keyProject(node: DocNode): string {
  const name = String(node.attrs?.project ?? '').trim().replace(/[【】]/g, '');
  const content = (node.content ?? []).filter((b, i) => i > 0 || nodeText(b).trim() !== '' || b.type !== 'paragraph');
  return item('- ', [para(`【${name || '项目'}】`), ...content]);
}

const para = (text: string): DocNode => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] });

/** Appends text to the first paragraph of a block list (copying, never changing the document). */
function withFirstParagraph(content: DocNode[], change: (p: DocNode[]) => DocNode[]): DocNode[] {
  const [first, ...rest] = content;
  if (first?.type !== 'paragraph') return [para(nodeText({ type: 'p', content: change([]) })), ...content];
  return [{ ...first, content: change(first.content ?? []) }, ...rest];
}

/** OKR item content, with project / progress / due written into the text when the text alone would not give them. */
function okrContent(node: DocNode, ctx: Ctx): DocNode[] {
  const a = node.attrs ?? {};
  let content = node.content ?? [];
  const text = () => nodeText({ type: 'okrItem', content });
  const project = String(a.project ?? '').trim();
  if (project && projectName(text()) !== project) {
    content = withFirstParagraph(content, (inl) => [{ type: 'text', text: `${project}：` }, ...inl]);
  }
  const progress = numberOrNull(a.progress);
  if (progress !== null && progressFrom(text()) !== progress) {
    content = withFirstParagraph(content, (inl) => [...inl, { type: 'text', text: `，整体进度${progress}%` }]);
  }
  const due = typeof a.due === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(a.due) ? a.due : null;
  if (due && dueFrom(text(), ctx.year, ctx.month) !== due) {
    const [y, m, d] = due.split('-').map(Number);
    const sameYear = dueFrom(`${m}/${d}上线`, ctx.year, ctx.month) === due;
    content = withFirstParagraph(content, (inl) => [...inl, { type: 'text', text: `，计划${sameYear ? '' : `${y}/`}${m}/${d}上线` }]);
  }
  return content;
}

/** Incident: paragraphs, the first opening with its start `MM/DD HH:mm`; recovery, duration and review status kept readable. */
function incident(node: DocNode, ctx: Ctx): string {
  const a = node.attrs ?? {};
  let content = (node.content ?? []).filter((p) => nodeText(p).trim() !== '' || p === node.content?.[0]);
  const start = typeof a.start === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(a.start) ? a.start : null;
  const text = () => nodeText({ type: 'incident', content });
  if (start) {
    const o = incidentOpening(text());
    const [y, mo, d] = start.slice(0, 10).split('-').map(Number);
    const stamp = `${pad(mo)}/${pad(d)} ${start.slice(11)}`;
    const readBack = o ? incidentStart(o, ctx.year, ctx.month) : null;
    if (readBack !== start) {
      const withYear = incidentStart({ year: null, month: mo, day: d, hour: 0, minute: 0, length: 0 }, ctx.year, ctx.month).slice(0, 4) === String(y);
      content = withFirstParagraph(content, (inl) => [{ type: 'text', text: `${withYear ? '' : `${y}/`}${stamp} ` }, ...inl]);
    }
    const end = typeof a.end === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(a.end) ? a.end : null;
    if (end && incidentEnd(text(), start) !== end) content = appendText(content, `，${end.slice(11)} 恢复`);
    const want = numberOrNull(a.durationMinutes) ?? minutesBetween(start, end);
    const got = durationFrom(text()) ?? minutesBetween(start, incidentEnd(text(), start));
    if (want !== null && got !== want) content = appendText(content, `，持续${want}min`);
  }
  const status = a.status === 'review_pending' || a.status === 'reviewed' ? a.status : null;
  if (status && reviewStatusFrom(text()) !== status) content = appendText(content, status === 'reviewed' ? '【已复盘】' : '【待复盘】');
  return content.map(blockText).filter((t) => t.trim() !== '').join('\n\n');
}

function appendText(content: DocNode[], text: string): DocNode[] {
  if (!content.length) return [para(text)];
  const last = content[content.length - 1];
  return [...content.slice(0, -1), { ...last, content: [...(last.content ?? []), { type: 'text', text }] }];
}

/** A list item: marker, first line, the rest indented under it. */
function item(marker: string, content: DocNode[]): string {
  const indent = ' '.repeat(Math.max(4, marker.length));
  const parts: string[] = [];
  content.forEach((b, i) => {
    const t = blockText(b);
    if (t === '' && i > 0) return;
    const prev = content[i - 1];
    const tight = prev && (b.type === 'bulletList' || b.type === 'orderedList') && prev.type === 'paragraph';
    if (i > 0) parts.push(tight ? '\n' : '\n\n');
    parts.push(t);
  });
  const lines = parts.join('').split('\n');
  return lines.map((l, i) => (i === 0 ? marker + l : l === '' ? '' : indent + l)).join('\n');
}

/** Any ordinary block as Markdown (no trailing newline). */
export function blockText(node: DocNode): string {
  switch (node.type) {
    case 'paragraph':
      return inlineText(node.content ?? []).split('\n').map((l) => escapeLine(l.trimStart())).join('\n');
    case 'heading':
      return `${'#'.repeat(Math.min(6, Math.max(1, Number(node.attrs?.level ?? 2))))} ${inlineText(node.content ?? []).replace(/\n/g, ' ')}`;
    case 'bulletList':
      return (node.content ?? []).map((li) => item('- ', li.content ?? [])).join('\n');
    case 'orderedList': {
      const start = Number(node.attrs?.start ?? 1) || 1;
      return (node.content ?? []).map((li, i) => item(`${start + i}. `, li.content ?? [])).join('\n');
    }
    case 'listItem':
      return item('- ', node.content ?? []);
    case 'taskList':
      return (node.content ?? []).map((ti) => item(ti.attrs?.checked ? '- [x] ' : '- [ ] ', ti.content ?? [])).join('\n');
    case 'blockquote':
      return (node.content ?? []).map(blockText).join('\n\n').split('\n').map((l) => (l ? `> ${l}` : '>')).join('\n');
    case 'codeBlock': {
      const code = nodeText(node);
      const fence = '`'.repeat(Math.max(3, ...[...code.matchAll(/`+/g)].map((m) => m[0].length + 1)));
      return `${fence}${node.attrs?.language ?? ''}\n${code}\n${fence}`;
    }
    case 'horizontalRule':
      return '---';
    case 'objective':
      return `## ${objectiveHeading(String(node.attrs?.code ?? ''), String(node.attrs?.title ?? ''))}`;
    case 'keyProject':
      return keyProject(node);
    case 'okrItem':
      return item('- ', node.content ?? []);
    case 'kpiTable':
      return (node.content ?? []).map((r) => `- ${escapeLine(kpiLineText(String(r.attrs?.name ?? ''), numberOrNull(r.attrs?.value), String(r.attrs?.unit ?? '')))}`).join('\n');
    case 'incident':
      return (node.content ?? []).map(blockText).join('\n\n');
    default:
      return node.content ? node.content.map(blockText).join('\n\n') : nodeText(node);
  }
}

/** Inline content with marks as Markdown; hard breaks become line breaks. */
function inlineText(nodes: DocNode[]): string {
  return nodes.map((n) => {
    if (n.type === 'hardBreak') return '\n';
    if (n.type !== 'text') return escapeInline(nodeText(n));
    const marks = n.marks ?? [];
    const has = (t: string) => marks.some((m) => m.type === t);
    const raw = n.text ?? '';
    let s = has('code') ? codeSpan(raw) : escapeInline(raw);
    if (!has('code')) {
      if (has('italic')) s = `*${s}*`;
      if (has('bold')) s = `**${s}**`;
    }
    const link = marks.find((m) => m.type === 'link' && typeof m.attrs?.href === 'string');
    // A script or data link is exported as its text alone.
    if (link && isSafeHref(String(link.attrs!.href))) s = `[${s}](${markdownHref(String(link.attrs!.href))})`;
    return s;
  }).join('');
}

function codeSpan(text: string): string {
  const ticks = '`'.repeat(Math.max(1, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/** Characters that would start Markdown syntax inside a line (an underscore inside a word never does). */
const escapeInline = (s: string) => s.replace(/[\\*`[\]<]/g, '\\$&').replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\_').replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');

/** A line that would read as a heading, quote, list item, rule or setext underline is escaped at its start. */
function escapeLine(line: string): string {
  if (/^[#>+=|~-]/.test(line)) return '\\' + line;
  const ordered = /^(\d{1,9})([.)])(\s|$)/.exec(line);
  if (ordered) return `${ordered[1]}\\${line.slice(ordered[1].length)}`;
  return line;
}
