import { ApiError } from '../api.js';
import type { Anchor, CommentView, NotificationView } from '../../shared/api/comments.js';

/** Comment, notification, cycle and history calls of the report page (shapes as the server answers them). */
export type { Anchor };
export type Comment = CommentView;
export interface Thread { root: Comment; replies: Comment[] }

export type Notification = NotificationView;

/** fetch + JSON, throwing ApiError with the server's message on failure. */
export async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach the server. Check your connection.');
  }
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data?.error?.code ?? 'http_error', data?.error?.message ?? `Request failed (${res.status}).`);
  return data as T;
}

export const commentsApi = {
  list: (reportId: string) => call<Comment[]>('GET', `/api/reports/${reportId}/comments`),
  add: (reportId: string, c: { blockId?: string | null; body: string; parentId?: string; anchor?: Anchor | null }) =>
    call<Comment>('POST', `/api/reports/${reportId}/comments`, c),
  setResolved: (id: string, resolved: boolean) => call<Comment>('PATCH', `/api/comments/${id}`, { resolved }),
  edit: (id: string, body: string) => call<Comment>('PATCH', `/api/comments/${id}`, { body }),
};

export const notificationsApi = {
  list: () => call<{ items: Notification[]; unread: number }>('GET', '/api/notifications'),
  read: (which: { ids: string[] } | { all: true }) => call<{ unread: number }>('POST', '/api/notifications/read', which),
};

/** Threads in document-agnostic order: oldest opening comment first, replies in order under it. */
export function toThreads(comments: Comment[]): Thread[] {
  const threads = new Map<string, Thread>();
  for (const c of comments) if (!c.parentId) threads.set(c.id, { root: c, replies: [] });
  for (const c of comments) if (c.parentId) threads.get(c.parentId)?.replies.push(c);
  return [...threads.values()];
}
