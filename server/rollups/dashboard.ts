import { addDays, format, subMonths } from 'date-fns';
import { itemBlocks } from '../../shared/blocks/index.js';
import { addWeek, weekOf, weekStart } from '../../shared/week.js';
import { missesTarget, targetOpOf, type TargetOp } from '../../shared/kpiTarget.js';
import type { Db } from '../db/client.js';
import { inValues } from '../db/inValues.js';
import { untouchedItems } from '../domain/itemUpdates.js';
import { getObjectives } from '../domain/spaces.js';
import { incidentSummary, listIncidents } from './incidents.js';
import { saysLive } from './live.js';
import { STUCK_REPORTS, stuckItems } from './stuck.js';

/** How many weeks the dashboard covers when no range is asked, and the shortest history its sparklines show. */
const HISTORY_WEEKS = 12;
const DUE_SOON_DAYS = 14;

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export interface DashboardOptions { week?: string; from?: string; to?: string; today?: Date }

/**
 * The space over a range of weeks (issue 12), history included: by default the 12 weeks up to this week's report
 * (or the last one before this week);
 * `week` or `to` ends the range, `from` starts it. Projects reported in the range with their last-known progress
 * (from any earlier week when the range states none), go-live slips and a link key; KPIs against target with the
 * weeks below it; incidents and pending reviews that started in the range; risks open at its end. The OKR items by
 * objective and the items due soon are those of the range's last report. Dates are "as of" the range's end (its
 * Friday, or today if earlier).
 */
export async function dashboard(db: Db, spaceId: string, opts: DashboardOptions = {}) {
  const end = opts.to ?? opts.week;
  let rq = db.k.selectFrom('report').select(['id', 'week']).where('space_id', '=', spaceId);
  if (opts.from) rq = rq.where('week', '>=', opts.from);
  // Unasked, the range ends at this week's report (or the last before it), not at a week started ahead: a next week
  // begun early turned "本周 OKR" into an empty W51 (browser walkthrough). Only ahead reports: the first of them.
  const report = end
    ? await rq.where('week', '<=', end).orderBy('week', 'desc').limit(1).executeTakeFirst()
    : (await rq.where('week', '<=', weekOf(opts.today ?? new Date())).orderBy('week', 'desc').limit(1).executeTakeFirst())
      ?? (await rq.orderBy('week', 'asc').limit(1).executeTakeFirst());
  const objectives = await getObjectives(db, spaceId);
  const to = end ?? report?.week ?? null;
  if (!to || !report) {
    return { week: null, reportId: null, asOf: null, range: to ? { from: opts.from ?? to, to } : null, objectives: [], projects: [], dueSoon: [], kpis: [], incidents: null, open: {}, stuck: [] };
  }
  const from = opts.from ?? addWeek(to, -(HISTORY_WEEKS - 1));
  const friday = addDays(weekStart(to), 4);
  const today = opts.today ?? new Date();
  const asOf = today < friday ? today : friday;
  const asOfDay = format(asOf, 'yyyy-MM-dd');
  // Sparklines show at least the last 12 weeks.
  const since = from < addWeek(to, -(HISTORY_WEEKS - 1)) ? from : addWeek(to, -(HISTORY_WEEKS - 1));

  const current = await db.k.selectFrom('item').selectAll().where('report_id', '=', report.id).orderBy('kind').orderBy('position').execute();
  // An item carried from last week ("Start next week") that nobody has touched since shows last week's progress and
  // dates: `carried` says so (its fingerprint is still the baseline the report started with, domain/itemUpdates.ts).
  const untouched = await untouchedItems(db, report.id);
  const okrs = current.filter((r) => r.kind === 'okr').map((r) => ({
    blockId: r.block_id, objective: r.objective, project: r.project, projectKey: r.project_id, text: r.text, progress: num(r.progress), due: r.due, status: r.status, owner: r.owner,
    carried: !!r.from_id && untouched.has(r.block_id),
  }));

  // OKR items by objective section, in the space's objective order; items outside any section last.
  const sections = objectives.map((o) => ({ code: o.code as string | null, title: o.title, items: okrs.filter((i) => i.objective === o.code) }));
  const known = new Set(objectives.map((o) => o.code));
  const others = okrs.filter((i) => !i.objective || !known.has(i.objective));
  if (others.length > 0) sections.push({ code: null, title: '其他', items: others });

  const projects = await projectsInRange(db, spaceId, { from, to, since }, { week: report.week, untouched });

  const horizon = format(addDays(asOf, DUE_SOON_DAYS), 'yyyy-MM-dd');
  const dueSoon = [
    ...okrs
      // What the text says went live is not due (`PC端已于3/27上线` was listed overdue beside the summary's 已上线).
      .filter((i) => i.due && i.due <= horizon && i.status !== 'done' && (i.progress ?? 0) < 100 && !saysLive(i.text))
      .map((i) => ({ kind: 'okr' as const, ...i })),
    // Open items with a date come due too (a high risk due in 9 days was missing beside the go-lives: walkthrough);
    // what "open" means is each block's own (`items.open`), as for the open lists below.
    ...itemBlocks.flatMap((b) => {
      const open = b.items.open;
      if (!open) return [];
      return current.filter((r) => r.kind === b.items.kind && r.due && r.due <= horizon && open.isOpen(JSON.parse(r.json)))
        .map((r) => ({
          kind: b.items.kind, blockId: r.block_id, objective: null, project: null, projectKey: null, text: r.text, progress: null, due: r.due, status: r.status, owner: r.owner, carried: false,
        }));
    }),
  ].map((i) => ({ ...i, overdue: i.due! < asOfDay }))
    .sort((a, b) => a.due!.localeCompare(b.due!));

  const kpis = await kpisInRange(db, spaceId, from, to, since);
  const dates = { from: format(weekStart(from), 'yyyy-MM-dd'), to: format(addDays(weekStart(to), 6), 'yyyy-MM-dd') };
  const incidents = { ...(await incidentSummary(db, spaceId, dates)), list: await listIncidents(db, spaceId, dates) };
  const open = await openItems(db, spaceId, to);
  // Items of the range's last report whose progress has not moved for 3+ reports (issue 15).
  const stuck = (await stuckItems(db, spaceId, report.id, report.week)).map((s) => ({ ...s, reportId: report.id, week: report.week }));
  return { week: report.week, reportId: report.id, asOf: asOfDay, range: { from, to, fromDate: dates.from, toDate: dates.to }, objectives: sections, projects, dueSoon, kpis, incidents, open, stuck };
}

