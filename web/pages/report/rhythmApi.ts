import { useQuery } from '@tanstack/react-query';
import { api, ApiError, unwrap } from '../../api.js';

/**
 * The weekly rhythm's calls (issue 15) through the app's one typed client: a report's update status, reminders,
 * its changes since the previous report; a space's summary of a period, its saved documents and its deadline.
 * Answers are typed by the server's routes (server/routes/rhythm.ts), never cast.
 */
const report = api.api.reports[':reportId'];
const space = api.api.spaces[':spaceId'];

export const rhythmKeys = {
  status: (reportId: string) => ['rhythm', 'status', reportId] as const,
  changes: (reportId: string) => ['rhythm', 'changes', reportId] as const,
  documents: (spaceId: string) => ['rhythm', 'documents', spaceId] as const,
  document: (documentId: string) => ['rhythm', 'document', documentId] as const,
  summary: (spaceId: string, from: string, to: string) => ['rhythm', 'summary', spaceId, from, to] as const,
  deadline: (spaceId: string) => ['rhythm', 'deadline', spaceId] as const,
};

export const rhythmApi = {
  status: (reportId: string) => unwrap(report.status.$get({ param: { reportId } })),
  remind: (reportId: string, userIds?: string[]) => unwrap(report.remind.$post({ param: { reportId }, json: userIds ? { userIds } : {} })),
  changes: (reportId: string) => unwrap(report.changes.$get({ param: { reportId } })),
  /** The period on one page, as Markdown. */
  summary: async (spaceId: string, from: string, to: string): Promise<string> => {
    let res;
    try {
      res = await space.summary.$get({ param: { spaceId }, query: { from, to } });
    } catch {
      throw new ApiError(0, 'network', 'Cannot reach the server. Check your connection.');
    }
    if (res.ok) return res.text();
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(res.status, body?.error?.code ?? 'http_error', body?.error?.message ?? `Request failed (${res.status}).`);
  },
  documents: (spaceId: string) => unwrap(space.documents.$get({ param: { spaceId } })),
  saveDocument: (spaceId: string, doc: { title: string; markdown: string }) => unwrap(space.documents.$post({ param: { spaceId }, json: doc })),
  document: (documentId: string) => unwrap(api.api.documents[':documentId'].$get({ param: { documentId } })),
  deadline: (spaceId: string) => unwrap(space.rhythm.$get({ param: { spaceId } })),
  setDeadline: (spaceId: string, deadline: { weekday: number; time: string; timeZone: string }) =>
    unwrap(space.rhythm.$patch({ param: { spaceId }, json: { deadline } })),
};

export type UpdateStatus = Awaited<ReturnType<typeof rhythmApi.status>>;
export type OwnerStatus = UpdateStatus['owners'][number];
export type Changes = Awaited<ReturnType<typeof rhythmApi.changes>>;
export type ItemChange = Changes['items'][number];
export type Deadline = Awaited<ReturnType<typeof rhythmApi.deadline>>['deadline'];

export const useUpdateStatus = (reportId: string) =>
  useQuery({ queryKey: rhythmKeys.status(reportId), queryFn: () => rhythmApi.status(reportId), enabled: !!reportId });
export const useChanges = (reportId: string) =>
  useQuery({ queryKey: rhythmKeys.changes(reportId), queryFn: () => rhythmApi.changes(reportId), enabled: !!reportId });
