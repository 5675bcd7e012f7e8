import { useEffect, useState } from 'react';
import type { KpiItem } from '../../../shared/blocks/types.js';
import { defaultObjectives, type Objective } from '../../../shared/objectives.js';
import { useReportContext, type SpaceMember } from './context.js';

/** GET a JSON resource once per page: several blocks asking for the same URL share one request. */
const cache = new Map<string, Promise<unknown>>();
function getJson<T>(url: string): Promise<T> {
  let p = cache.get(url);
  if (!p) {
    p = fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } }).then((r) => {
      if (!r.ok) throw new Error(`${url}: ${r.status}`);
      return r.json();
    });
    p.catch(() => cache.delete(url)); // a failure is retried by the next block that mounts
    cache.set(url, p);
  }
  return p as Promise<T>;
}

function useJson<T>(url: string | null, fallback: T): { data: T; failed: boolean } {
  const [state, setState] = useState<{ url: string | null; data: T; failed: boolean }>({ url: null, data: fallback, failed: false });
  useEffect(() => {
    if (!url) return;
    let live = true;
    getJson<T>(url).then(
      (data) => live && setState({ url, data, failed: false }),
      () => live && setState({ url, data: fallback, failed: true }),
    );
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [url]);
  return state.url === url ? state : { data: fallback, failed: false };
}

/** The report page's path is `/r/:reportId`: the fallback when no ReportContext was provided. */
const reportIdFromUrl = () => (typeof location === 'undefined' ? null : /^\/r\/([^/?#]+)/.exec(location.pathname)?.[1] ?? null);

/**
 * Space, week and year of the report being edited: from ReportContext, or — when the page did not provide it —
 * read from GET /api/reports/:id for the report in the URL.
 */
export function useReportInfo(): { spaceId: string | null; reportId: string | null; week: string | null; year: number } {
  const ctx = useReportContext();
  const reportId = ctx.reportId ?? reportIdFromUrl();
  const needs = !ctx.spaceId || !ctx.week;
  const fetched = useJson<{ spaceId: string; week: string } | null>(needs && reportId ? `/api/reports/${reportId}` : null, null).data;
  const spaceId = ctx.spaceId ?? fetched?.spaceId ?? null;
  const week = ctx.week ?? fetched?.week ?? null;
  const year = !ctx.week && week ? Number(week.slice(0, 4)) : ctx.year;
  return { spaceId, reportId, week, year };
}

/** Members of the report's space: from the page when it gave them, else fetched. */
export function useMembers(): SpaceMember[] {
  const { members } = useReportContext();
  const { spaceId } = useReportInfo();
  const fetched = useJson<SpaceMember[]>(members.length === 0 && spaceId ? `/api/spaces/${spaceId}/members` : null, []);
  return members.length > 0 ? members : fetched.data;
}

export type { Objective };

/** The space's objectives (owners edit them); the defaults until they arrive or when the space is unknown. */
export function useObjectives(): readonly Objective[] {
  const { spaceId } = useReportInfo();
  return useJson<readonly Objective[]>(spaceId ? `/api/spaces/${spaceId}/objectives` : null, defaultObjectives).data;
}

interface ReportRow { id: string; week: string }
interface Items { kpis?: KpiItem[] }

/**
 * Last week's KPI values by metric name, from the previous report of the space (the newest week before this one).
 * `status` is 'none' when there is no previous report or its items could not be read: the table shows '—'.
 */
export function usePreviousKpis(): { byName: Map<string, KpiItem>; status: 'loading' | 'ready' | 'none' } {
  const { spaceId, week } = useReportInfo();
  const reports = useJson<ReportRow[] | null>(spaceId && week ? `/api/spaces/${spaceId}/reports` : null, null);
  const prev = reports.data?.filter((r) => r.week < week!).sort((a, b) => (a.week < b.week ? 1 : -1))[0] ?? null;
  const items = useJson<Items | null>(prev ? `/api/reports/${prev.id}/items` : null, null);
  if (!spaceId || !week || reports.failed || items.failed || (reports.data && !prev)) return { byName: new Map(), status: 'none' };
  if (!items.data) return { byName: new Map(), status: 'loading' };
  return { byName: new Map((items.data.kpis ?? []).map((k) => [k.name, k])), status: 'ready' };
}
