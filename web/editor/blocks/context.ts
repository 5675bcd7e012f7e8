import { createContext, useContext } from 'react';
import type { KpiItem } from '../../../shared/blocks/types.js';
import { defaultObjectives, type Objective } from '../../../shared/objectives.js';

/** A member of the space, as GET /api/spaces/:spaceId/members returns it. */
export interface SpaceMember { userId: string; name: string; email?: string; role?: string }

/** Last week's KPI values by metric name; `none` when there is no previous report or it could not be read. */
export interface PreviousKpis { byName: ReadonlyMap<string, KpiItem>; status: 'loading' | 'ready' | 'none' }

/**
 * What the blocks need to know about the report they sit in. The report page loads it (through the app's one data
 * layer, web/lib/data.ts) and provides it around the editor; block views read it and never fetch on their own.
 */
export interface ReportContextValue {
  spaceId: string | null;
  reportId: string | null;
  /** ISO week, `YYYY-Www`. */
  week: string | null;
  /** The report's year (dates written without one, like `计划3/28上线`, take it). */
  year: number;
  /** Space members, for owner pickers. */
  members: readonly SpaceMember[];
  /** The space's objectives (the defaults until they arrive). */
  objectives: readonly Objective[];
  /** The previous report's KPI values (the newest week before this one). */
  previousKpis: PreviousKpis;
  canEdit: boolean;
}

export const defaultReportContext: ReportContextValue = {
  spaceId: null,
  reportId: null,
  week: null,
  year: new Date().getFullYear(),
  members: [],
  objectives: defaultObjectives,
  previousKpis: { byName: new Map(), status: 'none' },
  canEdit: true,
};

export const ReportContext = createContext<ReportContextValue>(defaultReportContext);

/** Build a full context value from what the page knows; the year follows the week when not given. */
export function reportContextValue(v: Partial<ReportContextValue>): ReportContextValue {
  const year = v.year ?? (v.week ? Number(v.week.slice(0, 4)) : undefined);
  return { ...defaultReportContext, ...v, year: year && Number.isFinite(year) ? year : defaultReportContext.year };
}

export const useReportContext = () => useContext(ReportContext);
