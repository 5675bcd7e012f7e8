import { ApiError } from '../api.js';

/** Comment, notification, cycle and history calls of the report page (shapes as the server answers them). */
export interface Anchor { from: string; to: string; quote?: string }
export interface Comment {
  id: string;
  reportId: string;
  blockId: string | null;
  parentId: string | null;
  body: string;
  anchor: Anchor | null;
  author: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
  resolved: boolean;
  detached?: boolean;
}
export interface Thread { root: Comment; replies: Comment[] }

export interface Notification {
  id: string;
  kind: 'mention' | 'doc_mention' | 'owner' | 'reply';
  reportId: string;
  week: string | null;
  commentId: string | null;
  blockId: string | null;
  actor: { id: string; name: string };
  excerpt: string;
  read: boolean;
  createdAt: string;
}

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
