import type { ReportItems } from '../../shared/blocks/index.js';
import type { Objective } from '../../shared/objectives.js';
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

export const useObjectives = (spaceId: string | undefined) =>
  useQuery<Objective[]>(spaceId ? `objectives:${spaceId}` : null, () =>
    unwrap(api.api.spaces[':spaceId'].objectives.$get({ param: { spaceId: spaceId! } })) as Promise<Objective[]>);

/** A report's indexed items (GET /api/reports/:id/items). */
export const useItems = (reportId: string | null | undefined) =>
  useQuery<ReportItems>(reportId ? `items:${reportId}` : null, () =>
    unwrap(api.api.reports[':reportId'].items.$get({ param: { reportId: reportId! } })) as Promise<ReportItems>);
