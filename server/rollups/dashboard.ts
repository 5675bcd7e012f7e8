import { addDays, differenceInCalendarWeeks, format, subMonths } from 'date-fns';
import { itemBlocks } from '../../shared/blocks/index.js';
import { addWeek, weekStart } from '../../shared/week.js';
import type { Db } from '../db/client.js';
import { getObjectives } from '../domain/spaces.js';
import { incidentSummary } from './incidents.js';

/** How many weeks of history the dashboard's sparklines and charts show. */
const HISTORY_WEEKS = 12;
/** A project whose progress has not moved for this many weeks is stalled. */
const STALLED_WEEKS = 3;
const DUE_SOON_DAYS = 14;

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * The space at a glance for one week (the newest report by default): its OKR items by objective, the projects
 * with their progress over recent weeks and a stalled flag, items due soon, KPIs with their recent series,
 * and the incident summary of the last six months. Dates are "as of" that week (its Friday, or today if earlier).
 */
export async function dashboard(db: Db, spaceId: string, opts: { week?: string; today?: Date } = {}) {
  let rq = db.k.selectFrom('report').select(['id', 'week']).where('space_id', '=', spaceId);
  if (opts.week) rq = rq.where('week', '<=', opts.week);
  const report = await rq.orderBy('week', 'desc').limit(1).executeTakeFirst();
  const objectives = await getObjectives(db, spaceId);
  if (!report) return { week: null, reportId: null, asOf: null, objectives: [], projects: [], dueSoon: [], kpis: [], incidents: null, open: {} };

  const friday = addDays(weekStart(report.week), 4);
  const today = opts.today ?? new Date();
  const asOf = today < friday ? today : friday;
  const asOfDay = format(asOf, 'yyyy-MM-dd');
  const since = addWeek(report.week, -(HISTORY_WEEKS - 1));

  const current = await db.k.selectFrom('item').selectAll().where('report_id', '=', report.id).orderBy('kind').orderBy('position').execute();
  const okrs = current.filter((r) => r.kind === 'okr').map((r) => ({
    blockId: r.block_id, objective: r.objective, project: r.project, text: r.text, progress: num(r.progress), due: r.due, status: r.status, owner: r.owner,
  }));

  // OKR items by objective section, in the space's objective order; items outside any section last.
  const sections = objectives.map((o) => ({ code: o.code as string | null, title: o.title, items: okrs.filter((i) => i.objective === o.code) }));
  const known = new Set(objectives.map((o) => o.code));
  const others = okrs.filter((i) => !i.objective || !known.has(i.objective));
  if (others.length > 0) sections.push({ code: null, title: '其他', items: others });

  // Projects of this week, with their progress over the recent weeks.
  const keys = [...new Set(current.filter((r) => r.kind === 'okr' && r.project_key).map((r) => r.project_key!))];
  const history = keys.length === 0 ? [] : await db.k.selectFrom('item')
    .select(['week', 'project', 'project_key', 'progress', 'position'])
    .where('space_id', '=', spaceId).where('kind', '=', 'okr').where('project_key', 'in', keys)
    .where('week', '>=', since).where('week', '<=', report.week)
    .orderBy('week').orderBy('position').execute();
  const projects = keys.map((key) => {
    const series: { week: string; progress: number | null }[] = [];
    for (const r of history) if (r.project_key === key && series.at(-1)?.week !== r.week) series.push({ week: r.week, progress: num(r.progress) });
    const name = current.find((r) => r.kind === 'okr' && r.project_key === key)!.project!;
    const latest = series.at(-1)?.progress ?? null;
    // The week of the last change: walk back while progress stays the same.
    let i = series.length - 1;
    while (i > 0 && series[i - 1].progress === latest) i--;
    const unchangedWeeks = differenceInCalendarWeeks(weekStart(report.week), weekStart(series[i].week), { weekStartsOn: 1 });
    const stalled = latest !== null && latest < 100 && unchangedWeeks >= STALLED_WEEKS;
    return { project: name, key, progress: latest, series, unchangedWeeks, stalled };
  });

  const horizon = format(addDays(asOf, DUE_SOON_DAYS), 'yyyy-MM-dd');
  const dueSoon = okrs
    .filter((i) => i.due && i.due <= horizon && i.status !== 'done' && (i.progress ?? 0) < 100)
    .map((i) => ({ ...i, overdue: i.due! < asOfDay }))
    .sort((a, b) => a.due!.localeCompare(b.due!));

  const kpiRows = current.filter((r) => r.kind === 'kpi');
  const kpiHistory = kpiRows.length === 0 ? [] : await db.k.selectFrom('item')
    .select(['week', 'name_key', 'value', 'target', 'position'])
    .where('space_id', '=', spaceId).where('kind', '=', 'kpi').where('name_key', 'in', kpiRows.map((r) => r.name_key!))
    .where('week', '>=', since).where('week', '<=', report.week)
    .orderBy('week').orderBy('position').execute();
  const kpis = kpiRows.map((r) => {
    const series: { week: string; value: number | null; target: number | null }[] = [];
    for (const h of kpiHistory) if (h.name_key === r.name_key && series.at(-1)?.week !== h.week) series.push({ week: h.week, value: num(h.value), target: num(h.target) });
    const value = num(r.value);
    const target = num(r.target);
    const prev = series.length >= 2 ? series.at(-2)!.value : null;
    return { blockId: r.block_id, name: r.name!, value, unit: r.unit ?? '', target, previous: prev,
      belowTarget: value !== null && target !== null && value < target, series };
  });

  const incidents = await incidentSummary(db, spaceId, { from: format(subMonths(asOf, 6), 'yyyy-MM-dd'), to: asOfDay });
  const open = await openItems(db, spaceId, report.week);
  return { week: report.week, reportId: report.id, asOf: asOfDay, objectives: sections, projects, dueSoon, kpis, incidents, open };
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
    out[b.items.key] = rows
      .filter((r) => !continued.has(r.block_id))
      .map((r) => ({ ...JSON.parse(r.json), reportId: r.report_id, week: r.week, blockId: r.block_id }) as OpenItem)
      .filter((item) => open.isOpen(item));
  }
  return out;
}
