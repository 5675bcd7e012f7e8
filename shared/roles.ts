/**
 * Roles in a space and what each may do, once for the server and the web app.
 * owner: everything, members and objectives included; editor: write reports; commenter: comment; viewer: read.
 */
export const roles = ['owner', 'editor', 'commenter', 'viewer'] as const;
export type Role = (typeof roles)[number];

/** Write reports (the document, import, next week, restore). */
export const canEdit = (role: Role | null | undefined) => role === 'owner' || role === 'editor';
/** Write and resolve comments. */
export const canComment = (role: Role | null | undefined) => !!role && role !== 'viewer';
/** Manage the space: members, objectives. */
export const canManage = (role: Role | null | undefined) => role === 'owner';
/** The roles that may write reports, or comment (for route checks that take a list). */
export const editors = roles.filter((r) => canEdit(r));
export const commenters = roles.filter((r) => canComment(r));
