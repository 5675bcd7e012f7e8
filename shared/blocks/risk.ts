import type { ListItem } from 'mdast';
import { block, paragraph, paragraphFirst } from '../markdown/mdastToDoc.js';
import { appendAtEnd, withFirstParagraph } from '../markdown/write.js';
import { attr, itemNode, newBlockId } from './attrs.js';
import { ownersAttr, ownersOf, ownersValue } from './owners.js';
import { defineBlock, type ReadContext } from './def.js';
import { nodeText, oneOf, str, strOrNull } from './text.js';
import type { DocNode } from './types.js';
import { calendarDay, isoDay } from '../parse/dateInput.js';

/**
 * Risk and request for help (`## 【风险与求助】`): the text says what the risk is; severity, who help is needed
 * from, owner, due date and status are fields. Fields left empty are read from the text, the way the team writes
 * them: `（高）`/`（中）`/`（低）` or `高风险`, `需要X支持`/`需X协助`, `负责人：X`, `截止3/28`, `【已解决】`.
 */

export const riskSeverities = ['high', 'medium', 'low'] as const;
export type RiskSeverity = (typeof riskSeverities)[number];
export const riskStatuses = ['open', 'resolved'] as const;
export type RiskStatus = (typeof riskStatuses)[number];

export interface RiskItem {
  blockId: string;
  text: string;
  /** A person's name, as written (`负责人：张三`). */
  owner: string | null;
  /** Members (user ids) who own the risk (issue 15); import maps the written name to them. */
  owners: string[];
  severity: RiskSeverity | null;
  /** Who help is needed from (`需要工行支持` → `工行`). */
  needHelpFrom: string | null;
  /** `YYYY-MM-DD`. */
  due: string | null;
  status: RiskStatus;
  /** blockId of last week's risk this one continues ("Start next week"). */
  fromId: string | null;
}

/** Every word people see of this block, in one place (for the web's catalogue when it has one). */
export const riskText = {
  kind: 'Risk',
  slashTitle: 'Risk / help needed',
  slashHint: 'Severity, who can help, owner, due, status',
  openTitle: 'Open risks',
  severity: { high: 'High', medium: 'Medium', low: 'Low' } satisfies Record<RiskSeverity, string>,
  status: { open: 'Open', resolved: 'Resolved' } satisfies Record<RiskStatus, string>,
  severityField: 'Severity',
  statusField: 'Status',
  helpField: 'Need help from',
  helpPlaceholder: 'Team or person',
  ownerField: 'Owner',
  ownerPlaceholder: 'Name',
  dueField: 'Due',
  textPlaceholder: 'The risk, and the help it needs… e.g. （高）联调依赖银行排期，需要工行支持',
  helpFact: (who: string) => `help: ${who}`,
  dueFact: (due: string) => `due ${due}`,
};

// ——— Reading the fields out of the text ———

const SEVERITY = /[（(【[]\s*(高|中|低)\s*[）)】\]]|(高|中|低)风险/;
const SEVERITY_OF: Record<string, RiskSeverity> = { 高: 'high', 中: 'medium', 低: 'low' };
const SEVERITY_MARK: Record<RiskSeverity, string> = { high: '（高）', medium: '（中）', low: '（低）' };

/** `（高）`, `(中)`, `高风险`…: the first one in the text. */
export function riskSeverityFrom(text: string): RiskSeverity | null {
  const m = SEVERITY.exec(text);
  return m ? SEVERITY_OF[m[1] ?? m[2]] : null;
}

/** The last match of a global pattern (fields written later in the text, or appended on export, win). */
function last(re: RegExp, text: string): RegExpExecArray | null {
  let found: RegExpExecArray | null = null;
  for (const m of text.matchAll(re)) found = m as RegExpExecArray;
  return found;
}

const CLAUSE = '[^，,。；;！!？?\\n]';
const HELP = new RegExp(`需要\\s*(${CLAUSE}{1,30}?)\\s*(?:的)?\\s*(?:支持|协助|帮助)|需(?!要)\\s*(${CLAUSE}{1,30}?)\\s*(?:的)?\\s*(?:支持|协助|帮助)`, 'g');

/** `需要工行支持`, `需运维协助` → `工行`, `运维` (the last such phrase). */
export function riskHelpFrom(text: string): string | null {
  const m = last(HELP, text);
  const who = (m?.[1] ?? m?.[2] ?? '').trim();
  return who || null;
}