/** A go-live date that moved later: in `week`, from the date planned before to the new one. */
export interface Slip { week: string; from: string; to: string }

/**
 * Every project reported in [from, to] (OKR items and key projects, merges followed), newest seen first: its
 * last-known progress up to `to` (and the week that stated it), its go-live and the slips of it in the range, its
 * progress week by week since `since`, and whether it stalled. `last` is the range's last report and its items
 * nobody touched since it was started: their figures are last week's, not a report stating them again (an untouched
 * "Start next week" draft made projects "stalled" and "as of" the draft), as stuck.ts counts.
 */
async function projectsInRange(db: Db, spaceId: string, range: { from: string; to: string; since: string }, last: { week: string; untouched: Set<string> }) {
  const { from, to, since } = range;
  const merged = await db.k.selectFrom('project').select(['key', 'merged_into']).where('space_id', '=', spaceId).where('merged_into', 'is not', null).execute();
  const liveOf = (k: string) => merged.find((m) => m.key === k)?.merged_into ?? k;
  const inRange = await db.k.selectFrom('item').select('project_id').distinct()
    .where('space_id', '=', spaceId).where('kind', 'in', ['okr', 'project']).where('project_id', 'is not', null)
    .where('week', '>=', from).where('week', '<=', to).execute();
  const ids = [...new Set(inRange.map((r) => r.project_id!))];
  if (ids.length === 0) return [];
  const family = [...new Set([...ids, ...ids.map(liveOf), ...merged.filter((m) => ids.includes(m.merged_into!)).map((m) => m.key)])];
  const rows = await db.k.selectFrom('item')
    .select(['week', 'kind', 'project', 'project_id', 'progress', 'due', 'status', 'block_id', 'from_id'])
    .where('space_id', '=', spaceId).where('kind', 'in', ['okr', 'project']).where(inValues(db, 'project_id', family)).where('week', '<=', to)
    .orderBy('week').orderBy('kind').orderBy('position').execute();
  type Week = { week: string; progress: number | null; due: string | null; name: string; live: boolean };
  const byProject = new Map<string, Week[]>();
  for (const r of rows) {
    const key = liveOf(r.project_id!);
    const weeks = byProject.get(key) ?? byProject.set(key, []).get(key)!;
    let w = weeks.at(-1);
    if (w?.week !== r.week) weeks.push((w = { week: r.week, progress: null, due: null, name: r.project ?? '', live: false }));
    if (r.kind === 'okr' && (r.status === 'done' || Number(r.progress) === 100)) w.live = true;
    // The week's figure: its first OKR item that states one (as the timeline picks it).
    const carried = r.week === last.week && !!r.from_id && last.untouched.has(r.block_id);
    if (w.progress === null && r.kind === 'okr' && r.progress !== null && !carried) { w.progress = Number(r.progress); w.name = r.project ?? w.name; }
    if (w.due === null && r.kind === 'okr' && r.due) w.due = r.due;
  }
  await markSaidLive(db, spaceId, byProject, family, liveOf);
  // The latest report in the range: a project it no longer has was dropped, not stalled (the space home flagged
  // projects last reported ten weeks back as "停滞 10 周" while the dashboard's stuck list was empty: walkthrough).
  let latest = from;
  for (const weeks of byProject.values()) if (weeks.at(-1)!.week > latest) latest = weeks.at(-1)!.week;
  // Stalled as the stuck items are (stuck.ts): the same progress in this many of the space's reports in a row, up to
  // the latest. Counted in calendar weeks, two reports two years apart said "停滞 141 周" beside an empty stuck list.
  const reports = (await db.k.selectFrom('report').select('week').where('space_id', '=', spaceId).where('week', '<=', latest)
    .orderBy('week', 'desc').limit(200).execute()).map((r) => r.week);
  const out = [];
  for (const [key, weeks] of byProject) {
    const seen = weeks.filter((w) => w.week >= from);
    if (seen.length === 0) continue;
    const stated = [...weeks].reverse().find((w) => w.progress !== null);
    const progress = stated?.progress ?? null;
    const slips: Slip[] = [];
    let planned: string | null = null;
    for (const w of weeks) {
      if (!w.due) continue;
      if (planned && w.due > planned && w.week >= from) slips.push({ week: w.week, from: planned, to: w.due });
      planned = w.due;
    }
    // Reports in a row, back from the latest, that state this progress (one without it, or without the project, ends the run).
    const progressIn = new Map(weeks.map((w) => [w.week, w.progress]));
    let unchangedReports = 0;
    while (progress !== null && unchangedReports < reports.length && progressIn.get(reports[unchangedReports]) === progress) unchangedReports++;
    const last = seen.at(-1)!;
    const stalled = progress !== null && progress < 100 && unchangedReports >= STUCK_REPORTS;
    // The go-live as last planned, with the week that said so (W12's date on a W23–W34 dashboard read as current);
    // none once the project's latest report says it went live.
    const dueAt = [...weeks].reverse().find((w) => w.due);
    out.push({
      key, project: last.name, progress, progressWeek: stated?.week ?? null, lastWeek: last.week, due: last.live ? null : planned,
      dueWeek: last.live ? null : dueAt?.week ?? null, live: last.live, slips,
      series: weeks.filter((w) => w.week >= since).map((w) => ({ week: w.week, progress: w.progress })), unchangedReports, stalled,
    });
  }
  return out.sort((a, b) => b.lastWeek.localeCompare(a.lastWeek) || a.project.localeCompare(b.project));
}

