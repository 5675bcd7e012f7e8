import { useMemo } from 'react';
import type { Objective } from '../../../shared/objectives.js';
import { isWeek, weekStart } from '../../../shared/week.js';
import { useReportContext, type PreviousKpis, type SpaceMember } from './context.js';

/**
 * What block views read about their report, all from ReportContext (the report page provides it): views never
 * fetch on their own.
 */

/** Space, week and year of the report being edited. */
export function useReportInfo(): { spaceId: string | null; reportId: string | null; week: string | null; year: number } {
  const { spaceId, reportId, week, year } = useReportContext();
  return { spaceId, reportId, week, year };
}

/** Members of the report's space. */
export const useMembers = (): readonly SpaceMember[] => useReportContext().members;

export type { Objective };
/** The space's objectives (owners edit them); the defaults until they arrive. */
export const useObjectives = (): readonly Objective[] => useReportContext().objectives;

/** Last week's KPI values by metric name, from the previous report of the space. */
export const usePreviousKpis = (): PreviousKpis => useReportContext().previousKpis;

/** What a date typed without a year is read against: the report's year and the month of its week (its Thursday). */
export function useDateContext(): { year: number; month?: number } {
  const { week, year } = useReportContext();
  return useMemo(() => {
    if (!week || !isWeek(week)) return { year };
    const thursday = new Date(weekStart(week).getTime() + 3 * 86_400_000);
    return { year, month: thursday.getMonth() + 1 };
  }, [week, year]);
}