const OWNER = /负责人\s*[：:]\s*([^，,。；;！!？?\n（）()【】]{1,30})/g;

/** `负责人：张三` → `张三`. */
export function riskOwnerFrom(text: string): string | null {
  return last(OWNER, text)?.[1].trim() || null;
}

const DATE = String.raw`(?:(\d{4})\s*[年/.-]\s*)?(?<!\d)(\d{1,2})\s*[月/.-]\s*(\d{1,2})(?!\d)\s*(?:日|号)?`;
const DUE = new RegExp(String.raw`截止(?:日期|时间)?\s*[：:]?\s*${DATE}|${DATE}\s*前\s*(?:解决|完成|处理)`, 'g');

/** `截止3/28`, `截止日期：2024/4/2`, `3/28前解决` → `YYYY-MM-DD`; a month far before the report's is next year's. */
export function riskDueFrom(text: string, year: number, reportMonth?: number): string | null {
  const m = last(DUE, text);
  if (!m) return null;
  const [y0, mo, d] = m[1] !== undefined || m[2] !== undefined ? [m[1], m[2], m[3]] : [m[4], m[5], m[6]];
  const month = Number(mo);
  const day = Number(d);
  let y = y0 ? Number(y0) : year;
  if (!y0 && reportMonth !== undefined && month < reportMonth - 6) y += 1;
  return calendarDay(y, month, day); // `截止4/31` names no day
}

const STATUS_WORDS = '已解决|已关闭|已消除|未解决|待解决|解决中|处理中|跟进中';
const STATUS = new RegExp(STATUS_WORDS, 'g');
/** A status word with the brackets around it (`【已解决】`, `（处理中）`). */
const STATUS_MARK = new RegExp(`[【\\[（(]?\\s*(?:${STATUS_WORDS})\\s*[】\\]）)]?`, 'g');

/** A risk's text without its status words, spaces and closing punctuation: the same risk written again in a later week. */
export const riskIdentity = (text: string) => text.replace(STATUS_MARK, '').replace(/\s+/g, '').replace(/[。；;，,、]+$/, '');

/** `已解决` → resolved, `未解决`/`处理中`… → open (the last one), null when the text says neither. */
export function riskStatusFrom(text: string): RiskStatus | null {
  const m = last(STATUS, text);
  return m ? (m[0].startsWith('已') ? 'resolved' : 'open') : null;
}

const isDay = (v: unknown): v is string => isoDay(v) !== null;

/** The risk's fields: each attribute as set, else what the text says. */
function extract(node: DocNode, ctx: { year: number }): RiskItem {
  const a = node.attrs ?? {};
  const text = nodeText(node);
  return {
    blockId: str(a.blockId),
    text,
    owner: strOrNull(a.owner)?.trim() ?? riskOwnerFrom(text),
    owners: ownersOf({ owners: a.owners }),
    severity: oneOf(a.severity, riskSeverities) ?? riskSeverityFrom(text),
    needHelpFrom: strOrNull(a.needHelpFrom)?.trim() ?? riskHelpFrom(text),
    due: isDay(a.due) ? a.due : riskDueFrom(text, ctx.year),
    status: oneOf(a.status, riskStatuses) ?? riskStatusFrom(text) ?? 'open',
    fromId: strOrNull(a.fromId),
  };
}

// ——— Markdown ———

/** One list item of `## 【风险与求助】` → one risk, its fields read from its text. */
function fromListItem(item: ListItem, ctx: ReadContext): DocNode {
  const blocks = item.children.flatMap((c) => block(c, ctx.source));
  if (blocks[0]?.type === 'heading') blocks[0] = paragraph(blocks[0].content ?? []);
  const node: DocNode = { type: 'risk', attrs: {}, content: paragraphFirst(blocks) };
  const text = nodeText(node);
  const owner = riskOwnerFrom(text);
  node.attrs = {
    blockId: newBlockId(),
    severity: riskSeverityFrom(text),
    owner,
    owners: ownersValue(owner ? ctx.personIds(owner) : []),
    needHelpFrom: riskHelpFrom(text),
    due: riskDueFrom(text, ctx.year, ctx.month),
    status: riskStatusFrom(text) ?? 'open',
    fromId: null,
  };
  return node;
}

