/** Shapes of comments and notifications as the server answers them (server/domain builds them, web/comments reads them). */

/** A text-range anchor as the client computes it: Yjs relative positions, base64-encoded; stored as opaque JSON. */
export interface Anchor { from: string; to: string; quote?: string; [k: string]: unknown }

export interface CommentView {
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
  /** The block (or text range) it hangs on is no longer in the document. */
  detached?: boolean;
}

/** Why someone is told: mentioned in a comment or in the document, owner of the OKR item commented on, or a reply in their thread. */
/** `reminder`: someone asked for the week's update; `deadline`: the space's weekly deadline passed with items untouched. */
export type NotificationKind = 'mention' | 'doc_mention' | 'owner' | 'reply' | 'reminder' | 'deadline';

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  reportId: string;
  week: string | null;
  commentId: string | null;
  blockId: string | null;
  actor: { id: string; name: string };
  excerpt: string;
  read: boolean;
  createdAt: string;
}
