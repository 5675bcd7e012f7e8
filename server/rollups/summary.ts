import { addDays, format } from 'date-fns';
import { weekStart } from '../../shared/week.js';
import { missesTarget, targetOpOf, type TargetOp } from '../../shared/kpiTarget.js';
import { oneLine } from '../../shared/markdown/fields.js';
import type { Db } from '../db/client.js';
import { getObjectives } from '../domain/spaces.js';
import { openItems } from './dashboard.js';
import { saysLive } from './live.js';

/** A go-live put off, in words: `延期至5月中旬上线`, `上线时间推迟到下周`. */
const DELAYED = /(?:延期|推迟|延后|顺延)[^，,。；;]{0,12}上线|上线[^，,。；;]{0,8}(?:延期|推迟|延后|顺延)/;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const pct = (v: number | null) => (v === null ? '—' : `${Number(v.toFixed(2))}%`);
const fmtNum = (v: number | null, unit = '') => (v === null ? '—' : `${Number(v.toFixed(4))}${unit}`);
/** Markdown table cells: no pipes or line breaks from the text. */
const cell = (s: string) => oneLine(s.replace(/\|/g, '｜')).trim();

interface Seen { week: string; objective: string | null; project: string; progress: number | null; due: string | null; status: string | null; text: string }

/**
 * GET /api/spaces/:id/summary?from&to (issue 15): the period on one page, in Markdown (the team's language): per
 * objective, each project's progress at the start and end of the period and whether it went live (with the date);
 * go-lives that slipped; KPIs (last, lowest, mean, target, weeks below it); incidents (how many, minutes, reviews
 * pending); risks open at the end. Projects are followed by identity (rollups/projects.ts), so a renamed one is one line.
 */