/**
 * Whether each project's last week says in words that it went live (`PC端已于3/27上线`): only that week counts
 * (the project's 已上线), so only its items' text is read, not years of it.
 */
async function markSaidLive(db: Db, spaceId: string, byProject: Map<string, { week: string; live: boolean }[]>, family: string[], liveOf: (k: string) => string) {
  const lastWeeks = new Map<string, { week: string; live: boolean }>();
  for (const [key, weeks] of byProject) if (!weeks.at(-1)!.live) lastWeeks.set(key, weeks.at(-1)!);
  if (lastWeeks.size === 0) return;
  const weeks = [...new Set([...lastWeeks.values()].map((w) => w.week))];
  const rows = await db.k.selectFrom('item').select(['week', 'project_id', 'text'])
    .where('space_id', '=', spaceId).where('kind', '=', 'okr').where(inValues(db, 'week', weeks)).where(inValues(db, 'project_id', family)).execute();
  for (const r of rows) {
    const w = lastWeeks.get(liveOf(r.project_id!));
    if (w && w.week === r.week && saysLive(r.text)) w.live = true;
  }
}

/** Every metric reported in [from, to]: its last value there, the one before, its target (and side), and the weeks that missed it. */
async function kpisInRange(db: Db, spaceId: string, from: string, to: string, since: string) {
  const rows = await db.k.selectFrom('item').select(['week', 'block_id', 'name', 'name_key', 'value', 'unit', 'target', 'target_op', 'position', 'json'])
    .where('space_id', '=', spaceId).where('kind', '=', 'kpi').where('week', '>=', since).where('week', '<=', to)
    .orderBy('week').orderBy('position').execute();
  type Point = { week: string; value: number | null; target: number | null; targetOp: TargetOp | null; display: string | null };
  const byName = new Map<string, { name: string; unit: string; blockId: string; points: Point[] }>();
  for (const r of rows) {
    const k = byName.get(r.name_key!) ?? byName.set(r.name_key!, { name: r.name!, unit: r.unit ?? '', blockId: r.block_id, points: [] }).get(r.name_key!)!;
    if (k.points.at(-1)?.week === r.week) continue; // the first row of that name in a report
    const display = (JSON.parse(r.json) as { display?: string | null }).display ?? null;
    k.points.push({ week: r.week, value: num(r.value), target: num(r.target), targetOp: targetOpOf(r.target_op), display });
    k.blockId = r.block_id;
    k.unit = r.unit ?? k.unit;
    k.name = r.name ?? k.name;
  }
  const out = [];
  for (const k of byName.values()) {
    const inRange = k.points.filter((p) => p.week >= from);
    if (inRange.length === 0) continue;
    const last = inRange.at(-1)!;
    const withValue = inRange.filter((p) => p.value !== null);
    const latest = withValue.at(-1) ?? last;
    const previous = withValue.length >= 2 ? withValue.at(-2)!.value : null;
    const withTarget = [...inRange].reverse().find((p) => p.target !== null);
    const target = withTarget?.target ?? null;
    const targetOp = withTarget?.targetOp ?? null;
    const breaches = inRange.filter((p) => missesTarget(p.value, p.target, p.targetOp)).map((p) => ({ week: p.week, value: p.value!, target: p.target!, targetOp: p.targetOp }));
    out.push({
      blockId: k.blockId, name: k.name, value: latest.value, display: latest.display, week: latest.week, unit: k.unit, target, targetOp, previous,
      belowTarget: missesTarget(latest.value, target, targetOp), breaches,
      series: k.points.map((p) => ({ week: p.week, value: p.value, target: p.target, targetOp: p.targetOp })),
    });
  }
  return out;
}