/** The risk's content with every field the text would not give back written into it: severity first, the rest after. */
function riskContent(node: DocNode, year: number, month: number, personName: (id: string) => string | null): DocNode[] {
  const a = node.attrs ?? {};
  let content = node.content ?? [];
  const text = () => nodeText({ type: 'risk', content });
  const severity = oneOf(a.severity, riskSeverities);
  if (severity && riskSeverityFrom(text()) !== severity) content = withFirstParagraph(content, (inl) => [{ type: 'text', text: SEVERITY_MARK[severity] }, ...inl]);
  const help = strOrNull(a.needHelpFrom)?.trim();
  if (help && riskHelpFrom(text()) !== help) content = appendAtEnd(content, `，需要${help}支持`);
  // The owner as written, else the owning members by name.
  const owner = strOrNull(a.owner)?.trim() || ownersOf({ owners: a.owners }).map((id) => personName(id) ?? id).join('、') || null;
  if (owner && riskOwnerFrom(text()) !== owner) content = appendAtEnd(content, `，负责人：${owner}`);
  if (isDay(a.due) && riskDueFrom(text(), year, month) !== a.due) {
    const [y, m, d] = a.due.split('-').map(Number);
    const sameYear = riskDueFrom(`截止${m}/${d}`, year, month) === a.due;
    content = appendAtEnd(content, `，截止${sameYear ? '' : `${y}/`}${m}/${d}`);
  }
  const status = oneOf(a.status, riskStatuses);
  if (status && (riskStatusFrom(text()) ?? 'open') !== status) content = appendAtEnd(content, status === 'resolved' ? '【已解决】' : '【未解决】');
  return content;
}

export const risk = defineBlock({
  name: 'risk',
  node: itemNode('risk', 'paragraph block*', {
    ...attr('severity'),
    ...attr('owner'),
    ...ownersAttr(),
    ...attr('needHelpFrom'),
    ...attr('due'),
    ...attr('status'),
    ...attr('fromId'),
  }),
  extract,
  items: {
    key: 'risks',
    kind: 'risk',
    label: riskText.kind,
    row: (r) => ({ text: r.text, owner: r.owner, severity: r.severity, due: r.due, status: r.status, fromId: r.fromId }),
    owners: (r) => r.owners,
    search: (r) => ({ project: null, progress: null, text: [r.text, r.needHelpFrom, r.owner].filter(Boolean).join('\n') }),
    open: {
      title: riskText.openTitle,
      isOpen: (r) => r.status === 'open',
      sameText: riskIdentity,
      line: (r) => ({
        text: r.text,
        facts: [r.severity && riskText.severity[r.severity], r.needHelpFrom && riskText.helpFact(r.needHelpFrom), r.owner, r.due && riskText.dueFact(r.due)]
          .filter((f): f is string => !!f),
        tone: r.severity === 'high' ? 'danger' : r.severity === 'medium' ? 'warn' : undefined,
      }),
    },
  },
  editor: { leaf: true, fields: 'select, input', firstField: '.cb-risk-head select', exitAtEnd: true, exitOnEmptyLine: true },
  slash: {
    title: riskText.slashTitle, hint: riskText.slashHint, icon: '⚑',
    keywords: ['risk', 'help', 'blocker', 'issue', '风险', '求助', '协助', '支持'],
    content: () => [{ type: 'risk', attrs: { blockId: newBlockId(), status: 'open' }, content: [{ type: 'paragraph' }] }],
  },
  markdown: {
    section: {
      match: (text) => (/^(风险与求助|风险和求助|风险及求助|风险与问题|问题与风险|风险|求助)$/.test(text.replace(/[【】[\]\s]/g, '')) ? {} : null),
      heading: '【风险与求助】',
      reader: (ctx) => ({
        read(node) {
          ctx.out.push(...(node.type === 'list' ? node.children.map((item) => fromListItem(item, ctx)) : block(node, ctx.source)));
        },
      }),
    },
    export: (node, w) => [{ text: w.item('- ', riskContent(node, w.year, w.month, w.personName)), list: true }],
  },
  /** Carried into next week while open, linked back to this week's. */
  carry(copy, original, ctx) {
    if (extract(original, ctx).status !== 'open') return null;
    return { ...copy, attrs: { ...copy.attrs, fromId: original.attrs?.blockId ?? null } };
  },
  ownerIds: (a) => ownersOf({ owners: a.owners }),
  label: (_a, text) => (text ? `${riskText.kind} · ${text}` : riskText.kind),
});