export async function periodSummary(db: Db, spaceId: string, from: string, to: string): Promise<string> {
  const reports = await db.k.selectFrom('report').select(['id', 'week']).where('space_id', '=', spaceId).where('week', '>=', from).where('week', '<=', to).orderBy('week').execute();
  const objectives = await getObjectives(db, spaceId);
  const lines: string[] = [`# 周期总结 ${from} – ${to}`, ''];
  const span = `${format(weekStart(from), 'yyyy-MM-dd')} 至 ${format(addDays(weekStart(to), 6), 'yyyy-MM-dd')}`;
  if (reports.length === 0) {
    lines.push(`${span}：这段时间没有周报。`, '');
    return lines.join('\n');
  }
  lines.push(`${span}，共 ${reports.length} 份周报：${reports.map((r) => r.week).join('、')}。`, '');

  // The report just before the period: where the period's progress and plans started from. An item it does not
  // have started the period where the item first stood in it — not at a value of some far earlier week.
  const prevWeek = (await db.k.selectFrom('report').select('week').where('space_id', '=', spaceId).where('week', '<', from).orderBy('week', 'desc').limit(1).executeTakeFirst())?.week ?? null;
  // Every OKR item up to the period's end, by project; earlier weeks say whether it was live before.
  const rows = await db.k.selectFrom('item').select(['week', 'objective', 'project', 'project_id', 'project_key', 'progress', 'due', 'status', 'text'])
    .where('space_id', '=', spaceId).where('kind', '=', 'okr').where('week', '<=', to).orderBy('week').orderBy('position').execute();
  const merged = new Map((await db.k.selectFrom('project').select(['key', 'merged_into']).where('space_id', '=', spaceId).where('merged_into', 'is not', null).execute())
    .map((m) => [m.key, m.merged_into!]));
  const byProject = new Map<string, Seen[]>();
  // Items that name no project (`整体进度95%；…`): counted per objective, not made projects of their first words.
  const unnamed = new Map<string | null, number>();
  for (const r of rows) {
    if (!r.project) {
      if (r.week >= from) unnamed.set(r.objective, (unnamed.get(r.objective) ?? 0) + 1);
      continue;
    }
    const key = r.project_id ? (merged.get(r.project_id) ?? r.project_id) : r.project_key ?? r.project;
    (byProject.get(key) ?? byProject.set(key, []).get(key)!).push({ week: r.week, objective: r.objective, project: r.project, progress: num(r.progress), due: r.due, status: r.status, text: r.text });
  }

  /** `live.date`: the go-live date the item carried when it was reported live; null when it had none (then only the week is known). */
  type Line = {
    objective: string | null; project: string; start: number | null; end: number | null; live: { week: string; date: string | null } | null;
    slips: { from: string; to: string; week: string }[];
    /** The go-live date planned at the period's end; a delay the text states without a date to compare (`延期至5月中旬上线`). */
    planned: string | null; saidDelayed: { week: string; words: string } | null; wasLive: boolean;
    /** The status at the period's end when it is at risk or blocked. */
    trouble: { status: 'at_risk' | 'blocked'; week: string } | null;
  };
  const projects: Line[] = [];
  for (const seen of byProject.values()) {
    const inside = seen.filter((s) => s.week >= from);
    if (inside.length === 0) continue;
    const before = seen.filter((s) => s.week < from);
    const atStart = before.filter((s) => s.week === prevWeek);
    const start = atStart.length ? atStart.find((s) => s.progress !== null)?.progress ?? null : inside[0].progress;
    const end = inside.findLast((s) => s.progress !== null)?.progress ?? null;
    const liveAt = inside.find((s) => s.status === 'done' || s.progress === 100 || saysLive(s.text));
    const wasLive = before.some((s) => s.status === 'done' || s.progress === 100);
    const slips: Line['slips'] = [];
    let planned = atStart.find((s) => s.due)?.due ?? null;
    for (const s of inside) {
      if (!s.due) continue;
      if (planned && s.due > planned) slips.push({ from: planned, to: s.due, week: s.week });
      planned = s.due;
    }
    const last = inside.at(-1)!;
    const delayedAt = inside.findLast((s) => DELAYED.test(s.text.split('\n')[0]));
    const delayed = delayedAt ? { week: delayedAt.week, m: DELAYED.exec(delayedAt.text.split('\n')[0]) } : null;
    const stated = inside.findLast((s) => s.status);
    const lastStatus = stated?.status ?? null;
    const troubleAt = lastStatus === 'at_risk' || lastStatus === 'blocked' ? stated!.week : null;
    projects.push({
      objective: last.objective, project: last.project, start, end, slips,
      planned: inside.findLast((s) => s.due)?.due ?? null, wasLive,
      saidDelayed: delayed ? { week: delayed.week, words: delayed.m![0] } : null,
      trouble: troubleAt ? { status: lastStatus as 'at_risk' | 'blocked', week: troubleAt } : null,
      // No made-up day: without a date on the item, the summary says which week's report had it live.
      live: liveAt && !wasLive ? { week: liveAt.week, date: liveAt.due } : null,
    });
  }

  const sections = [...objectives.map((o) => ({ code: o.code as string | null, title: `【${o.code} ${o.title}】` })), { code: null, title: '其他事项' }];
  const known = new Set(objectives.map((o) => o.code));
  lines.push('## 目标进展', '');
  for (const sec of sections) {
    const mine = (objective: string | null) => (sec.code ? objective === sec.code : !objective || !known.has(objective));
    const list = projects.filter((p) => mine(p.objective));
    const nameless = [...unnamed].filter(([o]) => mine(o)).reduce((sum, [, n]) => sum + n, 0);
    if (list.length === 0 && nameless === 0) continue;
    lines.push(`### ${sec.title}`, '');
    if (list.length) {
      lines.push('| 项目 | 期初进度 | 期末进度 | 上线 |', '| --- | --- | --- | --- |');
      // No progress written in the period: said so, rather than a — that reads as a fall from the start's value.
      for (const p of list) lines.push(`| ${cell(p.project)} | ${pct(p.start)} | ${p.end === null ? '未说明' : pct(p.end)} | ${p.live ? `已上线（${p.live.date ?? `${p.live.week} 周报`}）` : p.wasLive ? '此前已上线' : p.planned ? `计划 ${p.planned}` : '—'} |`);
      lines.push('');
    }
    if (nameless) lines.push(`另有 ${nameless} 项未写项目名的事项。`, '');
  }

  const live = projects.filter((p) => p.live);
  lines.push('## 本期上线', '');
  lines.push(...(live.length ? live.map((p) => `- ${cell(p.project)}：${p.live!.date ? `${p.live!.date}（${p.live!.week}）` : `${p.live!.week} 周报写明已上线`}`) : ['- 无']), '');

  // A date that moved, or a delay the report states in words (`延期至5月中旬上线`: no day to compare).
  const slipped = projects.filter((p) => p.slips.length || (p.saidDelayed && !p.live));
  lines.push('## 上线延期', '');
  lines.push(...(slipped.length ? slipped.map((p) => `- ${cell(p.project)}：${p.slips.length
    ? p.slips.map((s) => `${s.from} → ${s.to}（${s.week}）`).join('；')
    : `周报写明“${cell(p.saidDelayed!.words)}”（${p.saidDelayed!.week}）`}`) : ['- 无']), '');

  const troubled = projects.filter((p) => p.trouble && !p.live && !p.wasLive);
  lines.push('## 有风险或受阻', '');
  lines.push(...(troubled.length ? troubled.map((p) => `- ${cell(p.project)}：${p.trouble!.status === 'blocked' ? '受阻' : '有风险'}（${p.trouble!.week}${p.planned ? `，计划 ${p.planned} 上线` : ''}${p.end !== null ? `，进度 ${pct(p.end)}` : ''}）`) : ['- 无']), '');

  const kpiRows = await db.k.selectFrom('item').select(['week', 'name', 'name_key', 'value', 'unit', 'target', 'target_op'])
    .where('space_id', '=', spaceId).where('kind', '=', 'kpi').where('week', '>=', from).where('week', '<=', to).orderBy('week').orderBy('position').execute();
  const kpis = new Map<string, { name: string; unit: string; values: { week: string; value: number }[]; target: number | null; targetOp: TargetOp | null }>();
  for (const r of kpiRows) {
    const k = kpis.get(r.name_key!) ?? kpis.set(r.name_key!, { name: r.name!, unit: r.unit ?? '', values: [], target: null, targetOp: null }).get(r.name_key!)!;
    if (r.value !== null && k.values.at(-1)?.week !== r.week) k.values.push({ week: r.week, value: Number(r.value) });
    if (r.target !== null) { k.target = Number(r.target); k.targetOp = targetOpOf(r.target_op); }
  }
  lines.push('## 关键指标', '');
  if (kpis.size === 0) lines.push('- 无', '');
  else {
    // 最差: the lowest value, or the highest for a metric whose target is a ceiling (`≤`, shared/kpiTarget.ts).
    lines.push('| 指标 | 最新 | 最差 | 平均 | 目标 | 未达标 |', '| --- | --- | --- | --- | --- | --- |');
    for (const k of kpis.values()) {
      const vs = k.values.map((v) => v.value);
      const mean = vs.length ? vs.reduce((a, b) => a + b, 0) / vs.length : null;
      const breaches = k.values.filter((v) => missesTarget(v.value, k.target, k.targetOp));
      const worst = vs.length ? (k.targetOp === '≤' ? Math.max(...vs) : Math.min(...vs)) : null;
      lines.push(`| ${cell(k.name)} | ${fmtNum(vs.at(-1) ?? null, k.unit)} | ${fmtNum(worst, k.unit)} | ${fmtNum(mean, k.unit)} | ${k.target === null ? fmtNum(null, k.unit) : `${k.targetOp ?? ''}${fmtNum(k.target, k.unit)}`} | ${k.target === null ? '—' : breaches.length ? `${breaches.length} 周（${breaches.map((b) => b.week).join('、')}）` : '0'} |`);
    }
    lines.push('');
  }

  const incidents = await db.k.selectFrom('item').select(['duration_minutes', 'review']).where('space_id', '=', spaceId).where('kind', '=', 'incident')
    .where('week', '>=', from).where('week', '<=', to).execute();
  const minutes = incidents.reduce((n, i) => n + (num(i.duration_minutes) ?? 0), 0);
  const pending = incidents.filter((i) => i.review === 'review_pending').length;
  lines.push('## 生产事件', '', `- 共 ${incidents.length} 起，合计 ${minutes} 分钟，待复盘 ${pending} 起`, '');

  const risks = (await openItems(db, spaceId, to)).risks ?? [];
  lines.push('## 未关闭风险', '');
  lines.push(...(risks.length ? risks.map((r) => `- ${cell(String(r.text ?? ''))}（${r.week}）`) : ['- 无']), '');
  return lines.join('\n');
}