/** An item still open somewhere in the space, with the report it is in. */
export type OpenItem = { reportId: string; week: string; blockId: string } & Record<string, unknown>;

/**
 * For each block whose items can stay open (its `items.open`, such as risks): the items open across the space up to
 * `week`, newest week first. Only the newest copy of each counts: a copy carried into a later week names the one it
 * continues (from_id), which is then superseded, whether the later copy is open or not.
 */
export async function openItems(db: Db, spaceId: string, week: string): Promise<Record<string, OpenItem[]>> {
  const out: Record<string, OpenItem[]> = {};
  for (const b of itemBlocks) {
    const open = b.items.open;
    if (!open) continue;
    const rows = await db.k.selectFrom('item').select(['report_id', 'week', 'block_id', 'from_id', 'json'])
      .where('space_id', '=', spaceId).where('kind', '=', b.items.kind).where('week', '<=', week)
      .orderBy('week', 'desc').orderBy('position').execute();
    const continued = new Set(rows.map((r) => r.from_id).filter((id): id is string => !!id));
    // Copies no link connects (imported weeks): the newest week's copy stands for earlier ones alike (`sameText`).
    const newestWeekOf = new Map<string, string>();
    out[b.items.key] = rows
      .filter((r) => !continued.has(r.block_id))
      .map((r) => ({ ...JSON.parse(r.json), reportId: r.report_id, week: r.week, blockId: r.block_id }) as OpenItem)
      .filter((item) => {
        const key = open.sameText?.(String(item.text ?? ''));
        if (key) {
          const newest = newestWeekOf.get(key);
          if (newest && newest > item.week) return false;
          newestWeekOf.set(key, item.week);
        }
        return open.isOpen(item as never);
      });
  }
  return out;
}
