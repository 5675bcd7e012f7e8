import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api.js';

/** The rollup routes through the typed client and the query layer (issue 13): answers typed by the routes, never cast. */
const s = api.api.spaces[':spaceId'];
const fetchDashboard = (spaceId: string, week?: string) => unwrap(s.dashboard.$get({ param: { spaceId }, query: week ? { week } : {} }));
const fetchTimeline = (spaceId: string, project: string) => unwrap(s.projects[':project'].timeline.$get({ param: { spaceId, project } }));
const fetchKpiSeries = (spaceId: string, name: string) => unwrap(s.kpis[':name'].series.$get({ param: { spaceId, name } }));

export type Dashboard = Awaited<ReturnType<typeof fetchDashboard>>;
/** The dashboard of a space that has a report (the answer without one has every list empty). */
export type FullDashboard = Extract<Dashboard, { week: string }>;
export type OkrCard = FullDashboard['objectives'][number]['items'][number];
export type MonthSummary = NonNullable<FullDashboard['incidents']>['months'][number];

export const useDashboard = (spaceId: string, week?: string) =>
  useQuery({ queryKey: ['dashboard', spaceId, week ?? null], queryFn: () => fetchDashboard(spaceId, week), enabled: !!spaceId });
export const useTimeline = (spaceId: string, project: string) =>
  useQuery({ queryKey: ['timeline', spaceId, project], queryFn: () => fetchTimeline(spaceId, project), enabled: !!spaceId && !!project });
export const useKpiSeries = (spaceId: string, name: string) =>
  useQuery({ queryKey: ['kpi', spaceId, name], queryFn: () => fetchKpiSeries(spaceId, name), enabled: !!spaceId && !!name });

export { blockUrl } from '../../lib/blockUrl.js';
