import { Bar, BarChart, CartesianGrid, Dot, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { format, parse } from 'date-fns';
import i18n, { dateLocale } from '../../i18n/index.js';
import type { MonthSummary } from './api.js';
import { missesTarget, targetText, type TargetOp } from '../../../shared/kpiTarget.js';
import { addWeek, isWeek } from '../../../shared/week.js';

const ACCENT = '#4f46e5';
const DANGER = '#d92d20';
/** Axis ticks in the interface's language: 2024-W12 → 第12周 / W12; 2024-03 → 2024年3月 / Mar 2024. */
const shortWeek = (w: string) => (/^\d{4}-W(\d{2})$/.test(w) ? i18n.t('charts.weekTick', { n: Number(w.slice(-2)) }) : w);
const weekWithYear = (w: string) => (/^\d{4}-W(\d{2})$/.test(w) ? i18n.t('charts.weekTickYear', { yy: w.slice(2, 4), n: Number(w.slice(-2)) }) : w);
/** Week ticks: the week alone, or with its year when the weeks span years (2024-W12 → 2026-W49 read 第12周 … 第49周). */
export const weekTicks = (weeks: readonly string[]) => (new Set(weeks.map((w) => w.slice(0, 4))).size > 1 ? weekWithYear : shortWeek);
const monthTick = (m: string) => (/^\d{4}-\d{2}$/.test(m) ? format(parse(m, 'yyyy-MM', new Date()), i18n.t('format.month'), { locale: dateLocale() }) : m);

/** Most empty weeks a chart fills in; past that (years of sparse reports) the points stay as they are. */
const MAX_FILLED_WEEKS = 520;

/**
 * The weeks between points that have none, as empty points (`empty(week)`): a category axis spaces its points
 * evenly, so without them a report of 2024-W10 and one of 2024-W30 sat side by side like neighbouring weeks.
 */
export function withWeekGaps<T extends { week: string }>(points: readonly T[], empty: (week: string) => T): T[] {
  const gaps: { at: number; weeks: string[] }[] = [];
  let filled = 0;
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1].week, points[i].week];
    if (!isWeek(a) || !isWeek(b) || b <= a) continue;
    const weeks: string[] = [];
    for (let w = addWeek(a, 1); w < b; w = addWeek(w, 1)) {
      if (++filled > MAX_FILLED_WEEKS) return [...points];
      weeks.push(w);
    }
    if (weeks.length) gaps.push({ at: i, weeks });
  }
  if (!gaps.length) return [...points];
  const out: T[] = [];
  let g = 0;
  for (const [i, p] of points.entries()) {
    if (gaps[g]?.at === i) out.push(...gaps[g++].weeks.map(empty));
    out.push(p);
  }
  return out;
}

/** A tiny progress line for a table row. */
export function Sparkline({ points: given }: { points: { week: string; progress: number | null }[] }) {
  const points = withWeekGaps(given, (week) => ({ week, progress: null }));
  return (
    <ResponsiveContainer width={120} height={28}>
      <LineChart data={points} margin={{ top: 3, right: 3, bottom: 3, left: 3 }}>
        <YAxis hide domain={[0, 100]} />
        <Line type="monotone" dataKey="progress" stroke={ACCENT} strokeWidth={1.8} dot={false} isAnimationActive={false} connectNulls />
      </LineChart>
    </ResponsiveContainer>
  );
}

/** Progress over weeks, with the weeks whose go-live date slipped marked red. */
export function ProgressChart({ points: given, height = 240 }: { points: { week: string; progress: number | null; due: string | null; slipped?: boolean }[]; height?: number }) {
  const points = withWeekGaps(given, (week) => ({ week, progress: null, due: null }));
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={points} margin={{ top: 12, right: 16, bottom: 4, left: -12 }}>
        <CartesianGrid stroke="#eee" vertical={false} />
        <XAxis dataKey="week" tickFormatter={weekTicks(points.map((p) => p.week))} fontSize={11} />
        <YAxis domain={[0, 100]} unit="%" fontSize={11} />
        <Tooltip formatter={(v) => [`${v}%`, i18n.t('charts.progress')]} labelFormatter={(w, p) => `${w}${p?.[0]?.payload?.due ? ` · ${i18n.t('charts.goLive', { date: p[0].payload.due })}` : ''}${p?.[0]?.payload?.slipped ? i18n.t('charts.slipped') : ''}`} />
        <Line type="monotone" dataKey="progress" stroke={ACCENT} strokeWidth={2} connectNulls isAnimationActive={false}
          dot={(props: any) => <Dot key={props.index} cx={props.cx} cy={props.cy} r={props.payload.slipped ? 6 : 3} fill={props.payload.slipped ? DANGER : ACCENT} stroke="#fff" />} />
      </LineChart>
    </ResponsiveContainer>
  );
}

