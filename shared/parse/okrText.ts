/**
 * Reading fields out of the free text of an OKR item, as the department writes them:
 * project name before the first `：` `:` or `，`, progress like `进度95%`, go-live like `计划3/28上线`.
 * Used by import and as the editor's suggestion when a field is empty.
 */
import { calendarDay } from './dateInput.js';

const MAX_PROJECT = 20;

/** A progress phrase glued to the name (`物保三期进度95%`, `存管路由开发进度10%`) is not part of the name. */
const TRAILING_PROGRESS = /(?:整体|总体?|开发|测试|迁移|当前)?进度.*$/;

/**
 * Text before the first `：`, `:`, `，` or a spaced dash (`农行存管 - 联调完成`, `POS系统 —— 测试中`), when that is a
 * short name; otherwise the start of the text. A dash inside a name (`ARK-国密`) does not split it.
 */
export function projectName(text: string): string {
  const line = text.split('\n')[0].trim();
  const m = /^(.*?)(?:[：:，,]|\s+(?:-{1,2}|[–—]{1,2})\s+|——)/.exec(line);
  const head = m && m[1].trim().length > 0 && m[1].trim().length <= MAX_PROJECT ? m[1].trim() : fallbackName(line);
  // A figure is no name (`整体进度95%；剩余加密机待迁移`, `AI自动初审占比61.09%`): no project, unless one is
  // bracketed before it (`「贝小理」运营目标准确率80%`). Rollups listed "整体进度95%" as a project.
  const trimmed = head.replace(TRAILING_PROGRESS, '').replace(TRAILING_DONE, '').trim();
  if (PERCENT_IN_NAME.test(trimmed)) return BRACKETED.exec(trimmed)?.[1]?.trim() ?? '';
  return trimmed;
}

const PERCENT_IN_NAME = /\d\s*[%％]/;
const BRACKETED = /^\s*[「【\[]([^」】\]]{1,20})[」】\]]/;
/** A milestone glued to the name (`银行存管资金盘点立项完成`, `POS收单已上线`, `物保四期已于3/27上线`) is what happened, not the project. */
const TRAILING_DONE = /(?<=.{2})(?:(?:立项|开发|测试|联调|评审|验收|上线|投产|部署)完成|已(?:完成|上线|投产)|已于[^，,。；;]{1,12}?(?:上线|投产|完成))$/;

/** No short name before `：`/`，`: the first clause of the line, cut to a short length. */
function fallbackName(line: string): string {
  const clause = /^(.*?)[；;。（(]/.exec(line)?.[1]?.trim();
  return (clause || line).slice(0, MAX_PROJECT).trim();
}

/** A percentage: `95%`, `21.95 ％`, or a ratio with its result `14/44=31.8%` (one figure). */
const PERCENT = /(?:\d+\s*\/\s*\d+\s*=\s*)?(\d+(?:\.\d+)?)\s*[%％]/g;
/** Where a clause starts: the figure belongs to the words between this and it (`POS押金进度40%`). */
const CLAUSE_END = /[，,。；;！!？?\n（(）)]/;
/** The item's own overall figure is marked so: `整体进度`, `整体进展`, `总体进度`, `总迁移进度`. */
const OVERALL = /(?:整体|总体|总)\S{0,4}?(?:进度|进展)/;
const PROGRESS_WORD = /进度|进展|完成/;
/** Figures that are rates, shares or changes (`准确率78.51%`, `占比61.09%`, `较上周提升5.21%`, `转化7%`), never progress. */
const RATE = /率|占比|比例|转化|上涨|下降|提升|增长|降低|同比|环比|较上|涨幅|增幅|份额/;

/** One percentage of an item's text that may be its progress, with the words before it (`POC融合`). */
export interface ProgressFigure { value: number; label: string; overall: boolean }

/** Every figure of the text that may be a progress, in order: overall-marked ones, or any that is not a rate. */
export function progressFigures(text: string): ProgressFigure[] {
  const out: ProgressFigure[] = [];
  for (const m of text.matchAll(PERCENT)) {
    const before = text.slice(0, m.index);
    const clauseStart = Math.max(...[...before].map((c, i) => (CLAUSE_END.test(c) ? i + 1 : 0)), 0);
    const clause = before.slice(clauseStart);
    const value = Number(m[1]);
    if (!(value >= 0 && value <= 100)) continue;
    const progressWord = PROGRESS_WORD.test(clause);
    if (!progressWord && RATE.test(clause)) continue;
    const words = clause.replace(/(?:(?:整体|总体|总)\S{0,4}?)?(?:进度|进展)?\s*(?:约|大约|达到了?|达|为|已达|已经?|已完成|完成)?\s*[：:]?\s*$/, '');
    const label = (words.split(/[：:]/).filter((w) => w.trim()).at(-1) ?? '').trim();
    out.push({ value, label: label.slice(-16), overall: OVERALL.test(clause) });
  }
  return out;
}

/**
 * The item's own overall progress 0–100: the one figure marked 整体进度/整体进展 (`整体进度40%`, also
 * `整体进度14/44=31.8%`), else the only percentage of its text that is not a rate (`进度95%`, `进度约80%`,
 * `进度达到了90%`, `14/44=31.8%`). Several figures of sub-parts with no overall one (`POC融合进度100%；POS押金进度40%`)
 * give null: which of them is the item's progress is for its author to pick (progressFigures lists them).
 */
export function progressFrom(text: string): number | null {
  const figures = progressFigures(text);
  const overall = figures.find((f) => f.overall);
  if (overall) return overall.value;
  return figures.length === 1 ? figures[0].value : null;
}

/**
 * A dated go-live: optional year, month and day (`3/28`, `7月25日`, `2024年8月30日`, `3.28`), then `上线`/`投产`/`发布`.
 * Vague dates (`4月初`, `7月底`, `5月中旬`) have no day and so never match.
 */
const GO_LIVE = /(?:(\d{4})\s*[年/.-]\s*)?(?<!\d)(\d{1,2})\s*(?:\/|月|-|\.(?=\d{1,2}\s*(?:日|号)?\s*(?:前)?\s*(?:上线|投产|发布)))\s*(\d{1,2})(?!\d)\s*(?:日|号)?\s*(?:前)?\s*(?:完成)?\s*(?:上线|投产|发布)/;
const GO_LIVE_ALL = new RegExp(GO_LIVE.source, 'g');
/** What comes right before a go-live date that already happened: `已于`, `已在`. */
const PAST = /已\s*(?:于|在)\s*$/;

/**
 * Go-live date `YYYY-MM-DD` from `计划3/28上线`, `预计7月25日上线`, `7/16上线`; vague dates (`4月初`, `7月底`) give null.
 * Without a year the report's year is used; given the report's month, a month far before it (a December
 * report planning `1/10上线`) is taken as next year's.
 */
export function dueFrom(text: string, year: number, reportMonth?: number): string | null {
  // A go-live that happened (`移动端已于2/25上线`) is no plan when the text plans another (`PC端计划3/20上线`): the
  // plan is the date (the past one read as a slip from 2/25 to 3/20, and as overdue).
  const all = [...text.matchAll(GO_LIVE_ALL)];
  const m = all.find((g) => !PAST.test(text.slice(Math.max(0, g.index! - 4), g.index))) ?? all[0];
  if (!m) return null;
  const month = Number(m[2]);
  const day = Number(m[3]);
  let y = m[1] ? Number(m[1]) : year;
  if (!m[1] && reportMonth !== undefined && month < reportMonth - 6) y += 1;
  return calendarDay(y, month, day); // `2/30上线` names no day
}
