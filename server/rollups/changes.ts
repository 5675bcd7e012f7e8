import { differenceInCalendarDays, parseISO } from 'date-fns';
import { itemBlocks } from '../../shared/blocks/index.js';
import type { Db } from '../db/client.js';
import type { ItemRow } from '../db/schema.js';
import type { ReportRow } from '../domain/reports.js';
import { stuckItems } from './stuck.js';
import { targetOpOf } from '../../shared/kpiTarget.js';

/** The kinds compared item by item (KPIs are compared by name, incidents counted). */
const TRACKED = ['okr', 'project', 'risk'] as const;

type Row = Pick<ItemRow, 'kind' | 'block_id' | 'project' | 'project_id' | 'project_key' | 'progress' | 'due' | 'status' | 'from_id' | 'text' | 'name' | 'name_key' | 'value' | 'unit' | 'target' | 'target_op' | 'start_at'>;
const columns = ['kind', 'block_id', 'project', 'project_id', 'project_key', 'progress', 'due', 'status', 'from_id', 'text', 'name', 'name_key', 'value', 'unit', 'target', 'target_op', 'start_at'] as const;

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const readRows = (db: Db, reportId: string) =>
  db.k.selectFrom('item').select([...columns]).where('report_id', '=', reportId).orderBy('kind').orderBy('position').execute() as Promise<Row[]>;

export type Change = 'new' | 'changed' | 'unchanged' | 'dropped';
export interface ItemChange {
  blockId: string; kind: string; project: string | null; text: string; change: Change;
  progress: { from: number | null; to: number | null };
  due: { from: string | null; to: string | null; days: number | null };
  status: { from: string | null; to: string | null };
  stuckFor: number | null; stuckSince: string | null;
}

/**
 * Which item of last week's report an item of this week's is: the one it was carried from (fromId), else the one of
 * the same kind naming the same project (by the project it resolves to, else its written name), else — for risks
 * and items without a project — the one with the same text. Each of last week's items matches at most once.
 */
/** Per item kind, its block's own "same item" key from the text, where it has one (risks). */
const sameTextOf = new Map(itemBlocks.flatMap((b) => (b.items.open?.sameText ? [[b.items.kind as string, b.items.open.sameText] as const] : [])));

function matcher(previous: Row[]) {
  const taken = new Set<string>();
  const pick = (r: Row | undefined) => (r && !taken.has(r.block_id) ? (taken.add(r.block_id), r) : undefined);
  // Last week's items by what they are matched on, in their order: each match is a lookup (a scan of last week's
  // items per item took a report of thousands of items 13 s). A bucket's cursor skips what is taken, which only grows.
  const order = new Map(previous.map((p, i) => [p, i]));
  type Bucket = { rows: Row[]; at: number };
  const index = (key: (p: Row) => string | null) => {
    const m = new Map<string, Bucket>();
    for (const p of previous) {
      const k = key(p);
      if (k !== null) (m.get(k) ?? m.set(k, { rows: [], at: 0 }).get(k)!).rows.push(p);
    }
    return m;
  };
  const first = (b: Bucket | undefined) => {
    if (!b) return undefined;
    while (b.at < b.rows.length && taken.has(b.rows[b.at].block_id)) b.at++;
    return b.rows[b.at];
  };
  const earliest = (...rows: (Row | undefined)[]) => rows.filter((r): r is Row => !!r).sort((a, b) => order.get(a)! - order.get(b)!)[0];
  const byBlock = new Map<string, Row>();
  for (const p of previous) if (!byBlock.has(p.block_id)) byBlock.set(p.block_id, p);
  const hasFigure = (r: Row) => r.progress !== null;
  const byProject = index((p) => (p.project_id ? `${p.kind}\0${p.project_id}\0${hasFigure(p)}` : null));
  const byName = index((p) => (p.project_key ? `${p.kind}\0${p.project_key}` : null));
  const byText = index((p) => `${p.kind}\0${p.text.trim()}`);
  // The same item written again in a later week (`…截止2/14` then `…截止2/14【已解决】`), as its block tells (`sameText`).
  const sameText = (r: Row) => { const f = sameTextOf.get(r.kind); return f ? `${r.kind}\0${f(r.text)}` : null; };
  const bySameText = index(sameText);
  return {
    match(r: Row): Row | undefined {
      if (r.from_id) {
        const carried = pick(byBlock.get(r.from_id));
        if (carried) return carried;
      }
      // Of last week's items naming the project, one with a figure when this one has one.
      if (r.project_id) {
        const same = first(byProject.get(`${r.kind}\0${r.project_id}\0${hasFigure(r)}`));
        const p = pick(same ?? earliest(same, first(byProject.get(`${r.kind}\0${r.project_id}\0${!hasFigure(r)}`))));
        if (p) return p;
      }
      if (r.project_key) { const p = pick(first(byName.get(`${r.kind}\0${r.project_key}`))); if (p) return p; }
      const p = pick(first(byText.get(`${r.kind}\0${r.text.trim()}`)));
      if (p) return p;
      const key = sameText(r);
      return key === null ? undefined : pick(first(bySameText.get(key)));
    },
    unmatched: () => previous.filter((p) => !taken.has(p.block_id)),
  };
}

