import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api.js';

/**
 * Named queries over the typed client (issue 13): the keys below are what invalidation matches (a prefix such as
 * `['reports', spaceId]` marks every query under it stale); each answer's type is inferred from the server's
 * routes (AppType), never cast.
 */
export const keys = {
  spaces: () => ['spaces'] as const,
  reports: (spaceId: string) => ['reports', spaceId] as const,
  report: (reportId: string) => ['report', reportId] as const,
  members: (spaceId: string) => ['members', spaceId] as const,
  invites: (spaceId: string) => ['invites', spaceId] as const,
  objectives: (spaceId: string) => ['objectives', spaceId] as const,
  items: (reportId: string) => ['items', reportId] as const,
  comments: (reportId: string) => ['comments', reportId] as const,
  notifications: () => ['notifications'] as const,
  history: (reportId: string) => ['history', reportId] as const,
  snapshot: (reportId: string, snapshotId: string) => ['history', reportId, snapshotId] as const,
  search: (spaceId: string, q: string, limit: number) => ['search', spaceId, q, limit] as const,
};

const space = api.api.spaces[':spaceId'];
const report = api.api.reports[':reportId'];

export const fetchSpaces = () => unwrap(api.api.spaces.$get());
export const fetchReports = (spaceId: string) => unwrap(space.reports.$get({ param: { spaceId } }));
export const fetchReport = (reportId: string) => unwrap(report.$get({ param: { reportId } }));
export const fetchMembers = (spaceId: string) => unwrap(space.members.$get({ param: { spaceId } }));
export const fetchInvites = (spaceId: string) => unwrap(space.invites.$get({ param: { spaceId } }));
export const fetchObjectives = (spaceId: string) => unwrap(space.objectives.$get({ param: { spaceId } }));
export const fetchItems = (reportId: string) => unwrap(report.items.$get({ param: { reportId } }));

export type Space = Awaited<ReturnType<typeof fetchSpaces>>[number];
export type ReportSummary = Awaited<ReturnType<typeof fetchReports>>[number];
export type Member = Awaited<ReturnType<typeof fetchMembers>>[number];

export const useSpaces = () => useQuery({ queryKey: keys.spaces(), queryFn: fetchSpaces });

export const useReports = (spaceId: string | null | undefined) =>
  useQuery({ queryKey: keys.reports(spaceId ?? ''), queryFn: () => fetchReports(spaceId!), enabled: !!spaceId });

export const useReport = (reportId: string | undefined) =>
  useQuery({ queryKey: keys.report(reportId ?? ''), queryFn: () => fetchReport(reportId!), enabled: !!reportId });

/** Invitations of a space not taken up yet (owners only). */
export const useInvites = (spaceId: string, enabled: boolean) =>
  useQuery({ queryKey: keys.invites(spaceId), queryFn: () => fetchInvites(spaceId), enabled: !!spaceId && enabled });

export const useMembers = (spaceId: string | null | undefined) =>
  useQuery({ queryKey: keys.members(spaceId ?? ''), queryFn: () => fetchMembers(spaceId!), enabled: !!spaceId });

export const useObjectives = (spaceId: string | undefined) =>
  useQuery({ queryKey: keys.objectives(spaceId ?? ''), queryFn: () => fetchObjectives(spaceId!), enabled: !!spaceId });

/** A report's indexed items (GET /api/reports/:id/items). */
export const useItems = (reportId: string | null | undefined) =>
  useQuery({ queryKey: keys.items(reportId ?? ''), queryFn: () => fetchItems(reportId!), enabled: !!reportId });
