import { api, unwrap } from '../api.js';
import type { Anchor, CommentView, NotificationView } from '../../shared/api/comments.js';

/** Comment and notification calls of the report page (shapes as the server answers them). */
export type { Anchor };
export type Comment = CommentView;
export interface Thread { root: Comment; replies: Comment[] }

export type Notification = NotificationView;

const report = api.api.reports[':reportId'];
const comment = api.api.comments[':commentId'];

/** Comment calls, through the app's one typed client (web/api.ts). */
export const commentsApi = {
  list: (reportId: string) => unwrap(report.comments.$get({ param: { reportId } })) as Promise<Comment[]>,
  add: (reportId: string, c: { blockId?: string | null; body: string; parentId?: string; anchor?: Anchor | null }) =>
    unwrap(report.comments.$post({ param: { reportId }, json: c })) as Promise<Comment>,
  setResolved: (id: string, resolved: boolean) => unwrap(comment.$patch({ param: { commentId: id }, json: { resolved } })) as Promise<Comment>,
  edit: (id: string, body: string) => unwrap(comment.$patch({ param: { commentId: id }, json: { body } })) as Promise<Comment>,
};

export const notificationsApi = {
  list: () => unwrap(api.api.notifications.$get()) as Promise<{ items: Notification[]; unread: number }>,
  read: (which: { ids: string[] } | { all: true }) => unwrap(api.api.notifications.read.$post({ json: which })) as Promise<{ unread: number }>,
};

/** Threads in document-agnostic order: oldest opening comment first, replies in order under it. */
export function toThreads(comments: Comment[]): Thread[] {
  const threads = new Map<string, Thread>();
  for (const c of comments) if (!c.parentId) threads.set(c.id, { root: c, replies: [] });
  for (const c of comments) if (c.parentId) threads.get(c.parentId)?.replies.push(c);
  return [...threads.values()];
}
