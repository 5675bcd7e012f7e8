/** Whether an OKR item's text says it went live: the period summary's 本期上线, and no go-live overdue on the dashboard. */

/** Text that says something went live (`上线完成`, `已上线`, `已于618上线`, `全部上线`…). */
const LIVE = /上线完成|完成上线|已上线|全量上线|全部上线|已于[^，,。；;]{0,12}上线|上线成功|正式上线/;
/** A go-live still ahead (`预计本周提测上线`, `计划4/10正式上线`), not yet (`尚未全部上线`), or work still going on (`二期正在进行中`). */
const NOT_YET = /(?:预计|计划|拟|准备|争取|将于)[^，,。；;]{0,16}上线|未(?:全部|全量|正式)?上线|进行中|开发中|测试中|正在(?:进行|开发|测试|推进)/;

/**
 * Whether an item's text says it went live. Its first line speaks for it when it mentions a go-live at all; a part
 * that went live (`通道路由功能已上线`) beside one still ahead (`预计本周提测上线`) is not the item going live.
 */
export function saysLive(text: string): boolean {
  const lines = text.split('\n');
  const said = lines[0].includes('上线') ? [lines[0]] : lines;
  return said.some((l) => LIVE.test(l)) && !said.some((l) => NOT_YET.test(l) || partBehind(l));
}

/** `POC融合进度100%，上线完成；POS押金进度40%`: a part still short of 100 % — one part went live, not the item. */
function partBehind(line: string): boolean {
  for (const m of line.matchAll(PROGRESS)) if (Number(m[1]) < 100) return true;
  return false;
}
const PROGRESS = /进度\s*(?:达到了?|为|[：:])?\s*(\d+(?:\.\d+)?)\s*[%％]/g;
