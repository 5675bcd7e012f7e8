import type { Db } from '../db/client.js';
import { kpiKey } from '../search/keys.js';
import { missesTarget, targetOpOf, type TargetOp } from '../../shared/kpiTarget.js';

export interface KpiPoint {
  week: string; reportId: string; value: number | null; unit: string; target: number | null;
  /** `≤` when the target is a ceiling (shared/kpiTarget.ts), else null. */
  targetOp: TargetOp | null;
  /** The value as typed (`99.990%`), when that differs from how the number writes itself. */
  display: string | null;
  /** The value misses its target (under it; over it for a `≤` target). */
  belowTarget: boolean; delta: number | null;
}

/** One metric across weeks, oldest first (the first row of that name in each report), with its latest target and its side. */
export async function kpiSeries(db: Db, spaceId: string, name: string) {
  const rows = await db.k.selectFrom('item')
    .select(['week', 'report_id', 'value', 'unit', 'target', 'target_op', 'position', 'json'])
    .where('space_id', '=', spaceId).where('kind', '=', 'kpi').where('name_key', '=', kpiKey(name))
    .orderBy('week').orderBy('position').execute();
  const points: KpiPoint[] = [];
  for (const r of rows) {
    if (points.at(-1)?.week === r.week) continue;
    const value = r.value === null ? null : Number(r.value);
    const target = r.target === null ? null : Number(r.target);
    const targetOp = targetOpOf(r.target_op);
    const prev = points.at(-1)?.value ?? null;
    points.push({
      week: r.week, reportId: r.report_id, value, unit: r.unit ?? '', target, targetOp, display: (JSON.parse(r.json) as { display?: string | null }).display ?? null,
      belowTarget: missesTarget(value, target, targetOp),
      delta: value !== null && prev !== null ? round(value - prev) : null,
    });
  }
  const withTarget = [...points].reverse().find((p) => p.target !== null);
  return { name, target: withTarget?.target ?? null, targetOp: withTarget?.targetOp ?? null, belowTarget: points.filter((p) => p.belowTarget).map((p) => p.week), points };
}

/** Differences of decimals without float noise (99.997 - 99.99 → 0.007). */
const round = (n: number) => Math.round(n * 1e6) / 1e6;
