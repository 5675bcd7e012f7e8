import i18n from './index.js';

/**
 * The registry's blocks (shared/blocks) in the interface's language, mapped here by block name rather than
 * carried as display strings in the registry: `blocks.<name>.title|hint` (the `/` menu), `blocks.<name>.label`
 * (where a comment points), `search.kind.<kind>` (item kinds). A test checks every registry block has them.
 */
const clip = (s: string, n = 40) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** What names a block beside its kind: its project, metric name, title or start, else its text. */
function detail(name: string, attrs: Record<string, unknown>, text: string): string {
  const own = name === 'incident' ? str(attrs.start).replace('T', ' ') : str(attrs.project) || str(attrs.name) || str(attrs.title);
  return own || (name === 'incident' ? '' : text) || i18n.t(`blocks.${name}.unnamed`, { defaultValue: '' });
}

/** A short human name for a block: "OKR · 物保三期", "KPI · 入金有效成功率", "O1 业务服务". */
export function blockLabelText(name: string, attrs: Record<string, unknown>, text: string): string {
  if (!i18n.exists(`blocks.${name}.label`)) return clip(text) || name;
  return i18n.t(`blocks.${name}.label`, { detail: clip(detail(name, attrs, text)), code: str(attrs.code), title: str(attrs.title) }).trim();
}

/** A `/` menu entry's title and hint, by its id (a block's name, or a text block's). */
export const slashTitle = (id: string) => i18n.t(`blocks.${id}.title`);
export const slashHint = (id: string) => i18n.t(`blocks.${id}.hint`);
/**
 * Words a `/` entry is found by in the interface's language: in Chinese the title's pinyin, whole and by initials
 * (`/zdxm`, `/biaoti`, as in Lark), typed before the input method turns them into characters.
 */
export const slashWords = (id: string) => i18n.t(`blocks.${id}.searchWords`, { defaultValue: '' });

type OpenLine = { text: string; facts: string[]; tone?: 'danger' | 'warn' };
const word = (v: unknown) => (typeof v === 'string' && v ? v : null);

/**
 * How an open item shows on the dashboard (the registry's `items.open.line`), with its facts in the interface's
 * language: a risk's severity, who can help, owner and due date; other kinds as the registry words them.
 */
export function openLine(kind: string, item: Record<string, unknown>, line: (item: never) => OpenLine): OpenLine {
  const l = line(item as never);
  if (kind !== 'risk') return l;
  const severity = word(item.severity), help = word(item.needHelpFrom), owner = word(item.owner), due = word(item.due);
  const facts = [severity && i18n.t(`risk.severity.${severity}`), help && i18n.t('risk.helpFact', { who: help }), owner, due && i18n.t('risk.dueFact', { due })];
  return { ...l, facts: facts.filter((f): f is string => !!f) };
}

/** The title of an item kind's open-items panel (`risk.openTitle`…), the registry's words when the catalogue has none. */
export const openTitle = (kind: string, fallback: string) => i18n.t(`${kind}.openTitle`, { defaultValue: fallback });
