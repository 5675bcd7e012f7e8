import type { Generated } from 'kysely';
import type { ItemKind } from '../../shared/blocks/index.js';
import type { Role } from '../../shared/roles.js';

/** The app's own tables (better-auth keeps user/session/account/verification beside them). */
export interface Tables {
  user: { id: string; name: string; email: string };
  /** better-auth's (read by server/sessionReader.ts; only better-auth writes it). Dates: ISO text on SQLite, timestamptz on PostgreSQL. */
  session: { id: string; token: string; userId: string; expiresAt: string | Date };
  comment: { id: string; report_id: string; block_id: string | null; parent_id: string | null; author_id: string; body: string; anchor: string | null; resolved: number; created_at: string; updated_at: string };
  notification: { id: string; user_id: string; kind: string; report_id: string; comment_id: string | null; block_id: string | null; actor_id: string; excerpt: string; read: number; created_at: string };
  report_history: { id: string; report_id: string; created_at: string; reason: string; authors: string; data: Uint8Array };
  doc_mention: { report_id: string; user_id: string; place: string; created_at: string };
  /** A member added by an email no account has yet (domain/invites.ts). */
  invite: { space_id: string; email: string; role: Role; invited_by: string; created_at: string };
  space: { id: string; name: string; objectives: string; created_at: string; deadline_weekday: Generated<number>; deadline_time: Generated<string>; time_zone: Generated<string> };
  /** Per item of a report (issue 15): its fingerprint when the report was started and now, who last changed it and when. */
  item_update: { report_id: string; block_id: string; kind: string; baseline: string | null; seen: string; updated_by: string | null; updated_at: string | null };
  /** Reminders sent: one per person, report, kind and day (the key is what makes several processes send it once). */
  reminder: { report_id: string; user_id: string; kind: 'reminder' | 'deadline'; day: string; sent_by: string | null; created_at: string };
  /** Documents of a space (saved period summaries). */
  space_document: { id: string; space_id: string; title: string; markdown: string; created_by: string; created_at: string };
  member: { space_id: string; user_id: string; role: Role; created_at: string };
  report: { id: string; space_id: string; week: string; title: string; created_at: string; updated_at: string };
  doc_update: { id: Generated<number>; doc_id: string; data: Uint8Array; created_at: string };
  doc_snapshot: { doc_id: string; data: Uint8Array; upto_id: number; updated_at: string };
  item: ItemRow;
  /** `doc_version`: the stored document's version the rows were indexed from (migration 011; null before it). */
  item_state: { report_id: string; hash: string; indexed_at: string; doc_version: number | null; rev: Generated<number> };
  /** A space's projects (issue 12): a stable key; a merged one names the project it went into. */
  project: { space_id: string; key: string; merged_into: string | null; created_at: string };
  /** Every name a project was written with (normalized by search/keys.ts projectKey), and its project. */
  project_alias: { space_id: string; name_key: string; name: string; project_key: string };
  search_row: {
    id: Generated<number>; report_id: string; space_id: string; week: string; kind: string; position: number;
    block_id: string | null; project: string | null; progress: number | null; text: string; grams: string; project_id: string | null;
  };
}

/** One indexed structured item (server/search/indexer.ts writes them, per report). */
export interface ItemRow {
  report_id: string; space_id: string; week: string; kind: ItemKind; position: number; block_id: string;
  objective: string | null; project: string | null; project_key: string | null; text: string;
  progress: number | null; due: string | null; status: string | null; owner: string | null; from_id: string | null;
  name: string | null; name_key: string | null; value: number | null; unit: string | null; target: number | null;
  /** `≤` when the target is a ceiling, `≥` when said outright, else null (shared/kpiTarget.ts). */
  target_op: string | null;
  start_at: string | null; end_at: string | null; duration_minutes: number | null; severity: string | null; review: string | null;
  json: string;
  /** The space's project the item resolves to (server/rollups/projects.ts), for items that name one. */
  project_id: string | null;
}

export { canComment, canEdit, roles, type Role } from '../../shared/roles.js';
