import { createContext, useContext } from 'react';

/** A member of the space, as GET /api/spaces/:spaceId/members returns it. */
export interface SpaceMember { userId: string; name: string; email?: string; role?: string }

/** What the blocks need to know about the report they sit in; the report page provides it around the editor. */
export interface ReportContextValue {
  spaceId: string | null;
  reportId: string | null;
  /** ISO week, `YYYY-Www`. */
  week: string | null;
  /** The report's year (dates written without one, like `计划3/28上线`, take it). */
  year: number;
  /** Space members for the owner picker; when empty, the blocks fetch them. */
  members: SpaceMember[];
  canEdit: boolean;
}

export const defaultReportContext: ReportContextValue = {
  spaceId: null,
  reportId: null,
  week: null,
  year: new Date().getFullYear(),
  members: [],
  canEdit: true,
};

export const ReportContext = createContext<ReportContextValue>(defaultReportContext);

/** Build a full context value from what the page knows; the year follows the week when not given. */
export function reportContextValue(v: Partial<ReportContextValue>): ReportContextValue {
  const year = v.year ?? (v.week ? Number(v.week.slice(0, 4)) : undefined);
  return { ...defaultReportContext, ...v, year: year && Number.isFinite(year) ? year : defaultReportContext.year };
}

export const useReportContext = () => useContext(ReportContext);