/**
 * A KPI axis's scale: round steps (1, 2, 2.5 or 5 × 10ⁿ) a little beyond its values; a percentage that never passes 100
 * stops at 100, values never below 0 do not start below 0. Before, the domain was the values ± 15 % with ticks wherever
 * they fell: one week at 99.996 % read 99.896 · 99.946 · 99.996 · 100.096 (uneven: one dropped for room; past 100 %).
 */
function kpiScale(values: number[], unit: string): { domain: [number, number]; ticks: number[]; decimals: number } | null {
  if (!values.length) return null;
  const lo = Math.min(...values), hi = Math.max(...values);
  const span = hi - lo || Math.abs(hi) * 0.001 || 1;
  const raw = span / 3;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((x) => x >= raw - 1e-12)!;
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9) + (step / mag === 2.5 ? 1 : 0));
  const round = (v: number) => Number(v.toFixed(decimals + 2));
  const min = Math.max(round(Math.floor((lo - span * 0.15) / step) * step), lo >= 0 ? 0 : -Infinity);
  let max = round(Math.ceil((hi + span * 0.15) / step) * step);
  if (unit.trim() === '%' && hi <= 100) max = Math.min(max, 100);
  const ticks: number[] = [];
  for (let v = min; v <= max + step / 1000; v = round(v + step)) ticks.push(v);
  return { domain: [min, max], ticks, decimals };
}

/** A KPI across weeks with its target line; points that miss it (under it, or over a `≤` target) are red. */
export function KpiChart({ points: given, target, targetOp = null, unit, height = 160 }: { points: { week: string; value: number | null }[]; target: number | null; targetOp?: TargetOp | null; unit: string; height?: number }) {
  const points = withWeekGaps(given, (week) => ({ week, value: null }));
  const values = points.map((p) => p.value).filter((v): v is number => v !== null).concat(target !== null ? [target] : []);
  const scale = kpiScale(values, unit);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#f0f0f0" vertical={false} />
        <XAxis dataKey="week" tickFormatter={weekTicks(points.map((p) => p.week))} fontSize={10} />
        <YAxis domain={scale ? scale.domain : ['auto', 'auto']} ticks={scale?.ticks} interval={0} fontSize={10} width={56}
          tickFormatter={(v) => (scale ? Number(v).toFixed(scale.decimals) : `${+Number(v).toFixed(3)}`)} />
        <Tooltip formatter={(v) => [`${v}${unit}`, i18n.t('charts.value')]} />
        {target !== null && <ReferenceLine y={target} stroke="#b45309" strokeDasharray="4 3" label={{ value: i18n.t('charts.target', { value: targetText(target, unit, targetOp) }), fontSize: 10, fill: '#b45309', position: 'insideTopRight' }} />}
        <Line type="monotone" dataKey="value" stroke="#1a7f4b" strokeWidth={2} connectNulls isAnimationActive={false}
          dot={(props: any) => {
            const below = missesTarget(props.payload.value, target, targetOp);
            return <Dot key={props.index} cx={props.cx} cy={props.cy} r={below ? 5 : 2.5} fill={below ? DANGER : '#1a7f4b'} stroke="#fff" />;
          }} />
      </LineChart>
    </ResponsiveContainer>
  );
}

const SEVERITY_COLORS = { A: '#b91c1c', B: '#ea580c', C: '#ca8a04', D: '#65a30d', unknown: '#a3a29e' } as const;

/** Incidents per month, stacked by severity. */
export function IncidentChart({ months }: { months: MonthSummary[] }) {
  const data = months.map((m) => ({ month: m.month, ...m.bySeverity }));
  return (
    <ResponsiveContainer width="100%" height={180}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -20 }}>
        <CartesianGrid stroke="#f0f0f0" vertical={false} />
        <XAxis dataKey="month" tickFormatter={monthTick} fontSize={10} />
        <YAxis allowDecimals={false} fontSize={10} />
        <Tooltip labelFormatter={(m) => monthTick(String(m))} />
        {(Object.keys(SEVERITY_COLORS) as (keyof typeof SEVERITY_COLORS)[]).map((k) => (
          <Bar key={k} dataKey={k} name={k === 'unknown' ? i18n.t('charts.noSeverity') : i18n.t('charts.severity', { level: k })} stackId="s" fill={SEVERITY_COLORS[k]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
