/**
 * A KPI's target and which side of it is good. Most metrics are "at least" (成功率 ≥ 99.99%), the default; some are
 * "at most" (平均响应时间 ≤ 200ms, 差错率, 事故数), written with `≤` before the number. Both sides (editor, rollups,
 * export) ask `missesTarget`, so a fast response time is never shown in red as "below target".
 */
export type TargetOp = '≥' | '≤';

/** How people type the comparison at the start of a target: `≥`, `>=`, `＞＝`, `≧`, `≤`, `<=`, `＜＝`, `≦`. */
const OP = /^\s*(≥|>=|＞=|＞＝|≧|≤|<=|＜=|＜＝|≦)\s*/;

/** A typed target split into its comparison (null when none was typed) and the number's text. */
export function splitTargetOp(text: string): { op: TargetOp | null; rest: string } {
  const m = OP.exec(text);
  if (!m) return { op: null, rest: text };
  return { op: /[≤<＜≦]/.test(m[1]) ? '≤' : '≥', rest: text.slice(m[0].length) };
}

/** A stored comparison, or null for anything else (the default, "at least"). */
export const targetOpOf = (v: unknown): TargetOp | null => (v === '≥' || v === '≤' ? v : null);

/** Whether a value misses its target: under it, or over it for an "at most" target. */
export function missesTarget(value: number | null, target: number | null, op?: TargetOp | null): boolean {
  if (value === null || target === null) return false;
  return op === '≤' ? value > target : value < target;
}

/** A target as people read it: `≤200ms`, `99.99%` (the default comparison is not written). */
export const targetText = (target: number, unit: string, op?: TargetOp | null) => `${op ?? ''}${target}${unit}`;
