import { targetOpOf, targetText, type TargetOp } from '../kpiTarget.js';

/**
 * One KPI line of `## 【系统运行数据】`: `name：number unit` (`入金有效成功率：99.997%`, `年度可用性: 100 %`).
 * Only lines that can be written back exactly as read become rows, so nothing of the text is lost.
 * A row not filled in yet (a name typed, no value) is `name：`, its unit or target in a group after it:
 * `好店转化率：（目标：5%）`, `好店转化率：（单位：%）`. A target may say which side of it is good: `（目标：≤200ms）`.
 */
export interface KpiLine {
  name: string; value: number | null; unit: string;
  /** The value as it was typed when that is not how the number writes itself (`99.990%`: the precision is the author's). */
  display: string | null;
  /** `（目标：99.99%）` after the value (issue 12: export writes a row's target so). */
  target: number | null;
  /** `≤` or `≥` written before the target's number (shared/kpiTarget.ts), else null. */
  targetOp: TargetOp | null;
}

const NUMBER = String.raw`(-?\d+(?:\.\d+)?)`;
const UNIT_WORD = String.raw`([%‰％]|[A-Za-z/]{1,8}|[\u4e00-\u9fff]{1,3})`;
const UNIT = `${UNIT_WORD}?`;
const NAME = String.raw`^\s*([^：:][^：:]{0,39}?)\s*[：:]\s*`;

/**
 * A name may start with a digit when a word follows it (`3日留存`, `30天活跃率`), but not a date or a time: `15:43`,
 * `3/21 15:43 …`, `2024-03-21：`, `3月21日 …` and `21日 15:43` are text (a name ending in a digit is a time's hour).
 */
const nameOk = (name: string) =>
  !/^\d/.test(name) || (/^\d{1,3}(?:\.\d+)?[A-Za-z\u4e00-\u9fff]/.test(name) && !/^\d+\s*[年月号点时]/.test(name) && !/\d$/.test(name));
const TARGET = String.raw`(?:（\s*目标\s*[：:]\s*([≥≤])?\s*${NUMBER}\s*${UNIT}\s*）)`;
const LINE = new RegExp(String.raw`${NAME}${NUMBER}\s*${UNIT}\s*${TARGET}?\s*$`);
/** A row without a value: `name：`, `name：（目标：5%）`, `name：（单位：%）` (no unit alone: `状态：正常` is text). */
const BLANK = new RegExp(String.raw`${NAME}(?:${TARGET}|（\s*单位\s*[：:]\s*${UNIT_WORD}\s*）)?\s*$`);

/**
 * The row a line is, or null. `blank` also reads rows without a value, where a line ending in `：` cannot be a
 * table's title (a list item: titles are paragraphs).
 */
export function kpiLine(text: string, opts: { blank?: boolean } = {}): KpiLine | null {
  const m = LINE.exec(text);
  if (!m) return opts.blank ? blankKpiLine(text) : null;
  if (!nameOk(m[1].trim())) return null;
  const value = Number(m[2]);
  // `007` would not come back the same way: keep such lines as text (trailing decimal zeros, `99.990`, are fine).
  if (!Number.isFinite(value) || /^-?0\d/.test(m[2])) return null;
  const unit = (m[3] ?? '').replace('％', '%');
  const target = m[5] !== undefined ? Number(m[5]) : null;
  if (target !== null && (!Number.isFinite(target) || /^-?0\d/.test(m[5]))) return null;
  return { name: m[1].trim(), value, unit, display: String(value) === m[2] ? null : `${m[2]}${unit}`, target, targetOp: target !== null ? targetOpOf(m[4]) : null };
}

/** `name：`, `name：（目标：5%）`, `name：（单位：%）`: a row with no value yet. */
function blankKpiLine(text: string): KpiLine | null {
  const m = BLANK.exec(text);
  if (!m || !nameOk(m[1].trim())) return null;
  const target = m[3] !== undefined ? Number(m[3]) : null;
  if (target !== null && (!Number.isFinite(target) || /^-?0\d/.test(m[3]))) return null;
  const unit = (m[4] ?? m[5] ?? '').replace('％', '%');
  return { name: m[1].trim(), value: null, unit, display: null, target, targetOp: target !== null ? targetOpOf(m[2]) : null };
}

/** The typed text of a value when it is that value (`99.990%` of 99.99 with unit `%`), else null. */
export function typedValue(display: unknown, value: number | null, unit: string): string | null {
  if (typeof display !== 'string' || value === null) return null;
  const d = display.trim();
  const number = unit && d.endsWith(unit) ? d.slice(0, -unit.length).trim() : d;
  return /^-?\d+(?:\.\d+)?$/.test(number) && Number(number) === value ? `${number}${unit}` : null;
}

/** How a row is written in Markdown; the inverse of kpiLine(): the typed value when known, the target after it. */
export function kpiLineText(name: string, value: number | null, unit: string, opts: { display?: string | null; target?: number | null; targetOp?: TargetOp | null } = {}): string {
  const target = opts.target !== null && opts.target !== undefined ? `（目标：${targetText(opts.target, unit ?? '', opts.targetOp)}）` : '';
  // No value yet: the unit goes with the target, or in a group of its own.
  if (value === null) return `${name}：${target || (unit ? `（单位：${unit}）` : '')}`;
  const shown = typedValue(opts.display, value, unit ?? '') ?? `${value}${unit ?? ''}`;
  return `${name}：${shown}${target}`;
}
