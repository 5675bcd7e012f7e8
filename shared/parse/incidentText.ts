import type { ReviewStatus, Severity } from '../blocks/types.js';
import { calendarDay } from './dateInput.js';

/**
 * Reading an incident out of the text the department writes under `## 【生产事件】`:
 * `3/21 15:43，监控发现15:43-16:15期间…共持续32min…【待复盘】`, `06/19 12:47 …17：00 恢复。`
 */

/** A line that opens an incident: a date and a time at its start (`3/21 15:43`, `06/18 12:03`, `2024/08/19 15:00`). */
const OPENER = /^\s*(?:(\d{4})\s*[/.-]\s*)?(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*(?:日)?[\s,，]*(\d{1,2})\s*[:：]\s*(\d{2})(?!\d)/;
const OPENER_ZH = /^\s*(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日[\s,，]*(\d{1,2})\s*[:：]\s*(\d{2})(?!\d)/;

export interface IncidentOpening { year: number | null; month: number; day: number; hour: number; minute: number; length: number }

export function incidentOpening(text: string): IncidentOpening | null {
  const m = OPENER.exec(text) ?? OPENER_ZH.exec(text);
  if (!m) return null;
  const [month, day, hour, minute] = [m[2], m[3], m[4], m[5]].map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  return { year: m[1] ? Number(m[1]) : null, month, day, hour, minute, length: m[0].length };
}

/** A date alone at the start of a line (`01/16 收银台个别请求超时…`, `1月16日 …`): its month and day, or null. */
const DATE_ONLY = /^\s*(?:\d{4}\s*[/.-]\s*)?(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*日?(?=[\s,，、])/;
const DATE_ONLY_ZH = /^\s*(?:\d{4}\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日/;

export function dateOpening(text: string): { month: number; day: number } | null {
  const m = DATE_ONLY.exec(text) ?? DATE_ONLY_ZH.exec(text);
  if (!m) return null;
  const [month, day] = [Number(m[1]), Number(m[2])];
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? { month, day } : null;
}

/**
 * What opens an incident whose start is not known (`（时间待定）好店支付超时`): the export writes it so that an incident
 * without times comes back as one, and import takes it off the text again.
 */
export const NO_START = '（时间待定）';
const NO_START_OPENER = /^\s*[（(]\s*时间待定\s*[）)]\s*/;

/** The length of a `（时间待定）` opening at the start of a text, or 0. */
export function noStartOpening(text: string): number {
  return NO_START_OPENER.exec(text)?.[0].length ?? 0;
}

/**
 * An incident's line to show in a list: its first line of text after the time it opened (`08/20 11:19` usually has a
 * line of its own, and the list showed only that), or its first line when nothing follows.
 */
export function incidentHeadline(text: string): string {
  const rest = text.slice(incidentOpening(text)?.length ?? noStartOpening(text)).replace(/^[\s,，、:：;；.。]+/, '');
  return rest.split('\n').map((l) => l.trim()).find(Boolean) ?? text.split('\n')[0]?.trim() ?? '';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DDTHH:mm` of an opening; the year is the report's, or the one before for a January report of a December incident. */
export function incidentStart(o: IncidentOpening, year: number, reportMonth?: number): string | null {
  let y = o.year ?? year;
  if (o.year === null && reportMonth !== undefined && o.month > reportMonth + 6) y -= 1;
  const day = calendarDay(y, o.month, o.day); // `2/30 10:00` names no day
  return day && `${day}T${pad(o.hour)}:${pad(o.minute)}`;
}

const TIME = String.raw`(\d{1,2})\s*[:：]\s*(\d{2})(?!\d)`;
/** `15:43-16:15`, `15:43~16:15`, `15:43至16:15` right after the start. */
const RANGE = new RegExp(TIME + String.raw`\s*(?:-|~|～|—|–|至|到)\s*` + TIME);
/** `-11:25` right after an opening's time: the same groups as RANGE, the first two empty. */
const RANGE_FROM_OPENING = new RegExp(String.raw`^()()\s*(?:-|~|～|—|–|至|到)\s*` + TIME);
/** A time shortly followed by a recovery word: `17：00 恢复`, `15:30  下线规则，恢复正常`, `20:56 处理完成`. */
const RECOVERY = new RegExp(TIME + String.raw`[^\d:：]{0,12}?(?:恢复|处理完成|已解决|解决|修复|止损|结束)`);

/**
 * Recovery time `YYYY-MM-DDTHH:mm` on the start's day (the next day if it is earlier than the start); without one
 * written, the start plus the duration the text gives (`持续25分钟`: many lines give no recovery time); else null.
 */
export function incidentEnd(text: string, start: string): string | null {
  const o = incidentOpening(text);
  const rest = o ? text.slice(o.length) : text;
  // `03/11 11:00-11:25 …`: the opening's time is the range's first half (the range read nothing: no end, no duration).
  const range = (o ? RANGE_FROM_OPENING.exec(rest) : null) ?? RANGE.exec(rest);
  const recovery = range ? null : RECOVERY.exec(rest);
  if (!range && !recovery) return afterDuration(start, durationFrom(rest));
  const [h, min] = range ? [Number(range[3]), Number(range[4])] : [Number(recovery![1]), Number(recovery![2])];
  if (h > 23 || min > 59) return null;
  const day = new Date(start.slice(0, 10) + 'T00:00:00Z');
  const end = `${start.slice(0, 10)}T${pad(h)}:${pad(min)}`;
  if (end >= start) return end;
  day.setUTCDate(day.getUTCDate() + 1);
  return `${day.toISOString().slice(0, 10)}T${pad(h)}:${pad(min)}`;
}

const HOURS = String.raw`(\d+(?:\.\d+)?)\s*(?:个\s*)?(?:小时|h(?:ours?|rs?)?)`;
const MINUTES = String.raw`(\d+(?:\.\d+)?)\s*(?:min(?:ute)?s?|分钟|分|m(?![a-z]))`;
/** `持续32min`, `持续 25 分钟`, `历时40分钟`, `持续1小时20分钟`: hours, minutes after them, or minutes alone. */
const DURATION = new RegExp(String.raw`(?:持续|历时)\s*(?:约|了)?\s*(?:${HOURS}\s*(?:${MINUTES})?|${MINUTES})`, 'i');

/** Minutes of a `持续32min` / `持续约30分钟` / `持续1.5小时` / `持续1小时20分钟` / `历时40分钟` phrase, or null. */
export function durationFrom(text: string): number | null {
  const m = DURATION.exec(text);
  if (!m) return null;
  return Math.round(m[1] ? Number(m[1]) * 60 + Number(m[2] ?? 0) : Number(m[3]));
}

/** The start plus a duration, as `YYYY-MM-DDTHH:mm` (across midnight and year ends); null without one or past a year (no incident's). */
function afterDuration(start: string, minutes: number | null): string | null {
  if (minutes === null || minutes > 366 * 24 * 60) return null;
  const end = new Date(Date.parse(start + ':00Z') + minutes * 60_000);
  return Number.isNaN(end.getTime()) ? null : end.toISOString().slice(0, 16);
}

/** `【待复盘】` → review_pending, `【已复盘】` → reviewed. */
export function reviewStatusFrom(text: string): ReviewStatus | null {
  if (/【\s*已复盘\s*】|\[\s*已复盘\s*\]/.test(text)) return 'reviewed';
  if (/【\s*待复盘\s*】|\[\s*待复盘\s*\]/.test(text)) return 'review_pending';
  return null;
}

/** `C级事故`, `B级故障` → the severity letter. */
export function severityFrom(text: string): Severity | null {
  const m = /(?<![A-Za-z])([ABCD])\s*级\s*(?:事故|故障|事件)/.exec(text);
  return m ? (m[1] as Severity) : null;
}

/** `原因: …` up to the end of its sentence. */
export function causeFrom(text: string): string {
  const m = /原因\s*[:：]\s*([^。\n]+)/.exec(text);
  return m ? m[1].trim() : '';
}

/**
 * `影响…` phrase up to the next comma or stop (`影响约684笔出金交易`, `对业务无实际影响`); a comma inside brackets is
 * the phrase's own (`影响履约5%左右的交易量（今天同期的283笔，昨天的314笔）` was cut after 283笔).
 */
export function impactFrom(text: string): string {
  const m = /(影响[^，。；,;\n]*)|([^，。；,;\n]*无(?:实际)?影响)|(未对业务产生影响)/.exec(text);
  if (!m) return '';
  if (!m[1]) return m[0].trim();
  // A bracket never closed gives the phrase nothing: then it ends at the first stop, as without brackets.
  const firstStop = m.index + m[0].length;
  let depth = 0;
  for (let end = m.index; end < text.length; end++) {
    const c = text[end];
    if (c === '\n') break;
    if (c === '（' || c === '(') depth++;
    else if ((c === '）' || c === ')') && depth > 0) depth--;
    else if (depth === 0 && /[，。；,;]/.test(c)) return text.slice(m.index, end).trim();
  }
  return depth === 0 ? text.slice(m.index).split('\n')[0].trim() : text.slice(m.index, firstStop).trim();
}
