import type { Generated } from 'kysely';

/** The app's own tables (better-auth keeps user/session/account/verification beside them). */
export interface Tables {
  user: { id: string; name: string; email: string };
  space: { id: string; name: string; objectives: string; created_at: string };
  member: { space_id: string; user_id: string; role: Role; created_at: string };
  report: { id: string; space_id: string; week: string; title: string; created_at: string; updated_at: string };
  doc_update: { id: Generated<number>; doc_id: string; data: Uint8Array; created_at: string };
  doc_snapshot: { doc_id: string; data: Uint8Array; upto_id: number; updated_at: string };
}

export const roles = ['owner', 'editor', 'commenter', 'viewer'] as const;
export type Role = (typeof roles)[number];
export const canEdit = (role: Role) => role === 'owner' || role === 'editor';
export const canComment = (role: Role) => role !== 'viewer';
