/**
 * Reading fields out of the free text of an OKR item, as the department writes them:
 * project name before the first `：` `:` or `，`, progress like `进度95%`, go-live like `计划3/28上线`.
 * Used by import and as the editor's suggestion when a field is empty.
 */

const MAX_PROJECT = 20;

/** A progress phrase glued to the name (`物保三期进度95%`, `存管路由开发进度10%`) is not part of the name. */
const TRAILING_PROGRESS = /(?:整体|总体?|开发|测试|迁移|当前)?进度.*$/;

/** Text before the first `：`, `:` or `，`, when that is a short name; otherwise the start of the text. */
export function projectName(text: string): string {
  const line = text.split('\n')[0].trim();
  const m = /^(.*?)[：:，,]/.exec(line);
  const head = m && m[1].trim().length > 0 && m[1].trim().length <= MAX_PROJECT ? m[1].trim() : fallbackName(line);
  const trimmed = head.replace(TRAILING_PROGRESS, '').trim();
  return trimmed.length > 0 ? trimmed : head;
}

/** No short name before `：`/`，`: the first clause of the line, cut to a short length. */
function fallbackName(line: string): string {
  const clause = /^(.*?)[；;。（(]/.exec(line)?.[1]?.trim();
  return (clause || line).slice(0, MAX_PROJECT).trim();
}

const NUM = String.raw`(\d+(?:\.\d+)?)`;
const FILLER = String.raw`\s*(?:约|大约|达到了?|达|为|已达|已经?|已完成|完成)?\s*`;
const OVERALL = new RegExp(String.raw`(?:整体|总体?)\S{0,4}?进度${FILLER}${NUM}\s*[%％]`);
const PLAIN = new RegExp(String.raw`进度${FILLER}${NUM}\s*[%％]`);
const RATIO = new RegExp(String.raw`\d+\s*\/\s*\d+\s*=\s*${NUM}\s*[%％]`);

/** Progress 0–100 from `进度95%`, `整体进度40%` (preferred), `进度约80%`, `进度达到了90%`, `14/44=31.8%`; null when none. */
export function progressFrom(text: string): number | null {
  const m = OVERALL.exec(text) ?? PLAIN.exec(text) ?? RATIO.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 0 && n <= 100 ? n : null;
}

/**
 * A dated go-live: optional year, month and day (`3/28`, `7月25日`, `2024年8月30日`, `3.28`), then `上线`/`投产`/`发布`.
 * Vague dates (`4月初`, `7月底`, `5月中旬`) have no day and so never match.
 */
const GO_LIVE = /(?:(\d{4})\s*[年/.-]\s*)?(?<!\d)(\d{1,2})\s*(?:\/|月|-|\.(?=\d{1,2}\s*(?:日|号)?\s*(?:前)?\s*(?:上线|投产|发布)))\s*(\d{1,2})(?!\d)\s*(?:日|号)?\s*(?:前)?\s*(?:完成)?\s*(?:上线|投产|发布)/;

/**
 * Go-live date `YYYY-MM-DD` from `计划3/28上线`, `预计7月25日上线`, `7/16上线`; vague dates (`4月初`, `7月底`) give null.
 * Without a year the report's year is used; given the report's month, a month far before it (a December
 * report planning `1/10上线`) is taken as next year's.
 */
export function dueFrom(text: string, year: number, reportMonth?: number): string | null {
  const m = GO_LIVE.exec(text);
  if (!m) return null;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  let y = m[1] ? Number(m[1]) : year;
  if (!m[1] && reportMonth !== undefined && month < reportMonth - 6) y += 1;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