const days = (from: string | null, to: string | null) => (from && to ? differenceInCalendarDays(parseISO(to), parseISO(from)) : null);

/**
 * GET /api/reports/:id/changes (issue 15): this report against the space's previous report (the nearest earlier
 * week, however far back): per OKR item, key project and risk — new, changed (progress, go-live, status or text),
 * unchanged, or dropped (in last week's, missing now); KPIs this week against last week's and the target; how many
 * incidents are new; stuck items flagged (rollups/stuck.ts); and the sums the report's card shows.
 */
export async function reportChanges(db: Db, report: ReportRow) {
  const prev = await db.k.selectFrom('report').select(['id', 'week']).where('space_id', '=', report.spaceId).where('week', '<', report.week)
    .orderBy('week', 'desc').limit(1).executeTakeFirst();
  const now = await readRows(db, report.id);
  const before = prev ? await readRows(db, prev.id) : [];
  const stuck = new Map((await stuckItems(db, report.spaceId, report.id, report.week)).map((s) => [s.blockId, s]));

  const m = matcher(before.filter((r) => (TRACKED as readonly string[]).includes(r.kind)));
  const tracked = now.filter((r) => (TRACKED as readonly string[]).includes(r.kind));
  // Items stating a progress are matched first: of two items naming one project (`实时数仓项目：上线完成` and
  // `实时数仓项目进度98%`), the one with the figure continues last week's figure.
  const matched = new Map<string, Row | undefined>();
  for (const r of [...tracked].sort((a, b) => Number(a.progress === null) - Number(b.progress === null))) matched.set(r.block_id, prev ? m.match(r) : undefined);
  const items: ItemChange[] = [];
  for (const r of tracked) {
    const p = matched.get(r.block_id);
    const progress = { from: p ? num(p.progress) : null, to: num(r.progress) };
    const due = { from: p?.due ?? null, to: r.due, days: p ? days(p.due, r.due) : null };
    const status = { from: p?.status ?? null, to: r.status };
    const differs = p && (progress.from !== progress.to || due.from !== due.to || status.from !== status.to || p.text.trim() !== r.text.trim());
    const s = stuck.get(r.block_id);
    items.push({
      blockId: r.block_id, kind: r.kind, project: r.project, text: r.text.split('\n')[0].slice(0, 120),
      change: !prev ? 'unchanged' : !p ? 'new' : differs ? 'changed' : 'unchanged',
      progress, due, status, stuckFor: s?.stuckFor ?? null, stuckSince: s?.since ?? null,
    });
  }
  for (const p of m.unmatched()) {
    items.push({
      blockId: p.block_id, kind: p.kind, project: p.project, text: p.text.split('\n')[0].slice(0, 120), change: 'dropped',
      progress: { from: num(p.progress), to: null }, due: { from: p.due, to: null, days: null }, status: { from: p.status, to: null }, stuckFor: null, stuckSince: null,
    });
  }

  const lastKpi = new Map<string, Row>();
  for (const k of before) if (k.kind === 'kpi' && k.name_key && !lastKpi.has(k.name_key)) lastKpi.set(k.name_key, k);
  const seenKpi = new Set<string>();
  const kpis = now.filter((k) => k.kind === 'kpi' && k.name_key && !seenKpi.has(k.name_key) && seenKpi.add(k.name_key)).map((k) => {
    const p = lastKpi.get(k.name_key!);
    const withTarget = k.target !== null ? k : p && p.target !== null ? p : null;
    return { name: k.name, from: p ? num(p.value) : null, to: num(k.value), target: num(withTarget?.target ?? null), targetOp: targetOpOf(withTarget?.target_op), unit: k.unit ?? '' };
  });
  const oldIncidents = new Set(before.filter((r) => r.kind === 'incident').map((r) => `${r.start_at ?? ''}\0${r.text.trim()}`));
  const newIncidents = now.filter((r) => r.kind === 'incident' && !oldIncidents.has(`${r.start_at ?? ''}\0${r.text.trim()}`)).length;

  const counts = {
    // Progress given where there was none is progress too (— → 70%); progress taken away is a change, not a move.
    moved: items.filter((i) => i.change === 'changed' && i.progress.to !== null && i.progress.from !== i.progress.to).length,
    slipped: items.filter((i) => (i.due.days ?? 0) > 0).length,
    new: items.filter((i) => i.change === 'new').length,
    dropped: items.filter((i) => i.change === 'dropped').length,
    changed: items.filter((i) => i.change === 'changed').length,
    stuck: stuck.size,
  };
  return { against: prev ? { reportId: prev.id, week: prev.week } : null, items, kpis, incidents: { new: newIncidents }, counts };
}
