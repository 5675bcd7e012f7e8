/**
 * One KPI line of `## 【系统运行数据】`: `name：number unit` (`入金有效成功率：99.997%`, `年度可用性: 100 %`).
 * Only lines that can be written back exactly as read become rows, so nothing of the text is lost.
 */
export interface KpiLine { name: string; value: number; unit: string }

const LINE = /^\s*([^：:\d][^：:]{0,39}?)\s*[：:]\s*(-?\d+(?:\.\d+)?)\s*([%‰％]|[A-Za-z/]{1,8}|[\u4e00-\u9fff]{1,3})?\s*$/;

export function kpiLine(text: string): KpiLine | null {
  const m = LINE.exec(text);
  if (!m) return null;
  const value = Number(m[2]);
  // `007` would not come back the same way: keep such lines as text (trailing decimal zeros, `99.990`, are fine).
  if (!Number.isFinite(value) || /^-?0\d/.test(m[2])) return null;
  return { name: m[1].trim(), value, unit: (m[3] ?? '').replace('％', '%') };
}

/** How a row is written in Markdown; the inverse of kpiLine(). */
export const kpiLineText = (name: string, value: number | null, unit: string) => `${name}：${value ?? ''}${unit ?? ''}`;
