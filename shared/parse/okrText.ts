/**
 * Reading fields out of the free text of an OKR item, as the department writes them:
 * project name before the first `：` `:` or `，`, progress like `进度95%`, go-live like `计划3/28上线`.
 * Used by import and as the editor's suggestion when a field is empty.
 */

const MAX_PROJECT = 20;

/** Text before the first `：`, `:` or `，`, when that is a short name; otherwise the start of the text. */
export function projectName(text: string): string {
  const line = text.split('\n')[0].trim();
  const m = /^(.*?)[：:，,]/.exec(line);
  if (m && m[1].trim().length > 0 && m[1].trim().length <= MAX_PROJECT) return m[1].trim();
  return line.slice(0, MAX_PROJECT).trim();
}

/** Progress 0–100 from `进度95%`, `整体进度40%` (preferred), `进度约80%`, `进度达到了90%`, `14/44=31.8%`; null when none. */
export function progressFrom(text: string): number | null {
  const overall = /整体进度\s*(?:约|达到了?|为|已达)?\s*(\d+(?:\.\d+)?)\s*%/.exec(text);
  const any = overall ?? /进度\s*(?:约|达到了?|为|已达|已)?\s*(\d+(?:\.\d+)?)\s*%/.exec(text) ?? /\d+\s*\/\s*\d+\s*=\s*(\d+(?:\.\d+)?)\s*%/.exec(text);
  if (!any) return null;
  const n = Number(any[1]);
  return n >= 0 && n <= 100 ? n : null;
}

/** Go-live date `YYYY-MM-DD` from `计划3/28上线`, `预计7月25日上线`, `7/16上线`; vague dates (`4月初`, `7月底`) give null. */
export function dueFrom(text: string, year: number): string | null {
  const re = /(\d{1,2})\s*(?:\/|月)\s*(\d{1,2})\s*(?:日|号)?\s*(?:前)?\s*(?:完成)?\s*(?:上线|投产|发布)/g;
  const m = re.exec(text);
  if (!m) return null;
  const month = Number(m[1]);
  const day = Number(m[2]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
