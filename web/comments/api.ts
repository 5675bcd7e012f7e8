import { api, unwrap } from '../api.js';
import { keys } from '../lib/data.js';
import { queryClient } from '../lib/queryClient.js';
import type { Anchor } from '../../shared/api/comments.js';

/** Comment and notification calls of the report page, through the app's one typed client; answers typed by the routes. */
export type { Anchor };

const report = api.api.reports[':reportId'];
const comment = api.api.comments[':commentId'];

export const commentsApi = {
  list: (reportId: string) => unwrap(report.comments.$get({ param: { reportId } })),
  add: (reportId: string, c: { blockId?: string | null; body: string; parentId?: string; anchor?: Anchor | null }) =>
    unwrap(report.comments.$post({ param: { reportId }, json: c })),
  setResolved: (id: string, resolved: boolean) => unwrap(comment.$patch({ param: { commentId: id }, json: { resolved } })),
  edit: (id: string, body: string) => unwrap(comment.$patch({ param: { commentId: id }, json: { body } })),
};

export const notificationsApi = {
  list: () => unwrap(api.api.notifications.$get()),
  read: (which: { ids: string[] } | { all: true }) => unwrap(api.api.notifications.read.$post({ json: which })),
};

/** After a write: the report's comments are stale here at once (others hear of it through the event stream). */
export const commentsChanged = (reportId: string) => queryClient.invalidateQueries({ queryKey: keys.comments(reportId) });

export type Comment = Awaited<ReturnType<typeof commentsApi.list>>[number];
export interface Thread { root: Comment; replies: Comment[] }
export type Notification = Awaited<ReturnType<typeof notificationsApi.list>>['items'][number];

/** Threads in document-agnostic order: oldest opening comment first, replies in order under it. */
export function toThreads(comments: Comment[]): Thread[] {
  const threads = new Map<string, Thread>();
  for (const c of comments) if (!c.parentId) threads.set(c.id, { root: c, replies: [] });
  for (const c of comments) if (c.parentId) threads.get(c.parentId)?.replies.push(c);
  return [...threads.values()];
}
