import { api, unwrap, type Role } from '../api.js';
import { useQuery } from './query.js';

/** Named queries over the typed client; keys are what invalidate() prefixes match. */
export type Space = { id: string; name: string; role: Role };
export type ReportSummary = { id: string; week: string; title: string; updatedAt: string };
export type Member = { userId: string; name: string; email: string; role: Role };

export const useSpaces = () =>
  useQuery<Space[]>('spaces', () => unwrap(api.api.spaces.$get()) as Promise<Space[]>);

export const useReports = (spaceId: string | null | undefined) =>
  useQuery<ReportSummary[]>(spaceId ? `reports:${spaceId}` : null, () =>
    unwrap(api.api.spaces[':spaceId'].reports.$get({ param: { spaceId: spaceId! } })) as Promise<ReportSummary[]>);

export const useReport = (reportId: string | undefined) =>
  useQuery(reportId ? `report:${reportId}` : null, () =>
    unwrap(api.api.reports[':reportId'].$get({ param: { reportId: reportId! } })) as Promise<ReportSummary & { spaceId: string; role: Role }>);

export const useMembers = (spaceId: string | undefined) =>
  useQuery<Member[]>(spaceId ? `members:${spaceId}` : null, () =>
    unwrap(api.api.spaces[':spaceId'].members.$get({ param: { spaceId: spaceId! } })) as Promise<Member[]>);
