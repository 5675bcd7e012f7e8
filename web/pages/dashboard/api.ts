import { okrStatusLabel } from '../../../shared/blocks/types.js';
import { api, unwrap } from '../../api.js';
import { useQuery } from '../../lib/query.js';

export interface OkrCard { blockId: string; objective: string | null; project: string | null; text: string; progress: number | null; due: string | null; status: string | null; owner: string | null }
export interface ProjectRow { project: string; key: string; progress: number | null; series: { week: string; progress: number | null }[]; unchangedWeeks: number; stalled: boolean }
export interface KpiCard { blockId: string; name: string; value: number | null; unit: string; target: number | null; previous: number | null; belowTarget: boolean; series: { week: string; value: number | null; target: number | null }[] }
export interface IncidentRow { reportId: string; week: string; blockId: string; start: string | null; end: string | null; durationMinutes: number | null; severity: string | null; summary: string; status: string | null }
export interface MonthSummary { month: string; total: number; minutes: number; bySeverity: Record<'A' | 'B' | 'C' | 'D' | 'unknown', number> }
export interface Dashboard {
  week: string | null; reportId: string | null; asOf: string | null;
  objectives: { code: string | null; title: string; items: OkrCard[] }[];
  projects: ProjectRow[];
  dueSoon: (OkrCard & { overdue: boolean })[];
  kpis: KpiCard[];
  incidents: { months: MonthSummary[]; pending: IncidentRow[]; total: number } | null;
  /** Items still open across the space, by item list (`risks`…): each block's `items.open` says which. */
  open: Record<string, ({ reportId: string; week: string; blockId: string } & Record<string, unknown>)[]>;
}
export interface TimelinePoint { week: string; reportId: string; objective: string | null; progress: number | null; due: string | null; text: string; kind: string; blockId: string; project: string; slipped?: true }
export interface KpiPoint { week: string; reportId: string; value: number | null; unit: string; target: number | null; belowTarget: boolean; delta: number | null }

const s = api.api.spaces[':spaceId'];
export const useDashboard = (spaceId: string, week?: string) =>
  useQuery<Dashboard>(`dashboard:${spaceId}:${week ?? ''}`, () => unwrap(s.dashboard.$get({ param: { spaceId }, query: week ? { week } : {} })) as Promise<Dashboard>);
export const useTimeline = (spaceId: string, project: string) =>
  useQuery<{ project: string; points: TimelinePoint[] }>(`timeline:${spaceId}:${project}`, () =>
    unwrap(s.projects[':project'].timeline.$get({ param: { spaceId, project } })) as Promise<{ project: string; points: TimelinePoint[] }>);
export const useKpiSeries = (spaceId: string, name: string) =>
  useQuery<{ name: string; target: number | null; belowTarget: string[]; points: KpiPoint[] }>(`kpi:${spaceId}:${name}`, () =>
    unwrap(s.kpis[':name'].series.$get({ param: { spaceId, name } })) as Promise<{ name: string; target: number | null; belowTarget: string[]; points: KpiPoint[] }>);

export const blockUrl = (reportId: string, blockId: string | null) => `/r/${reportId}${blockId ? `?block=${encodeURIComponent(blockId)}` : ''}`;
export const statusLabel: Record<string, string> = okrStatusLabel;
